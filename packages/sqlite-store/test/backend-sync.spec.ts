import { Adapter, BaseStore, LocalStore } from '@diffsync/core';
import { SqliteStore } from '@diffsync/sqlite-store';
import { Inventory, InventoryAdapter } from './models';
import { tempFolder } from './temp-files';

const temp = tempFolder('backends');
afterAll(() => temp.cleanup());

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

interface Outcome {
  summary: unknown;
  diffText: string;
  after: unknown;
  afterText: string;
  leftover: boolean;
}

async function diffAndSync(makeStore: (side: string) => BaseStore, reopen?: (store: BaseStore) => BaseStore): Promise<Outcome> {
  const a = new BackendA({ name: 'Backend-A', store: makeStore('a') });
  const b = new BackendB({ name: 'Backend-B', store: makeStore('b') });
  await a.loadInventory(dataA);
  await b.loadInventory(dataB);
  const diff = await a.diffFrom(b);
  const summary = diff.summary();
  const diffText = diff.str();
  await a.syncFrom(b, { diff });
  let synced: Adapter = a;
  if (reopen) {
    await a.store.close();
    synced = new BackendA({ name: 'Backend-A', store: reopen(a.store) });
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

describe('BackendA/BackendB diff and sync on SqliteStore', () => {
  it('gives LocalStore’s summary, diff and result, and the result survives a reopen', async () => {
    const local = await diffAndSync(() => new LocalStore());
    const filename = temp.file('backends.sqlite');
    const sqlite = await diffAndSync(
      (side) => new SqliteStore({ filename, storeId: `backend-${side}` }),
      (store) => new SqliteStore({ filename, storeId: (store as SqliteStore).storeId }),
    );
    expect(local.summary).toEqual({ create: 8, update: 1, delete: 4, 'no-change': 13, skip: 0 });
    expect(local.leftover).toBe(false);
    expect(sqlite).toEqual(local);
  });
});
