import { describeStoreConvergence } from '@diffsync/core/testing';
import { RedisStore } from '@diffsync/redis-store';
import { redisFixture } from './redis-test-support';

// StoreIds under this file's unique prefix; every store is destroyed after its run and
// afterAll removes anything left under the prefix.
const redis = redisFixture('convergence');
afterAll(() => redis.cleanup());

// JSON cannot carry NaN, ±Infinity or bigint: the store must refuse them with a named error.
describeStoreConvergence('RedisStore', (storeId) => RedisStore.connect({ url: redis.url(), storeId: `${redis.prefix}_${storeId}` }), {
  refuses: ['NaN', 'Infinity', '-Infinity', 'bigint'],
  closeStore: (store) => (store as RedisStore).destroy(),
  numRuns: 100,
});
