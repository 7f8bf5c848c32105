import { performance } from 'node:perf_hooks';
import type { Diff, DiffSyncFlags } from '@diffsync/core';
import { Adapter } from '@diffsync/core';
import type { Job } from 'bullmq';
import { SyncQueueError, UnknownSyncError } from './errors';
import type { PartitionJobData, PartitionJobResult, SyncFactory, SyncPair } from './types';

/**
 * Runs one partition in a worker: builds both adapters with the sync's factory, loads them
 * concurrently, diffs or syncs only the partition, calls `dispose`, returns the summary
 * (and the diff as JSON with keepDiff). Whatever it throws fails this attempt; BullMQ
 * retries it with backoff up to the run's `attempts`.
 */
export async function runPartitionJob(job: Job<PartitionJobData>, definitions: ReadonlyMap<string, SyncFactory>): Promise<PartitionJobResult> {
  const { sync, index, count, mode, flags, keepDiff, runId } = job.data;
  const factory = definitions.get(sync);
  if (!factory) {
    const defined = [...definitions.keys()].map((n) => `'${n}'`).join(', ') || 'none';
    throw new UnknownSyncError(`no sync named '${sync}' is defined in this worker (defined: ${defined})`);
  }
  const started = performance.now();
  const attempt = Math.max(1, job.attemptsStarted);
  const pair = await factory({ index, count }, { runId, name: sync, mode, attempt });
  checkPair(sync, pair);
  let diff: Diff;
  try {
    await Promise.all([pair.source.load(), pair.target.load()]);
    const options = { flags: flags as DiffSyncFlags, partition: { index, count } };
    diff = mode === 'diff' ? await pair.target.diffFrom(pair.source, options) : await pair.target.syncFrom(pair.source, options);
  } catch (error) {
    await dispose(sync, pair).catch(() => undefined); // the partition's own error is the one reported
    throw error;
  }
  await dispose(sync, pair);
  const result: PartitionJobResult = { index, summary: diff.summary(), attempts: attempt, ms: performance.now() - started };
  if (keepDiff) result.diff = diff.toJSON();
  return result;
}

async function dispose(sync: string, pair: SyncPair): Promise<void> {
  try {
    await pair.dispose?.();
  } catch (error) {
    const message = (error as { message?: unknown })?.message;
    throw new SyncQueueError(`dispose() of sync '${sync}' failed: ${typeof message === 'string' ? message : String(error)}`, { cause: error });
  }
}

function checkPair(sync: string, pair: SyncPair): void {
  const ok = pair && typeof pair === 'object' && pair.source instanceof Adapter && pair.target instanceof Adapter;
  if (!ok) {
    throw new SyncQueueError(`the factory of sync '${sync}' must return { source: Adapter, target: Adapter, dispose? }, got ${describe(pair)}`);
  }
}

function describe(value: unknown): string {
  if (value === null || typeof value !== 'object') return String(value);
  return `{ ${Object.keys(value).join(', ')} }`;
}
