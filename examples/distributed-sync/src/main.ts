#!/usr/bin/env node
import { CommanderError } from 'commander';
import { main } from './cli';

main(process.argv)
  .then((result) => {
    if (result.run.failed.length > 0) process.exitCode = 1; // some partitions failed: listed above
  })
  .catch((error: unknown) => {
    if (error instanceof CommanderError) {
      process.exitCode = error.exitCode;
      return;
    }
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
