// The library call `diffsync diff` stands for, run in a fresh process: build the workload,
// load both sides, diff, write the text report. Prints its own time (ms) as JSON.
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { generatedPair } from './cli-generated';

async function main(): Promise<void> {
  const size = Number(process.argv[2]);
  const out = process.argv[3];
  const start = process.hrtime.bigint();
  const { source, target } = generatedPair(size);
  await source.load();
  await target.load();
  const diff = await target.diffFrom(source);
  const s = diff.summary();
  writeFileSync(out, `${diff.str()}\nsummary: create ${s.create}, update ${s.update}, delete ${s.delete}, no-change ${s['no-change']}, skip ${s.skip}\n`);
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  process.stdout.write(JSON.stringify({ ms, elements: diff.length }) + '\n');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
