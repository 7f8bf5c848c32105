import { RedisStore } from '@diffsync/redis-store';
import type { StoredMoveOptions, World } from '../../../test-support/move-fixtures';
import { describeStoreMoves, syncOnStores } from '../../../test-support/move-fixtures';
import { redisFixture } from './redis-test-support';

// Moves (an object deleted under one parent and created under another in one diff) on
// RedisStore: the sync deletes the old copy first, and Redis holds the new one.
const redis = redisFixture('moves');
afterAll(() => redis.cleanup());

function onRedis(src: World, dst: World, options: StoredMoveOptions = {}) {
  return syncOnStores(
    () => redis.connect(),
    (store) => RedisStore.connect({ url: redis.url(), storeId: (store as RedisStore).storeId }),
    src,
    dst,
    options,
  );
}

describeStoreMoves('RedisStore', 'what a new connection reads', onRedis);
