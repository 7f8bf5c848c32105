#!/usr/bin/env node
import type { Diff } from '@diffsync/core';
import { BackendA, BackendB } from './backends';

export * from './models';
export * from './backends';

export interface RunResult {
  diff: Diff;
  after: Diff;
}

/** Load both backends, print them, diff A to B, sync B from A, and diff again. */
export async function main(print: (text: string) => void = console.log): Promise<RunResult> {
  print('Initializing and loading Backend A...');
  const backendA = new BackendA({ name: 'Backend-A' });
  await backendA.load();
  print(await backendA.str());

  print('Initializing and loading Backend B...');
  const backendB = new BackendB({ name: 'Backend-B' });
  await backendB.load();
  print(await backendB.str());

  print('Getting diffs from Backend A to Backend B...');
  const diff = await backendA.diffTo(backendB);
  print(diff.str());

  print('Diffs can also be represented as a plain object...');
  print(JSON.stringify(diff.toDict(), null, 2));

  print('Syncing changes from Backend A to Backend B...');
  await backendA.syncTo(backendB, { diff });
  print('Getting updated diffs from Backend A to Backend B...');
  const after = await backendA.diffTo(backendB);
  print(after.str());
  return { diff, after };
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
