import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DiffSyncFlags } from '@diffsync/core';
import { CliUsageError } from '../errors';

/** Where a command writes: the process's streams and working directory (tests pass their own). */
export interface CliIO {
  /** Directory the config file is looked for in and relative paths start from. */
  cwd: string;
  /** Where reports go. */
  stdout: NodeJS.WritableStream;
  /** Where errors and logs go. */
  stderr: NodeJS.WriteStream;
}

const FLAG_NAMES = Object.keys(DiffSyncFlags).filter((k) => Number.isNaN(Number(k)));

/** `--flags CONTINUE_ON_FAILURE,skip-unmatched-dst` → the OR of DiffSyncFlags; CliUsageError naming an unknown flag. */
export function parseFlags(value: string | undefined): DiffSyncFlags {
  let flags = 0;
  for (const raw of (value ?? '').split(',')) {
    const name = raw.trim().toUpperCase().replace(/-/g, '_');
    if (name === '') continue;
    const flag = (DiffSyncFlags as unknown as Record<string, number>)[name];
    if (typeof flag !== 'number') throw new CliUsageError(`Unknown flag "${raw.trim()}" in --flags; the flags are: ${FLAG_NAMES.join(', ')}.`);
    flags |= flag;
  }
  return flags;
}

/** `--concurrency N`: a positive integer. */
export function parseConcurrency(value: string | undefined): number {
  return parsePositiveInteger('--concurrency', value, 1);
}

/** An option that takes a positive integer (`--partitions 0` is refused, naming the option). */
export function parsePositiveInteger(option: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = /^\s*\d+\s*$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n < 1) throw new CliUsageError(`${option} must be a positive integer, got "${value}".`);
  return n;
}

/** Write a report to `--out FILE` (relative to the working directory) or to stdout. */
export function writeOutput(io: CliIO, text: string, out: string | undefined): void {
  if (out === undefined) io.stdout.write(text);
  else writeFileSync(resolve(io.cwd, out), text);
}
