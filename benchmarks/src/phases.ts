import type { BaseStore, DiffSummary } from '@diffsync/core';
import { BenchAdapter, countRows, loadRows, makeWorkload } from './workload';
import { bareApply, bareDiff, bareLoad, countChanges } from './baseline';
import { gc, median, peakRssMb, timeIt } from './measure';

export type StoreFactory = (name: string) => Promise<BaseStore | undefined>;

export interface PhaseResult {
  size: number;
  models: number;
  phase: string;
  ms: number;
  usPerModel: number;
  perSecond: number;
  bareMs: number;
  ratio: number;
}

export interface RunResult {
  phases: PhaseResult[];
  summary: DiffSummary;
  peakRssMb: number;
}

/** One run of every phase on a fresh pair of adapters; throws if the results are wrong. */
async function runOnce(size: number, makeStore: StoreFactory) {
  const workload = makeWorkload(size);
  const source = new BenchAdapter({ name: 'source', store: await makeStore('source') });
  const target = new BenchAdapter({ name: 'target', store: await makeStore('target') });
  gc();
  const [load] = await timeIt(async () => {
    await loadRows(source, workload.source);
    await loadRows(target, workload.target);
    await source.flush();
    await target.flush();
  });
  const [diffMs, diff] = await timeIt(() => target.diffFrom(source));
  const summary = diff.summary();
  const { create, update, delete: del } = workload.expected;
  if (summary.create !== create || summary.update !== update || summary.delete !== del) {
    throw new Error(`wrong diff: ${JSON.stringify(summary)} vs expected ${JSON.stringify(workload.expected)}`);
  }
  const [syncMs] = await timeIt(() => target.syncFrom(source, { diff }));
  const [rediffMs, again] = await timeIt(() => target.diffFrom(source));
  if (again.hasDiffs()) throw new Error('the diff after the sync is not empty');
  const elements = diff.length;
  await source.store.close();
  await target.store.close();
  // Only figures leave this function: the rows (≈ 235 MB at 1M per side pair) must not
  // stay reachable from the results of earlier runs.
  return { load, diffMs, syncMs, rediffMs, summary, elements, models: countRows(workload.source) + countRows(workload.target) };
}

/** The bare baseline on the same data. */
function bareOnce(size: number) {
  const workload = makeWorkload(size);
  gc();
  let t = process.hrtime.bigint();
  const lap = () => {
    const now = process.hrtime.bigint();
    const ms = Number(now - t) / 1e6;
    t = now;
    return ms;
  };
  const src = bareLoad(workload.source);
  const dst = bareLoad(workload.target);
  const load = lap();
  const changes = bareDiff(src, dst);
  const diffMs = lap();
  const counts = countChanges(changes);
  if (counts.create !== workload.expected.create || counts.update !== workload.expected.update) {
    throw new Error(`bare baseline is wrong: ${JSON.stringify(counts)}`);
  }
  bareApply(changes, dst);
  const syncMs = lap();
  const again = countChanges(bareDiff(src, dst));
  const rediffMs = lap();
  if (again.create + again.update + again.delete !== 0) throw new Error('bare re-diff not empty');
  return { load, diffMs, syncMs, rediffMs };
}

/** Warm-up: at least this many runs, and at least WARM_UP_OBJECTS objects per side in all (at most MAX_WARM_UP_RUNS runs). */
const WARM_UP_RUNS = 3;
const MAX_WARM_UP_RUNS = 20;
const WARM_UP_OBJECTS = 200000;

/** Median of `runs` runs after a warm-up, for ours and for the bare baseline. */
export async function runPhases(size: number, runs: number, makeStore: StoreFactory): Promise<RunResult> {
  // The same warm-up for both sides: small runs until the JIT has seen about as many
  // objects as a 100k run, so that small sizes measure optimised code rather than the
  // first tiers (3 runs of 10k left some of ours still being optimised).
  const warm = Math.min(size, 20000);
  const warmUps = Math.min(MAX_WARM_UP_RUNS, Math.max(WARM_UP_RUNS, Math.ceil(WARM_UP_OBJECTS / warm)));
  for (let i = 0; i < warmUps; i++) {
    await runOnce(warm, makeStore);
    bareOnce(warm);
  }
  const ours: Array<Awaited<ReturnType<typeof runOnce>>> = [];
  const bare: Array<ReturnType<typeof bareOnce>> = [];
  for (let i = 0; i < runs; i++) {
    ours.push(await runOnce(size, makeStore));
    bare.push(bareOnce(size));
  }
  const first = ours[0];
  const models = first.models;
  const row = (phase: string, key: 'load' | 'diffMs' | 'syncMs' | 'rediffMs', units: number): PhaseResult => {
    const ms = median(ours.map((r) => r[key]));
    const bareMs = median(bare.map((r) => r[key]));
    return { size, models, phase, ms, usPerModel: (ms * 1000) / units, perSecond: units / (ms / 1000), bareMs, ratio: ms / bareMs };
  };
  return {
    phases: [
      row('load both', 'load', models),
      row('diffFrom', 'diffMs', models),
      row('syncFrom', 'syncMs', first.elements),
      row('re-diff', 'rediffMs', models),
    ],
    summary: first.summary,
    peakRssMb: peakRssMb(),
  };
}
