import { LocalStore } from '@diffsync/core';
import { RedisStore } from '@diffsync/redis-store';
import { BackendA, BackendB, dataA, dataB, diffAndSyncBackends } from '../../../test-support/backend-fixtures';
import { redisFixture } from './redis-test-support';

const redis = redisFixture('backends');
afterAll(() => redis.cleanup());

describe('BackendA/BackendB diff and sync on RedisStore', () => {
  it('gives LocalStore’s summary, diff and result, and the result is what a new connection reads', async () => {
    const local = await diffAndSyncBackends(() => new LocalStore());
    const onRedis = await diffAndSyncBackends(
      () => redis.connect(),
      (store) => RedisStore.connect({ url: redis.url(), storeId: (store as RedisStore).storeId }),
    );
    expect(local.summary).toEqual({ create: 8, update: 1, delete: 4, 'no-change': 13, skip: 0 });
    expect(local.leftover).toBe(false);
    expect(onRedis).toEqual(local);
  });

  it('syncs with concurrency 8 to the same result', async () => {
    const a = new BackendA({ name: 'Backend-A', store: await redis.connect() });
    const b = new BackendB({ name: 'Backend-B', store: await redis.connect() });
    await a.loadInventory(dataA);
    await b.loadInventory(dataB);
    await a.syncFrom(b, { concurrency: 8 });
    const again = new BackendA({ store: await RedisStore.connect({ url: redis.url(), storeId: (a.store as RedisStore).storeId }) });
    await a.store.close();
    expect((await again.diffFrom(b)).summary()).toEqual({ create: 0, update: 0, delete: 0, 'no-change': 22, skip: 0 });
    await Promise.all([again.store.close(), b.store.close()]);
  });
});
