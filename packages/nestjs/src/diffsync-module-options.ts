import type { Adapter, BaseStore, StoreOptions, SyncLogger } from '@diffsync/core';

/** A store class, built by the module with `{ adapter }`. */
export type StoreClassOption = new (options?: StoreOptions) => BaseStore;

/**
 * A function building one store per adapter. The module closes the stores it got this
 * way; resources the store does not own (e.g. a Redis client passed to
 * `RedisStore.connect({ client })`) stay open.
 */
export type StoreFactoryOption = (adapter: Adapter) => BaseStore | Promise<BaseStore>;

/** Options of `DiffSyncModule.forRoot()` / `forRootAsync()`. */
export interface DiffSyncModuleOptions {
  /**
   * Default: LocalStore. Every adapter instance gets a store of its own, so a store
   * instance is refused (it could only ever serve one adapter).
   */
  store?: StoreClassOption | StoreFactoryOption;
  /** Logger given to every adapter (a winston Logger, e.g. from nest-winston, fits). */
  logger?: SyncLogger;
  /** Run class-validator constraints on every add(). */
  validate?: boolean;
  /**
   * With a `store` option, build (and close) one store per registered adapter at
   * bootstrap so that a misconfigured or unreachable store fails the application start,
   * naming the adapter, instead of the first sync. Default: true.
   */
  checkStoreOnBootstrap?: boolean;
}
