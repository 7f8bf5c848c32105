import type { BaseStore, StoreOptions } from '../store/base-store';
import type { SyncLogger } from '../logging/sync-logger';
import type { Partition } from '../partition/partition-of';

/** A store class the adapter instantiates with `{ adapter }`. */
export type StoreClass = new (options?: StoreOptions) => BaseStore;

/** Options of the {@link Adapter} constructor. */
export interface AdapterOptions {
  /** Instance name; defaults to the adapter's type. */
  name?: string;
  /** A store instance or class; defaults to LocalStore. */
  store?: BaseStore | StoreClass;
  /** Defaults to the global default logger (silent unless enableConsoleLogging was called). */
  logger?: SyncLogger;
  /** Run class-validator constraints on every add(). */
  validate?: boolean;
  /**
   * Hold one partition of the top-level objects (`partitionOf(uid, count) === index`):
   * `load()` may skip the others with `inPartition`, and diff/sync cover only this one.
   */
  partition?: Partition;
}
