import { InvalidArgumentError } from '@diffsync/core';
import type { BackoffOptions, RunMode, RunOptions, WorkOptions } from './types';

export interface ValidRunOptions {
  partitions: number;
  mode: RunMode;
  flags: number;
  attempts: number;
  keepDiff: boolean;
  backoff: BackoffOptions;
}

function positiveInteger(what: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw new InvalidArgumentError(`${what} must be a positive integer, got ${JSON.stringify(value)}.`);
  }
  return value;
}

export function validateRunOptions(options: RunOptions): ValidRunOptions {
  const partitions = positiveInteger('run() option partitions', options.partitions, 1);
  const mode = options.mode ?? 'sync';
  if (mode !== 'sync' && mode !== 'diff') throw new InvalidArgumentError(`run() option mode must be 'sync' or 'diff', got ${JSON.stringify(mode)}.`);
  const flags = options.flags ?? 0;
  if (typeof flags !== 'number' || !Number.isInteger(flags) || flags < 0)
    throw new InvalidArgumentError(`run() option flags must be DiffSyncFlags, got ${JSON.stringify(flags)}.`);
  const attempts = positiveInteger('run() option attempts', options.attempts, 3);
  const backoff = options.backoff ?? { type: 'exponential', delay: 1000 };
  if (!backoff || (backoff.type !== 'exponential' && backoff.type !== 'fixed') || typeof backoff.delay !== 'number' || backoff.delay < 0) {
    throw new InvalidArgumentError(`run() option backoff must be { type: 'exponential' | 'fixed', delay: milliseconds }, got ${JSON.stringify(backoff)}.`);
  }
  return { partitions, mode, flags, attempts, keepDiff: options.keepDiff === true, backoff };
}

export interface ValidWorkOptions {
  concurrency: number;
  lockDuration: number;
  stalledInterval: number;
  maxStalledCount: number;
}

export function validateWorkOptions(options: WorkOptions): ValidWorkOptions {
  const maxStalledCount = options.maxStalledCount ?? 2;
  if (!Number.isInteger(maxStalledCount) || maxStalledCount < 0)
    throw new InvalidArgumentError(`work() option maxStalledCount must be an integer ≥ 0, got ${JSON.stringify(maxStalledCount)}.`);
  return {
    concurrency: positiveInteger('work() option concurrency', options.concurrency, 1),
    lockDuration: positiveInteger('work() option lockDuration', options.lockDuration, 4000),
    stalledInterval: positiveInteger('work() option stalledInterval', options.stalledInterval, 2000),
    maxStalledCount,
  };
}
