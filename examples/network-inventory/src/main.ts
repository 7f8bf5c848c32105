#!/usr/bin/env node
import { Command } from 'commander';
import { createConsoleLogger, silentLogger } from '@diffsync/core';
import { runDemo } from './demo';

const program = new Command()
  .name('network-inventory')
  .description('Diff and sync three network inventories (a port of diffsync example 01).')
  .option('-v, --verbose', 'log info (-v) or debug (-vv) events to stderr', (_v: string, n: number) => n + 1, 0)
  .option('--no-progress', 'hide the progress bar')
  .parse();

const opts = program.opts<{ verbose: number; progress: boolean }>();
const verbosity = Math.min(opts.verbose, 2) as 0 | 1 | 2;

runDemo({
  logger: verbosity > 0 ? createConsoleLogger(verbosity) : silentLogger,
  progress: opts.progress && process.stderr.isTTY === true,
}).catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
