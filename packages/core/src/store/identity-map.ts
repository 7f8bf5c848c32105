import type { DiffSyncModel } from '../model/diffsync-model';
import type { Snapshot } from './snapshot';

/** How a tracked object reaches the backing storage at the next write. */
export type EntryMode = 'stored' | 'insert' | 'upsert';

/** One object the store has handed out or been given. */
export interface Entry {
  /** Model name. */
  readonly model: string;
  /** Unique id. */
  readonly uid: string;
  /** The tracked instance (the one the store hands out for this model and uid). */
  obj: DiffSyncModel;
  /** The object as last written to (or read from) the backing storage; undefined until first written. */
  snap: Snapshot | undefined;
  /** Whether the entry is stored or waits for its write. */
  mode: EntryMode;
  /** Set when the entry was removed before its pending write ran. */
  cancelled: boolean;
}

/** Writes detached by `IdentityMap.takePending()`. */
export interface PendingBatch {
  /** Entries to write, in order. */
  readonly pending: Entry[];
  /** `[model, uid]` pairs to delete before the writes run. */
  readonly deletes: Array<[string, string]>;
}

/**
 * The objects a store instance has handed out or been given, keyed by model and uid,
 * plus the writes not yet applied to the backing storage (inserts/upserts in call
 * order, deletes). The same stored object is always the same instance, so changes made
 * to it (for example `parent.addChild(child)` after `add(parent)`) are found and written
 * by `flush()`, by comparing each entry with its snapshot.
 *
 * For authors of persistent stores (SqliteStore and RedisStore use it).
 */
export class IdentityMap {
  private readonly byModel = new Map<string, Map<string, Entry>>();
  /** Entries to insert or upsert, in call order. */
  pending: Entry[] = [];
  /** Rows to delete before the pending writes run. */
  deletes: Array<[string, string]> = [];
  private deleted = new Map<string, Set<string>>();
  /** Deletions of a batch taken by takePending() and not committed yet. */
  private inFlightDeleted: Map<string, Set<string>> | undefined;

  /** The entry of (model, uid), or undefined when it is not tracked. */
  get(model: string, uid: string): Entry | undefined {
    return this.byModel.get(model)?.get(uid);
  }

  /** The entries of one model, keyed by uid (undefined when none was ever tracked). */
  group(model: string): ReadonlyMap<string, Entry> | undefined {
    return this.byModel.get(model);
  }

  /** Track an object; a pending mode queues its write. */
  track(model: string, uid: string, obj: DiffSyncModel, mode: EntryMode, snap?: Snapshot): Entry {
    const entry: Entry = { model, uid, obj, snap, mode, cancelled: false };
    let group = this.byModel.get(model);
    if (!group) this.byModel.set(model, (group = new Map<string, Entry>()));
    group.set(uid, entry);
    if (mode !== 'stored') this.pending.push(entry);
    return entry;
  }

  /** An explicit update(): `obj` replaces the tracked object of its uid (if any) and is written at the next flush. */
  upsert(model: string, uid: string, obj: DiffSyncModel): void {
    const entry = this.get(model, uid);
    if (!entry) {
      this.track(model, uid, obj, 'upsert');
      return;
    }
    entry.obj = obj;
    this.queue(entry, 'upsert');
  }

  /** Queue a write of an entry already tracked (an explicit update()). */
  queue(entry: Entry, mode: 'insert' | 'upsert'): void {
    if (entry.mode === 'stored') {
      entry.mode = mode;
      this.pending.push(entry);
    }
  }

  /** Forget an entry; its row (if any) is deleted at the next write when `deleteRow`. */
  untrack(entry: Entry, deleteRow: boolean): void {
    this.byModel.get(entry.model)?.delete(entry.uid);
    if (entry.mode !== 'stored') entry.cancelled = true;
    if (deleteRow) this.markDeleted(entry.model, entry.uid);
  }

  /** Queue the deletion of (model, uid) for the next write (once). */
  markDeleted(model: string, uid: string): void {
    let set = this.deleted.get(model);
    if (!set) this.deleted.set(model, (set = new Set()));
    if (!set.has(uid)) {
      set.add(uid);
      this.deletes.push([model, uid]);
    }
  }

  /** True when (model, uid) is to be deleted by the next write (or by the one in flight). */
  isDeleted(model: string, uid: string): boolean {
    return this.deleted.get(model)?.has(uid) === true || this.inFlightDeleted?.get(model)?.has(uid) === true;
  }

  /** True when the next flush has writes or deletions to make. */
  hasPendingWrites(): boolean {
    return this.pending.length > 0 || this.deletes.length > 0;
  }

  /** After a committed synchronous write: written entries become stored, with the snapshots taken as they were written. */
  committed(written: readonly Entry[], snaps: readonly Snapshot[]): void {
    this.markWritten(written, snaps);
    this.pending = [];
    this.deletes = [];
    this.deleted.clear();
  }

  /**
   * For stores that write asynchronously: detaches the queued writes so that writes
   * queued while they are in flight wait for the next batch. Follow with
   * `batchCommitted` or `batchFailed`; one batch at a time.
   */
  takePending(): PendingBatch {
    const batch: PendingBatch = { pending: this.pending, deletes: this.deletes };
    this.inFlightDeleted = this.deleted;
    this.pending = [];
    this.deletes = [];
    this.deleted = new Map();
    return batch;
  }

  /** The detached batch was written: its entries are stored, with the snapshots taken as they were written. */
  batchCommitted(written: readonly Entry[], snaps: readonly Snapshot[]): void {
    // An entry changed while in flight keeps the snapshot written, so the next full flush finds the change.
    this.markWritten(written, snaps);
    this.inFlightDeleted = undefined;
  }

  /** The detached batch was not written: its writes are queued again, ahead of newer ones. */
  batchFailed(batch: PendingBatch): void {
    this.pending = batch.pending.concat(this.pending);
    this.inFlightDeleted = undefined;
    for (const [model, uid] of batch.deletes) this.markDeleted(model, uid);
  }

  /** Every tracked entry, one map (uid to entry) per model. */
  groups(): IterableIterator<ReadonlyMap<string, Entry>> {
    return this.byModel.values();
  }

  /** Forget every entry and pending write. */
  clear(): void {
    this.byModel.clear();
    this.pending = [];
    this.deletes = [];
    this.deleted.clear();
    this.inFlightDeleted = undefined;
  }

  private markWritten(written: readonly Entry[], snaps: readonly Snapshot[]): void {
    for (let i = 0; i < written.length; i++) {
      const entry = written[i];
      entry.snap = snaps[i];
      entry.mode = 'stored';
    }
  }
}
