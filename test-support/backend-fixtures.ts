import type { Adapter, BaseStore } from '@diffsync/core';
import type { Inventory } from './inventory-models';
import { InventoryAdapter } from './inventory-models';

/** diffsync's example BackendA / BackendB data, for stores to prove they give LocalStore's results. */
export class BackendA extends InventoryAdapter {}
export class BackendB extends InventoryAdapter {}

export const dataA: Inventory = {
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

export const dataB: Inventory = {
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

export interface BackendOutcome {
  summary: unknown;
  diffText: string;
  after: unknown;
  afterText: string;
  leftover: boolean;
}

/**
 * Loads A and B on stores from `makeStore`, syncs A from B and reports what happened;
 * with `reopen`, A's result is read back through a new store on the same data.
 */
export async function diffAndSyncBackends(
  makeStore: (side: string) => BaseStore | Promise<BaseStore>,
  reopen?: (store: BaseStore) => BaseStore | Promise<BaseStore>,
): Promise<BackendOutcome> {
  const a = new BackendA({ name: 'Backend-A', store: await makeStore('a') });
  const b = new BackendB({ name: 'Backend-B', store: await makeStore('b') });
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
