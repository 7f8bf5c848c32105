import { EventEmitter } from 'node:events';
import type { DiffSummary } from '@diffsync/core';
import { RunFailedError } from './errors';
import { addSummary, emptySummary } from './summary';
import type { RunMode, RunProgress, RunResult } from './types';

/**
 * What a run needs from its queue (implemented by SyncQueue).
 * @internal
 */
export interface RunOwner {
  /** The parent job's state now: completed, still pending, or failed / gone (with the reason). */
  parentState(run: SyncRun): Promise<'completed' | 'pending' | { failed: string }>;
  /** Reads the run's result, then removes its jobs. */
  collect(run: SyncRun): Promise<RunResult>;
  /** Cancels the partitions that have not started; resolves with how many. */
  cancel(runId: string): Promise<number>;
  /** Stops following the run. */
  forget(run: SyncRun): void;
}

/** Events a {@link SyncRun} emits. */
export interface SyncRunEvents {
  /** After each partition completes or fails for good. */
  progress: [RunProgress];
}

/**
 * One run of a sync, as seen by the process that started it: `progress` events from
 * BullMQ's QueueEvents (partitions completed / failed for good), and `done()` with the
 * result the parent job collected. The jobs themselves live in Redis; workers anywhere
 * run them whether or not this object is still listening.
 */
export class SyncRun extends EventEmitter<SyncRunEvents> {
  /** The run's id (unique per run). */
  readonly runId: string;
  /** The sync name given to `define` and `run`. */
  readonly name: string;
  /** Whether the run diffs or syncs. */
  readonly mode: RunMode;
  /** Number of partitions. */
  readonly total: number;
  /** True when the partitions' diffs are brought back and merged into `result.diff`. */
  readonly keepDiff: boolean;
  private readonly completed = new Set<number>();
  private readonly failures = new Set<number>();
  private readonly sum: DiffSummary = emptySummary();
  private settled = false;
  private resolveParent!: () => void;
  private rejectParent!: (error: Error) => void;
  private readonly parentFinished: Promise<void>;
  private result?: Promise<RunResult>;

  /** @internal created by SyncQueue.run() */
  constructor(
    private readonly owner: RunOwner,
    runId: string,
    name: string,
    mode: RunMode,
    total: number,
    keepDiff: boolean,
  ) {
    super();
    this.runId = runId;
    this.name = name;
    this.mode = mode;
    this.total = total;
    this.keepDiff = keepDiff;
    this.parentFinished = new Promise<void>((resolve, reject) => {
      this.resolveParent = resolve;
      this.rejectParent = reject;
    });
    this.parentFinished.catch(() => undefined); // surfaced by done()
  }

  /** Counts so far. */
  progress(): RunProgress {
    return { runId: this.runId, done: this.completed.size, failed: this.failures.size, total: this.total, summary: { ...this.sum } };
  }

  /**
   * Waits until every partition completed, failed for good or was cancelled, then returns
   * the result and removes the run's jobs from Redis. Rejects (RunFailedError) only when
   * the run itself cannot finish: its parent job failed or was removed, or the queue closed.
   */
  done(): Promise<RunResult> {
    this.result ??= this.finish();
    return this.result;
  }

  /** Drops the partitions no worker has started yet (see SyncQueue.cancel). */
  cancel(): Promise<number> {
    return this.owner.cancel(this.runId);
  }

  private async finish(): Promise<RunResult> {
    const state = await this.owner.parentState(this);
    if (state === 'completed') this.parentCompleted();
    else if (state !== 'pending') this.parentFailed(state.failed);
    try {
      await this.parentFinished;
      return await this.owner.collect(this);
    } finally {
      this.owner.forget(this);
    }
  }

  /** @internal */
  partitionCompleted(index: number, summary: DiffSummary | undefined): void {
    if (this.settled || this.completed.has(index) || this.failures.has(index)) return;
    this.completed.add(index);
    if (summary) addSummary(this.sum, summary);
    this.emit('progress', this.progress());
  }

  /** @internal failed for good, or cancelled */
  partitionFailed(index: number): void {
    if (this.settled || this.completed.has(index) || this.failures.has(index)) return;
    this.failures.add(index);
    this.emit('progress', this.progress());
  }

  /** @internal */
  parentCompleted(): void {
    if (this.settled) return;
    this.settled = true;
    this.resolveParent();
  }

  /** @internal */
  parentFailed(reason: string): void {
    if (this.settled) return;
    this.settled = true;
    this.rejectParent(new RunFailedError(`run ${this.runId} of sync '${this.name}' cannot finish: ${reason}`));
  }
}
