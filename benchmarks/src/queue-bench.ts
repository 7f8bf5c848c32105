import type { ChildProcess } from 'node:child_process';
import { execFile, fork } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { DiffSummary } from '@diffsync/core';
import { SyncQueue } from '@diffsync/queue';
import { sitesFor } from './queue-workload';
import type { BenchWorkerSettings } from './queue-worker';

/*
 * --queue: one plain process (load both sides, syncFrom) against a run of the same sync cut
 * into partitions on cold worker processes of @diffsync/queue. Every process is started
 * fresh (cold), so peak RSS is each process's own.
 */

const run = promisify(execFile);

export interface PlainResult {
  ms: number;
  summary: DiffSummary;
  peakRssMb: number;
  /** CPU time (user + system) of the whole process. */
  cpuMs: number;
}

export interface QueueRunResult {
  /** From run() to done(), workers already started. */
  ms: number;
  /** Worker start-up (process, modules, Redis) before the run. */
  startMs: number;
  summary: DiffSummary;
  failed: number;
  workerPeakRssMb: number[];
  /** CPU time (user + system) of each worker process, start-up included. */
  workerCpuMs: number[];
}

export async function plainProcess(sites: number, pageDelayMs = 0): Promise<PlainResult> {
  const { stdout } = await run(process.execPath, ['--max-old-space-size=8192', join(__dirname, 'queue-plain.js'), String(sites), String(pageDelayMs)], {
    maxBuffer: 1 << 20,
  });
  return JSON.parse(stdout) as PlainResult;
}

function startWorker(settings: BenchWorkerSettings): { child: ChildProcess; ready: Promise<void> } {
  const child = fork(join(__dirname, 'queue-worker.js'), [JSON.stringify(settings)], {
    execArgv: ['--max-old-space-size=8192'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ready = new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code) => reject(new Error(`benchmark worker exited with ${code} before it was ready`)));
  });
  return { child, ready };
}

function stopWorker(child: ChildProcess): Promise<{ peakRssMb: number; cpuMs: number }> {
  return new Promise((resolve) => {
    child.on('message', (m: { peakRssMb?: number; cpuMs?: number }) => {
      if (m.peakRssMb !== undefined) resolve({ peakRssMb: m.peakRssMb, cpuMs: m.cpuMs ?? 0 });
    });
    child.send({ stop: true });
  });
}

export async function queueRun(options: {
  redis: string;
  sites: number;
  workers: number;
  concurrency: number;
  partitions: number;
  pageDelayMs?: number;
}): Promise<QueueRunResult> {
  const name = `bench-${process.pid}-${Date.now().toString(36)}`;
  const queue = new SyncQueue({ name, connection: options.redis });
  const settings: BenchWorkerSettings = {
    redis: options.redis,
    queue: name,
    sites: options.sites,
    pageDelayMs: options.pageDelayMs ?? 0,
    concurrency: options.concurrency,
  };
  const started = process.hrtime.bigint();
  const workers = Array.from({ length: options.workers }, () => startWorker(settings));
  try {
    await Promise.all(workers.map((w) => w.ready));
    const startMs = Number(process.hrtime.bigint() - started) / 1e6;
    const t0 = process.hrtime.bigint();
    const result = await (await queue.run('bench', { partitions: options.partitions, mode: 'sync', attempts: 1 })).done();
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    const stopped = await Promise.all(workers.map((w) => stopWorker(w.child)));
    return {
      ms,
      startMs,
      summary: result.summary,
      failed: result.failed.length,
      workerPeakRssMb: stopped.map((s) => s.peakRssMb),
      workerCpuMs: stopped.map((s) => s.cpuMs),
    };
  } finally {
    for (const w of workers) if (w.child.exitCode === null) w.child.kill('SIGKILL');
    await queue.obliterate();
    await queue.close();
  }
}

function fmt(n: number, digits = 1): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

export interface QueueBenchOptions {
  redis: string;
  /** Models per side of the CPU-bound comparison. */
  models: number;
  partitions: number;
  workers: number;
  /** Models per side of the I/O-bound case (0 skips it). */
  ioModels: number;
  /** Also run the plain process (default true). */
  plain?: boolean;
  print: (line: string) => void;
}

export async function queueBench(o: QueueBenchOptions): Promise<Array<Record<string, unknown>>> {
  const records: Array<Record<string, unknown>> = [];
  const sites = sitesFor(o.models);
  o.print(`queue: ${sites.toLocaleString('en-US')} sites × 100 models = ${(sites * 100).toLocaleString('en-US')} models per side`);
  const plain = o.plain === false ? undefined : await plainProcess(sites);
  if (plain) o.print(`  plain process: ${fmt(plain.ms, 0)} ms, peak RSS ${fmt(plain.peakRssMb, 0)} MB, summary ${JSON.stringify(plain.summary)}`);
  const q = await queueRun({ redis: o.redis, sites, workers: o.workers, concurrency: 1, partitions: o.partitions });
  const maxRss = Math.max(...q.workerPeakRssMb);
  o.print(
    `  queue, ${o.partitions} partitions on ${o.workers} cold workers: ${fmt(q.ms, 0)} ms (+ ${fmt(q.startMs, 0)} ms worker start-up), ` +
      `worker peak RSS ${q.workerPeakRssMb.map((r) => fmt(r, 0)).join(' / ')} MB, summary ${JSON.stringify(q.summary)}, failed ${q.failed}`,
  );
  if (plain) {
    const same = JSON.stringify(q.summary) === JSON.stringify(plain.summary);
    o.print(
      `  ratios: plain / queue wall time ${fmt(plain.ms / q.ms, 2)}× (${fmt(plain.ms / (q.ms + q.startMs), 2)}× with start-up); ` +
        `max worker RSS / plain RSS ${fmt(maxRss / plain.peakRssMb, 2)}×; summaries ${same ? 'identical' : 'DIFFERENT'}`,
    );
    const maxCpu = Math.max(...q.workerCpuMs);
    o.print(
      `  CPU time: plain ${fmt(plain.cpuMs, 0)} ms, workers ${q.workerCpuMs.map((c) => fmt(c, 0)).join(' / ')} ms: ` +
        `plain / busiest worker ${fmt(plain.cpuMs / maxCpu, 2)}× (the wall-time ratio on ${o.workers} otherwise idle cores)`,
    );
    records.push({
      scenario: 'queue-cpu',
      modelsPerSide: sites * 100,
      partitions: o.partitions,
      workers: o.workers,
      plain,
      queue: q,
      sameSummary: same,
      speedup: plain.ms / q.ms,
      rssRatio: maxRss / plain.peakRssMb,
    });
  } else {
    records.push({ scenario: 'queue-cpu', modelsPerSide: sites * 100, partitions: o.partitions, workers: o.workers, queue: q, maxWorkerRssMb: maxRss });
  }

  if (o.ioModels > 0) {
    const ioSites = sitesFor(o.ioModels);
    o.print(`queue, I/O-bound: ${(ioSites * 100).toLocaleString('en-US')} models per side, loads wait 20 ms per page of 500 objects, 16 partitions`);
    const ioPlain = await plainProcess(ioSites, 20);
    o.print(`  plain process: ${fmt(ioPlain.ms, 0)} ms (CPU ${fmt(ioPlain.cpuMs, 0)} ms)`);
    records.push({ scenario: 'queue-io-plain', modelsPerSide: ioSites * 100, ms: ioPlain.ms, summary: ioPlain.summary });
    for (const [workers, concurrency] of [
      [1, 1],
      [2, 1],
      [4, 1],
      [8, 1],
      [2, 4],
      [1, 8],
    ] as const) {
      const r = await queueRun({ redis: o.redis, sites: ioSites, workers, concurrency, partitions: 16, pageDelayMs: 20 });
      const same = JSON.stringify(r.summary) === JSON.stringify(ioPlain.summary);
      const cpu = r.workerCpuMs.reduce((a, b) => a + b, 0);
      o.print(
        `  ${workers} worker(s) × concurrency ${concurrency}: ${fmt(r.ms, 0)} ms (${fmt(ioPlain.ms / r.ms, 2)}× the plain process; ` +
          `workers' CPU ${fmt(cpu, 0)} ms, start-up included), summary ${same ? 'identical' : 'DIFFERENT'}`,
      );
      records.push({
        scenario: 'queue-io',
        modelsPerSide: ioSites * 100,
        workers,
        concurrency,
        ms: r.ms,
        speedup: ioPlain.ms / r.ms,
        workersCpuMs: cpu,
        sameSummary: same,
      });
    }
  }
  return records;
}
