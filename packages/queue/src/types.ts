import type { Adapter, Diff, DiffJSON, DiffSummary, DiffSyncFlags, SyncLogger } from '@diffsync/core';
import type { QueueConnection } from './connection';

/** One partition of a run: `partitionOf(uid, count) === index` selects its top-level objects. */
export interface PartitionSpec {
  /** This partition's number, from 0 to `count - 1`. */
  index: number;
  /** How many partitions the run has. */
  count: number;
}

/** What a worker knows about the partition it is building adapters for. */
export interface PartitionContext {
  /** The run's id. */
  runId: string;
  /** The sync name given to `define`. */
  name: string;
  /** Whether the partition diffs or syncs. */
  mode: RunMode;
  /** 1 on the first start, 2 on the first retry or after a stalled (dead) worker, … */
  attempt: number;
}

/** The two adapters of one partition; `target.syncFrom(source)` (or `diffFrom`) is what runs. */
export interface SyncPair {
  /** The adapter holding the wanted state. */
  source: Adapter;
  /** The adapter changed by `target.syncFrom(source)` (only compared in `diff` mode). */
  target: Adapter;
  /** Called after the partition finished or failed (close the connections the factory opened). */
  dispose?: () => Promise<void> | void;
}

/** Builds the adapters of one partition; may be async. */
export type SyncFactory = (partition: PartitionSpec, context: PartitionContext) => SyncPair | Promise<SyncPair>;

/** `'sync'` applies the changes; `'diff'` only computes them. */
export type RunMode = 'diff' | 'sync';

/** BullMQ's backoff: `{ type: 'exponential', delay: 1000 }` waits 1 s, 2 s, 4 s, … between attempts. */
export interface BackoffOptions {
  /** `'exponential'` doubles the wait after each attempt; `'fixed'` waits `delay` every time. */
  type: 'exponential' | 'fixed';
  /** Milliseconds before the first retry. */
  delay: number;
}

/** Options of the {@link SyncQueue} constructor. */
export interface SyncQueueOptions {
  /** The BullMQ queue name (no ':'); its Redis keys are `<prefix>:<name>:…`. */
  name: string;
  /** A Redis URL (`redis://[:password@]host:6379[/db]`, `rediss://…`) or ioredis options. */
  connection: QueueConnection;
  /** Redis key prefix (default `'bull'`, BullMQ's default, so BullMQ tools see the queue). */
  prefix?: string;
  /** How long connecting to Redis may take before `run()`/`work()` fail (default 5000 ms). */
  connectTimeoutMs?: number;
  /**
   * How long BullMQ keeps the jobs of a run nobody collected (the process that started it
   * died before `done()` returned), in seconds (default 86400). `done()` removes them at once.
   */
  retentionSeconds?: number;
  /** At most this many finished runs nobody collected are kept (default 1000; the oldest go first). */
  retentionCount?: number;
  /** Engine and queue logs (default: core's default logger, silent). */
  logger?: SyncLogger;
}

/** Options of {@link SyncQueue.work}. */
export interface WorkOptions {
  /** Partitions this worker runs at once (default 1). */
  concurrency?: number;
  /**
   * How long a worker's lock on a partition lasts without renewal (default 4000 ms; BullMQ
   * renews it every lockDuration / 2). A worker that dies is noticed once its lock expired
   * and another worker's stalled check ran: within lockDuration + stalledInterval.
   * It must outlast the longest synchronous stretch of a partition (the event loop renews it).
   */
  lockDuration?: number;
  /** How often this worker looks for partitions of dead workers (default 2000 ms). */
  stalledInterval?: number;
  /** How many times a partition may be recovered from dead workers before it fails (default 2). */
  maxStalledCount?: number;
}

/** Options of {@link SyncQueue.run}. */
export interface RunOptions {
  /** Number of partitions (BullMQ jobs) to cut the sync into (default 1). */
  partitions?: number;
  /** `'sync'` (default) applies the changes; `'diff'` only computes them. */
  mode?: RunMode;
  /** DiffSyncFlags every partition's diff or sync runs with (default none). */
  flags?: DiffSyncFlags;
  /** Tries per partition, the first included (default 3). */
  attempts?: number;
  /** With `mode: 'diff'`, bring every partition's diff back and merge them into `result.diff`. */
  keepDiff?: boolean;
  /** Wait between attempts (default `{ type: 'exponential', delay: 1000 }`). */
  backoff?: BackoffOptions;
}

/** One completed partition of a run. */
export interface PartitionResult {
  /** The partition's number. */
  index: number;
  /** The partition's diff summary. */
  summary: DiffSummary;
  /** How many times the partition was started (retries and recoveries from dead workers included). */
  attempts: number;
  /** Wall time of the attempt that succeeded, in milliseconds. */
  ms: number;
}

/** A partition that failed every attempt or was cancelled. */
export interface FailedPartition {
  /** The partition's number. */
  index: number;
  /** The last attempt's error message (`'cancelled before it started'` for cancelled partitions). */
  error: string;
  /** How many times it was started. */
  attempts: number;
}

/** What {@link SyncRun.done} resolves with. */
export interface RunResult {
  /** The run's id. */
  runId: string;
  /** The sync name. */
  name: string;
  /** Whether the run diffed or synced. */
  mode: RunMode;
  /** Sum of the completed partitions' summaries. */
  summary: DiffSummary;
  /** Completed partitions, by index. */
  partitions: PartitionResult[];
  /** Partitions that failed every attempt or were cancelled, by index. */
  failed: FailedPartition[];
  /** `Diff.merge` of the partitions' diffs (`mode: 'diff'` with `keepDiff`). */
  diff?: Diff;
}

/** A `progress` event of a {@link SyncRun}. */
export interface RunProgress {
  /** The run's id. */
  runId: string;
  /** Partitions completed so far. */
  done: number;
  /** Partitions failed for good (or cancelled) so far. */
  failed: number;
  /** Partitions of the run. */
  total: number;
  /** Sum of the completed partitions' summaries so far. */
  summary: DiffSummary;
}

/** Job data of one partition. */
export interface PartitionJobData {
  kind: 'partition';
  runId: string;
  sync: string;
  index: number;
  count: number;
  mode: RunMode;
  flags: number;
  keepDiff: boolean;
}

/** Job data of a run's parent job. */
export interface RunJobData {
  kind: 'run';
  runId: string;
  sync: string;
  count: number;
  mode: RunMode;
}

/** What a partition job returns (kept by BullMQ in the parent's processed hash). */
export interface PartitionJobResult extends PartitionResult {
  diff?: DiffJSON;
}

/** What the parent job returns once every partition finished. */
export interface RunJobResult {
  summary: DiffSummary;
  partitions: PartitionResult[];
  failed: FailedPartition[];
}
