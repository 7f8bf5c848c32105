import { describeStoreConformance } from '@diffsync/core/testing';
import { RedisStore } from '@diffsync/redis-store';
import { redisFixture } from './redis-test-support';

const redis = redisFixture('conf');
afterAll(() => redis.cleanup());

describeStoreConformance('RedisStore', () => redis.connect(), {
  reopen: (store) => RedisStore.connect({ url: redis.url(), storeId: (store as RedisStore).storeId }),
});
