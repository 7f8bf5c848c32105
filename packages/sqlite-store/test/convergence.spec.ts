import { join } from 'node:path';
import { describeStoreConvergence } from '@diffsync/core/testing';
import { SqliteStore } from '@diffsync/sqlite-store';
import { tempFolder } from './temp-files';

const temp = tempFolder('convergence');
afterAll(() => temp.cleanup());

// One file per storeId in a temp folder: the suite reopens a storeId to read what was
// persisted through a fresh SqliteStore on the same file.
// JSON cannot carry NaN, ±Infinity, -0 or bigint: the store must refuse them with a named error.
describeStoreConvergence('SqliteStore', (storeId) => new SqliteStore({ filename: join(temp.dir, `${storeId}.sqlite`), storeId }), {
  refuses: ['NaN', 'Infinity', '-Infinity', '-0', 'bigint'],
  numRuns: 100,
});
