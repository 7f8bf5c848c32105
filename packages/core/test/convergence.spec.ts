import { LocalStore } from '../src';
import { describeStoreConvergence } from '../src/testing';

// LocalStore keeps nothing beyond its instance: the suite re-diffs the synced adapter itself.
describeStoreConvergence('LocalStore', () => new LocalStore(), { persistent: false, numRuns: 300 });
