import type { Diff } from '../diff/diff';
import type { DiffSyncFlags } from '../common/flags';
import type { Partition } from '../partition/partition-of';

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
