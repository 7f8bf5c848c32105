import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Command } from 'commander';
import { runPhases } from './phases';
import { concurrencyRun, manyChildren } from './scenarios';
import { storeFactory } from './stores';
import { sqliteVsRaw } from './sqlite-vs-raw';
import type { SqlDialectName } from './sql-bench';
import { sqlBench, sqlBenchTable } from './sql-bench';
import { redisVsRaw } from './redis-vs-raw';
import { cliBench } from './cli-bench';
import { tableDiffBench } from './table-diff-bench';
import { queueBench } from './queue-bench';

const program = new Command()
  .name('bench')
  .description('diffsync-ts benchmarks: load, diff, sync and re-diff against a bare hand-written baseline')
  .option('--sizes <list>', 'objects per side, comma-separated', '10000,100000')
  .option('--store <kind>', 'local, sqlite or redis', 'local')
  .option('--runs <n>', 'measured runs per size (after warm-up runs)', '3')
  .option('--extras', 'also run the 40,000-children and concurrency scenarios', true)
  .option('--no-extras', 'skip the extra scenarios')
  .option('--sql', 'run only the SQL bulk-rows benchmark (insert, upsert, delete per dialect beside the raw driver)')
  .option('--sql-rows <n>', 'rows per operation for --sql', '100000')
  .option('--dialects <list>', 'dialects for --sql, comma-separated', 'postgresql,mysql,sqlite')
  .option('--cli', 'run only the command-line benchmark: diffsync diff vs the library call, and report --format html')
  .option('--cli-size <n>', 'models per side for --cli', '100000')
  .option('--table-diff', 'run only the table-diff benchmark: PostgreSQL vs MariaDB, N rows × 8 columns, vs one full-table checksum query')
  .option('--table-diff-rows <n>', "rows per table for --table-diff (10000000 for the issue's full size)", '1000000')
  .option('--table-diff-threads <n>', 'also time the no-difference and 1,000-difference cases with this many connections per side', '2')
  .option('--table-diff-full-load-max <n>', 'largest table the 5% case also loads whole through SqlAdapter (both sides in memory)', '2000000')
  .option('--queue', 'run only the @diffsync/queue benchmark: a plain process against partitions on cold worker processes, and an I/O-bound case')
  .option('--queue-models <n>', 'models per side for --queue', '1000000')
  .option('--queue-partitions <n>', 'partitions for --queue', '16')
  .option('--queue-workers <n>', 'worker processes for --queue', '2')
  .option('--no-queue-plain', 'skip the plain process of --queue (for sizes one process cannot hold)')
  .option('--io-models <n>', 'models per side of the I/O-bound case of --queue (0 skips it)', '100000')
  .option('--redis <url>', 'Redis for --queue', 'redis://127.0.0.1:6379')
  .option('--json <path>', 'where to write the results', join(__dirname, '..', 'results', 'latest.json'))
  .parse();

const opts = program.opts<{
  sizes: string;
  store: string;
  runs: string;
  extras: boolean;
  json: string;
  sql?: boolean;
  sqlRows: string;
  cli?: boolean;
  cliSize: string;
  tableDiff?: boolean;
  tableDiffRows: string;
  tableDiffThreads: string;
  tableDiffFullLoadMax: string;
  dialects: string;
  queue?: boolean;
  queueModels: string;
  queuePartitions: string;
  queueWorkers: string;
  ioModels: string;
  queuePlain: boolean;
  redis: string;
}>();

function fmt(n: number, digits = 1): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

async function mainSql(): Promise<void> {
  const runs = Math.max(1, Number(opts.runs));
  const rows = Number(opts.sqlRows);
  const dialects = opts.dialects.split(',').map((d) => d.trim()) as SqlDialectName[];
  console.log(`SQL bulk rows: ${rows.toLocaleString('en-US')} rows, runs: ${runs} (median, after warm-up runs), node ${process.version}`);
  const records = await sqlBench({ rows, runs, dialects });
  console.log(`\n${sqlBenchTable(records)}`);
  // Without --json, keep the other benchmarks' latest.json and write sql-latest.json beside it.
  const json = program.getOptionValueSource('json') === 'default' ? join(dirname(opts.json), 'sql-latest.json') : opts.json;
  mkdirSync(dirname(json), { recursive: true });
  writeFileSync(json, JSON.stringify(records, null, 2));
  console.log(`\nresults: ${json}`);
}

async function mainCli(): Promise<void> {
  const runs = Math.max(1, Number(opts.runs));
  const size = Number(opts.cliSize);
  console.log(`command line: ${size.toLocaleString('en-US')} models per side, runs: ${runs} (median, after a warm-up run), node ${process.version}`);
  const r = await cliBench(size, runs);
  const target = (r.libraryMs + r.nodeStartMs) * 1.3;
  console.log(
    `diffsync diff (${r.elements.toLocaleString('en-US')} elements): ${fmt(r.cliDiffMs)} ms; library call ${fmt(r.libraryMs)} ms + node start-up ` +
      `${fmt(r.nodeStartMs)} ms = ${fmt(r.libraryMs + r.nodeStartMs)} ms: ${fmt(r.ratio, 2)}× (target ≤ 1.3×, i.e. ≤ ${fmt(target)} ms); ` +
      `a whole process making the library call (loading @diffsync/core included): ${fmt(r.libraryProcessMs)} ms, ${fmt(r.ratioToLibraryProcess, 2)}×`,
  );
  console.log(
    `diffsync report --format html of that plan: ${fmt(r.reportHtmlMs)} ms (target < 2000 ms), ${fmt(r.reportHtmlMb)} MB (target < 30 MB)` +
      (r.browserOpenMs !== undefined ? `; opens in headless Chromium in ${fmt(r.browserOpenMs)} ms` : ''),
  );
  const json = program.getOptionValueSource('json') === 'default' ? join(dirname(opts.json), 'cli-latest.json') : opts.json;
  mkdirSync(dirname(json), { recursive: true });
  writeFileSync(json, JSON.stringify([{ scenario: 'cli', ...r }], null, 2));
  console.log(`\nresults: ${json}`);
}

async function mainTableDiff(): Promise<void> {
  const rows = Number(opts.tableDiffRows);
  console.log(`table diff: PostgreSQL → MariaDB, ${rows.toLocaleString('en-US')} rows × 8 columns, node ${process.version}`);
  const r = await tableDiffBench(rows, (line) => console.log(line), {
    threads: Number(opts.tableDiffThreads),
    fullLoadMax: Number(opts.tableDiffFullLoadMax),
  });
  const json = program.getOptionValueSource('json') === 'default' ? join(dirname(opts.json), 'table-diff-latest.json') : opts.json;
  mkdirSync(dirname(json), { recursive: true });
  writeFileSync(json, JSON.stringify([r], null, 2));
  console.log(`\nresults: ${json}`);
}

async function mainQueue(): Promise<void> {
  console.log(`@diffsync/queue benchmark, node ${process.version}`);
  const records = await queueBench({
    redis: opts.redis,
    models: Number(opts.queueModels),
    partitions: Number(opts.queuePartitions),
    workers: Number(opts.queueWorkers),
    ioModels: Number(opts.ioModels),
    plain: opts.queuePlain,
    print: (line) => console.log(line),
  });
  const json = program.getOptionValueSource('json') === 'default' ? join(dirname(opts.json), 'queue-latest.json') : opts.json;
  mkdirSync(dirname(json), { recursive: true });
  writeFileSync(json, JSON.stringify(records, null, 2));
  console.log(`\nresults: ${json}`);
}

async function main(): Promise<void> {
  if (opts.tableDiff) return mainTableDiff();
  if (opts.sql) return mainSql();
  if (opts.cli) return mainCli();
  if (opts.queue) return mainQueue();
  const sizes = opts.sizes.split(',').map((s) => Number(s.trim()));
  const runs = Math.max(1, Number(opts.runs));
  const store = storeFactory(opts.store);
  const records: Array<Record<string, unknown>> = [];
  console.log(`store: ${opts.store}, runs: ${runs} (median, after warm-up runs), node ${process.version}`);
  console.log('size       models     phase       ms        µs/unit  units/s       bare ms   ×bare');
  try {
    for (const size of sizes) {
      const result = await runPhases(size, runs, store.make);
      for (const p of result.phases) {
        console.log(
          `${String(size).padEnd(10)} ${String(p.models).padEnd(10)} ${p.phase.padEnd(11)} ${fmt(p.ms).padStart(9)} ` +
            `${fmt(p.usPerModel, 2).padStart(8)} ${fmt(p.perSecond, 0).padStart(12)} ${fmt(p.bareMs).padStart(10)} ${fmt(p.ratio, 2).padStart(6)}`,
        );
        records.push({ store: opts.store, ...p });
      }
      const total = result.phases.reduce((a, p) => a + p.ms, 0);
      console.log(`           summary ${JSON.stringify(result.summary)}; all phases ${fmt(total)} ms; peak RSS ${fmt(result.peakRssMb, 0)} MB`);
      records.push({ store: opts.store, size, phase: 'total', ms: total, summary: result.summary, peakRssMb: result.peakRssMb });
    }
  } finally {
    await store.cleanup();
  }
  if (opts.extras && opts.store === 'local') {
    const many = await manyChildren(40000);
    console.log(`\n40,000 children under one parent: load ${fmt(many.loadMs)} ms, diff ${fmt(many.diffMs)} ms`);
    records.push({ scenario: 'many-children', ...many });
    const one = await concurrencyRun(200, 1);
    const ten = await concurrencyRun(200, 10);
    console.log(`200 creates with a 1 ms hook: concurrency 1 ${fmt(one)} ms, concurrency 10 ${fmt(ten)} ms (${fmt(one / ten, 1)}× faster)`);
    records.push({ scenario: 'concurrency', creates: 200, concurrency1Ms: one, concurrency10Ms: ten });
  }
  if (opts.store === 'sqlite') {
    const cmp = await sqliteVsRaw(100000, runs);
    console.log(
      `\nSqliteStore load + read of ${cmp.n.toLocaleString('en-US')} models: ${fmt(cmp.oursMs)} ms; raw better-sqlite3 ` +
        `insert + select of the same payloads: ${fmt(cmp.rawMs)} ms (${fmt(cmp.ratio, 2)}× raw)`,
    );
    records.push({ scenario: 'sqlite-vs-raw', ...cmp });
  }
  if (opts.store === 'redis') {
    const cmp = await redisVsRaw(100000, runs);
    console.log(
      `\nRedisStore load + diff of ${cmp.models.toLocaleString('en-US')} models: ${fmt(cmp.oursMs)} ms (load ${fmt(cmp.loadMs)}, ` +
        `connect + diff ${fmt(cmp.diffMs)}); raw node-redis pipeline writing and reading the same payloads: ${fmt(cmp.rawMs)} ms ` +
        `(${fmt(cmp.ratio, 2)}× raw)`,
    );
    records.push({ scenario: 'redis-vs-raw', ...cmp });
  }
  mkdirSync(dirname(opts.json), { recursive: true });
  writeFileSync(opts.json, JSON.stringify(records, null, 2));
  console.log(`\nresults: ${opts.json}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
