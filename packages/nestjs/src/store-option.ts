import { inspect } from 'node:util';
import type { Adapter } from '@diffsync/core';
import { BaseStore, LocalStore } from '@diffsync/core';
import type { StoreClassOption, StoreFactoryOption } from './diffsync-module-options';
import { DiffSyncModuleError } from './errors';

function isStoreClass(store: unknown): store is StoreClassOption {
  return typeof store === 'function' && (store === BaseStore || store.prototype instanceof BaseStore);
}

/**
 * Check `forRoot({ store })` when the module starts: a class or a factory. An instance is
 * refused because every adapter instance needs a store of its own.
 */
export function assertStoreOption(store: unknown): void {
  if (store === undefined || typeof store === 'function') return;
  const what = store instanceof BaseStore ? `a ${store.constructor.name} instance` : inspect(store, { depth: 0 });
  throw new DiffSyncModuleError(
    `DiffSyncModule.forRoot({ store }) takes a BaseStore subclass or a factory (adapter) => store, got ${what}: ` +
      'every adapter instance needs a store of its own, so one store instance cannot be shared. ' +
      'Pass the class, or a factory that builds a new store on each call.',
  );
}

/** Build the store of one adapter from the `store` option (default: LocalStore). */
export async function buildStore(option: StoreClassOption | StoreFactoryOption | undefined, adapter: Adapter): Promise<BaseStore> {
  let store: unknown;
  if (option === undefined) store = new LocalStore({ adapter });
  else if (isStoreClass(option)) store = new option({ adapter });
  else store = await option(adapter);
  if (!(store instanceof BaseStore)) {
    throw new DiffSyncModuleError(`the store factory returned ${String(store)}, not a BaseStore.`);
  }
  return store;
}
