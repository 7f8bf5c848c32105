import { Adapter, BaseStore, LocalStore } from '@diffsync/core';
import { RedisStore } from '@diffsync/redis-store';
import { Inventory, InventoryAdapter } from './models';
import { redisFixture } from './redis-test-support';

const redis = redisFixture('backends');
afterAll(() => redis.cleanup());

class BackendA extends InventoryAdapter {}
class BackendB extends InventoryAdapter {}

const dataA: Inventory = {
  nyc: {
    'nyc-spine1': { role: 'spine', interfaces: { eth0: 'Interface 0', eth1: 'Interface 1' } },
    'nyc-spine2': { role: 'spine', interfaces: { eth0: 'Interface 0', eth1: 'Interface 1' } },
  },
  sfo: {
    'sfo-spine1': { role: 'spine', interfaces: { eth0: 'Interface 0', eth1: 'Interface 1', eth2: 'Interface 2' } },
    'sfo-spine2': { role: 'spine', interfaces: { eth0: 'TBD', eth1: 'ddd' } },
  },
  lon: { 'lon-leaf1': { role: 'leaf', interfaces: { eth0: 'Interface 0' } } },
};

const dataB: Inventory = {
  atl: {
    'atl-spine1': { role: 'spine', interfaces: { eth0: 'Interface 0', eth1: 'Interface 1' } },
    'atl-spine2': { role: 'spine', interfaces: { eth0: 'Interface 0', eth1: 'Interface 1' } },
  },
  nyc: {
    'nyc-spine1': { role: 'spine', interfaces: { eth0: 'Interface 0/0', eth1: 'Interface 1' } },
    'nyc-spine2': { role: 'spine', interfaces: { eth0: 'Interface 0', eth1: 'Interface 1' } },
  },
  sfo: {
    'sfo-spine1': { role: 'spine', interfaces: { eth0: 'Interface 0', eth1: 'Interface 1' } },
    'sfo-spine2': { role: 'spine', interfaces: { eth0: 'TBD', eth1: 'ddd', eth3: 'Interface 3' } },
  },
};

async function diffAndSync(makeStore: () => Promise<BaseStore>, reopen?: (store: BaseStore) => Promise<BaseStore>) {
  const a = new BackendA({ name: 'Backend-A', store: await makeStore() });
  const b = new BackendB({ name: 'Backend-B', store: await makeStore() });
  await a.loadInventory(dataA);
  await b.loadInventory(dataB);
  const diff = await a.diffFrom(b);
  const summary = diff.summary();
  const diffText = diff.str();
  await a.syncFrom(b, { diff });
  let synced: Adapter = a;
  if (reopen) {
    await a.store.close();
    synced = new BackendA({ name: 'Backend-A', store: await reopen(a.store) });
  }
  const outcome = {
    summary,
    diffText,
    after: await synced.toDict(),
    afterText: await synced.str(),
    leftover: (await synced.diffFrom(b)).hasDiffs(),
  };
  await Promise.all([synced.store.close(), b.store.close()]);
  return outcome;
}

describe('BackendA/BackendB diff and sync on RedisStore', () => {
  it('gives LocalStore’s summary, diff and result, and the result is what a new connection reads', async () => {
    const local = await diffAndSync(async () => new LocalStore());
    const onRedis = await diffAndSync(
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
