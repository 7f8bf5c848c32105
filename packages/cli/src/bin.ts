#!/usr/bin/env node
import { runCli } from './program';

runCli(process.argv.slice(2), { cwd: process.cwd(), stdout: process.stdout, stderr: process.stderr }).then(
  (code) => {
    // Exit once the output is flushed: a user's adapters may keep connections open.
    process.exitCode = code;
    process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
  },
  (error: unknown) => {
    process.stderr.write(`diffsync: ${String((error as Error)?.stack ?? error)}\n`);
    process.exit(4);
  },
);
