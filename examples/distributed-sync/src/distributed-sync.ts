import type { ChildProcess } from 'node:child_process';
import { fork } from 'node:child_process';
import { join } from 'node:path';
import { Presets, SingleBar } from 'cli-progress';
import type { DiffSummary } from '@diffsync/core';
import { connect } from '@diffsync/sql';
import type { RunResult } from '@diffsync/queue';
import { SyncQueue } from '@diffsync/queue';
import type { NetworkShape } from './generated-network';
import { GeneratedNetwork } from './generated-network';
import { SYNC_NAME } from './inventory-sync';
import { InventoryDb } from './models';

export interface DistributedSyncOptions {
  /** Database URL: `sqlite:file.db` or `postgresql://…[?schema=name]`. */
  url: string;
  /** Redis URL of the queue (default `redis://127.0.0.1:6379`). */
  redis?: string;
  /** Queue name (default `distributed-sync`). */
  queue?: string;
  /** Worker processes to start (default 4). */
  workers?: number;
  /** Partitions each worker runs at once (default 1). */
  concurrency?: number;
  /** Partitions of the run (default 16). */
  partitions?: number;
  /** The generated network: sites and round (default 400 sites, round 1). */
  shape?: Partial<NetworkShape>;
  /** Show a live progress bar on stderr (default: when stderr is a terminal). */
  progress?: boolean;
  print?: (line: string) => void;
}

/** What each worker process gets (as JSON on its command line). */
export interface WorkerSettings {
  redis: string;
  queue: string;
  url: string;
  shape: NetworkShape;
  concurrency: number;
}

export interface DistributedSyncResult {
  run: RunResult;
  /** Worker process ids. */
  workers: number[];
  /** A fresh single-process diff of the whole network against the database: `(no diffs)`. */
  remaining: string;
}

/**
 * Creates the tables, starts `workers` worker processes, runs the sync cut into
 * `partitions` partitions with a live progress bar, prints the summary, re-diffs the whole
 * data in this process, and stops the workers.
 */
export async function runDistributedSync(options: DistributedSyncOptions): Promise<DistributedSyncResult> {
  const print = options.print ?? ((line: string) => console.log(line));
  const shape: NetworkShape = { sites: options.shape?.sites ?? 400, round: options.shape?.round ?? 1 };
  const settings: WorkerSettings = {
    redis: options.redis ?? 'redis://127.0.0.1:6379',
    queue: options.queue ?? 'distributed-sync',
    url: options.url,
    shape,
    concurrency: options.concurrency ?? 1,
  };
  const workerCount = options.workers ?? 4;
  const partitions = options.partitions ?? 16;

  await prepareDatabase(options.url, print);
  const queue = new SyncQueue({ name: settings.queue, connection: settings.redis });
  const children: ChildProcess[] = [];
  try {
    await queue.connect(); // one clear error if Redis is not there, before starting processes
    const pids = await Promise.all(Array.from({ length: workerCount }, () => startWorker(settings, children)));
    print(
      `Workers: ${workerCount} processes (${pids.join(', ')}), concurrency ${settings.concurrency}; ${partitions} partitions of ${shape.sites} sites (round ${shape.round})`,
    );

    const run = await queue.run(SYNC_NAME, { partitions, mode: 'sync' });
    const bar = new SingleBar(
      {
        format: 'partitions |{bar}| {value}/{total} done, {failed} failed | create {create} update {update} delete {delete}',
        hideCursor: true,
        stream: process.stderr,
        noTTYOutput: false,
      },
      Presets.shades_classic,
    );
    const showBar = options.progress ?? process.stderr.isTTY === true;
    const tokens = (failed: number, s: DiffSummary) => ({ failed, create: s.create, update: s.update, delete: s.delete });
    if (showBar) bar.start(partitions, 0, tokens(0, { create: 0, update: 0, delete: 0, 'no-change': 0, skip: 0 }));
    run.on('progress', (p) => {
      if (showBar) bar.update(p.done + p.failed, tokens(p.failed, p.summary));
    });
    const result = await run.done().finally(() => showBar && bar.stop());

    print(`Run ${result.runId}: ${result.partitions.length} partitions done, ${result.failed.length} failed`);
    for (const f of result.failed) print(`  partition ${f.index} failed after ${f.attempts} attempt(s): ${f.error}`);
    print(`Synced: ${JSON.stringify(result.summary)}`);
    const remaining = await wholeDiff(options.url, shape);
    print(`Left after the sync: ${remaining}`);
    return { run: result, workers: pids, remaining };
  } finally {
    await stopWorkers(children);
    await queue.close();
  }
}

async function prepareDatabase(url: string, print: (line: string) => void): Promise<void> {
  const db = await connect(url);
  try {
    if (db.dialect === 'sqlite') await db.execute('PRAGMA journal_mode = WAL'); // several writer processes
    const plan = await db.syncSchema(InventoryDb.models);
    print(`Database: ${db.dialect}; schema ${plan.isEmpty ? 'up to date' : `${plan.statements.length} statement(s) applied`}`);
  } finally {
    await db.close();
  }
}

/** Forks one worker (the compiled worker.js, or worker.ts through the repository's ts-run). */
function startWorker(settings: WorkerSettings, children: ChildProcess[]): Promise<number> {
  const compiled = __filename.endsWith('.js');
  const script = compiled ? join(__dirname, 'worker.js') : join(__dirname, '..', '..', '..', 'test-support', 'ts-run.js');
  const args = compiled ? [JSON.stringify(settings)] : [join(__dirname, 'worker.ts'), JSON.stringify(settings)];
  const child = fork(script, args, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  children.push(child);
  return new Promise<number>((resolve, reject) => {
    child.once('message', () => resolve(child.pid ?? 0));
    child.once('exit', (code) => reject(new Error(`worker process ${child.pid} exited with code ${code} before it was ready`)));
  });
}

async function stopWorkers(children: ChildProcess[]): Promise<void> {
  await Promise.all(
    children.map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
        }),
    ),
  );
}

async function wholeDiff(url: string, shape: NetworkShape): Promise<string> {
  const db = await connect(url);
  try {
    const source = new GeneratedNetwork({ shape });
    const target = new InventoryDb({ connection: db });
    await Promise.all([source.load(), target.load()]);
    return (await target.diffFrom(source)).str();
  } finally {
    await db.close();
  }
}
