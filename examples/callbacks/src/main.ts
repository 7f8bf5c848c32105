#!/usr/bin/env node
import type { Diff, ProgressCallback } from '@diffsync/core';
import { NumberModel, SequentialNumbers, SpreadNumbers } from './numbers';

export * from './numbers';

/** diffsync's `print_callback`: `stage` is 'diff' or 'sync', `current` the records processed so far. */
export function printCallback(print: (line: string) => void = console.log): ProgressCallback {
  return (stage, current, total) => print(`${stage}: Processed ${String(current).padStart(3)}/${total} records.`);
}

export interface RunResult {
  /** The numbers each side held before the sync. */
  sequential: number[];
  spread: number[];
  /** The numbers the second side holds after the sync. */
  synced: number[];
  /** Every callback call, in order. */
  calls: Array<[stage: string, current: number, total: number]>;
  diff: Diff;
}

/** Load 1–count and a random spread of count numbers, then sync the first into the second with a progress callback. */
export async function main(options: { count?: number; seed?: number; print?: (line: string) => void } = {}): Promise<RunResult> {
  const { count = 100, seed = Date.now(), print = console.log } = options;
  const ds1 = new SequentialNumbers({ count });
  await ds1.load();
  const ds2 = new SpreadNumbers({ count, seed });
  await ds2.load();
  const numbers = async (adapter: SequentialNumbers | SpreadNumbers) => (await adapter.getAll(NumberModel)).map((n) => n.number);
  const [sequential, spread] = [await numbers(ds1), await numbers(ds2)];

  const calls: RunResult['calls'] = [];
  const show = printCallback(print);
  const diff = await ds1.syncTo(ds2, {
    callback: (stage, current, total) => {
      calls.push([stage, current, total]);
      show(stage, current, total);
    },
  });
  return { sequential, spread, synced: (await numbers(ds2)).sort((a, b) => a - b), calls, diff };
}

if (require.main === module) {
  const seed = process.argv[2] === undefined ? Date.now() : Number(process.argv[2]);
  main({ seed }).then(
    () => console.log(`(seed ${seed}: run again with it to see the same spread)`),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
