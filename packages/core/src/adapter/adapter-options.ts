import type { BaseStore, StoreOptions } from '../store/base-store';
import type { SyncLogger } from '../logging/sync-logger';
import type { Diff } from '../diff/diff';
import type { DiffSyncFlags } from '../model/flags';
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

/** Called as diff and sync advance: the stage, objects done so far and the total. */
export type ProgressCallback = (stage: 'diff' | 'sync', current: number, total: number) => void;

/** A {@link Diff} subclass the differ instantiates (to change element order, for example). */
export type DiffClass<D extends Diff = Diff> = new () => D;

/** Options of `diffFrom` / `diffTo`. */
export interface DiffOptions<D extends Diff = Diff> {
  /** The Diff class to build (default {@link Diff}). */
  diffClass?: DiffClass<D>;
  /** Global flags such as `SKIP_UNMATCHED_DST` (default none). */
  flags?: DiffSyncFlags;
  /** Progress callback, called as objects are compared (and synced). */
  callback?: ProgressCallback;
  /**
   * Compare (and sync) only the top-level objects in this partition, with their subtrees.
   * Default: the adapters' own partition.
   */
  partition?: Partition;
}

/** Options of `syncFrom` / `syncTo`: the diff options plus a precomputed diff and concurrency. */
export interface SyncOptions<D extends Diff = Diff> extends DiffOptions<D> {
  /** A precomputed diff to apply as is (even when empty). */
  diff?: D;
  /** How many sibling CRUD hooks may run at once (default 1). */
  concurrency?: number;
}
