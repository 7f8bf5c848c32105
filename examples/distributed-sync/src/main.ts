#!/usr/bin/env node
import { CommanderError } from 'commander';
import { main } from './cli';

main(process.argv).catch((error: unknown) => {
  if (error instanceof CommanderError) {
    process.exitCode = error.exitCode;
    return;
  }
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
