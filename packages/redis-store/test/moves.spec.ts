import fc from 'fast-check';
import { RedisStore } from '@diffsync/redis-store';
import type { World, WorldFlags } from '../../../test-support/move-fixtures';
import { AFTER, BEFORE, STORE_SCENARIOS, deletionFlagsArb, shapeOf, syncOnStores, worldArb } from '../../../test-support/move-fixtures';
import { redisFixture } from './redis-test-support';

// Moves (an object deleted under one parent and created under another in one diff) on
// RedisStore: the sync deletes the old copy first, and Redis holds the new one.
const redis = redisFixture('moves');
afterAll(() => redis.cleanup());

function onRedis(src: World, dst: World, options: { flags?: WorldFlags; concurrency?: number; slow?: boolean } = {}) {
  return syncOnStores(
    () => redis.connect(),
    (store) => RedisStore.connect({ url: redis.url(), storeId: (store as RedisStore).storeId }),
    src,
    dst,
    options,
  );
}

describe('moves on RedisStore', () => {
  it.each(STORE_SCENARIOS)('%s: a new connection reads the source', async (_label, src, dst, flags) => {
    const outcome = await onRedis(src, dst, { flags });
    expect(outcome.world).toEqual(shapeOf(src));
    expect(outcome.reopenedWorld).toEqual(shapeOf(src));
    expect(outcome.leftover).toBe(false);
  });

  it('calls the old copy’s delete hook before the new copy’s create hook, also with concurrency 4', async () => {
    const outcome = await onRedis(AFTER, BEFORE, { concurrency: 4, slow: true });
    for (const moved of ['country tr', 'city basel', 'city istanbul']) {
      expect(outcome.calls.indexOf(`delete ${moved}`)).toBeGreaterThanOrEqual(0);
      expect(outcome.calls.indexOf(`delete ${moved}`)).toBeLessThan(outcome.calls.indexOf(`create ${moved}`));
    }
    expect(outcome.leftover).toBe(false);
  });

  it('converges for random moves', async () => {
    await fc.assert(
      fc.asyncProperty(worldArb, worldArb, deletionFlagsArb, fc.constantFrom(1, 3), async (src, dst, continent, concurrency) => {
        const outcome = await onRedis(src, dst, { flags: { continent }, concurrency });
        expect(outcome.reopenedWorld).toEqual(shapeOf(src));
        expect(outcome.leftover).toBe(false);
      }),
      { numRuns: 40 },
    );
  });
});
