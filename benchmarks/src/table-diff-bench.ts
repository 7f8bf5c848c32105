import { dirname, join } from 'node:path';
import type { Connection } from '@diffsync/sql';
import { connect, defineModel, diffTables, SqlAdapter, tableSpecOf } from '@diffsync/sql';

// The in-database checksum query diffTables runs per segment, here over the whole table (the baseline).
// (internal to the package, so required by path next to its entry point)
const { checksumSelect } = require(join(dirname(require.resolve('@diffsync/sql')), 'table-diff', 'canonical')) as {
  checksumSelect: (dialect: string, columns: Array<{ name: string; type: string; precision: number; scale: number }>, q: (n: string) => string) => string;
};

const PG_URL = process.env.PG_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';
const MYSQL_URL = process.env.MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/test';

export interface TableDiffBenchResult {
  scenario: 'table-diff';
  rows: number;
  pgChecksumMs: number;
  mysqlChecksumMs: number;
  baselineMs: number;
  concurrentMs: number;
  noDiffMs: number;
  noDiffRatio: number;
  scatteredMs: number;
  scatteredRatio: number;
  /** The same two cases with `threads` connections per side. */
  threads: number;
  noDiffThreadsMs: number;
  noDiffThreadsRatio: number;
  scatteredThreadsMs: number;
  scatteredThreadsRatio: number;
  scatteredFound: number;
  fivePercentMs: number;
  fivePercentFound: number;
  /** Undefined above `fullLoadMax` rows (both tables whole in memory). */
  fullLoadMs: number | undefined;
  fivePercentVsFullLoad: number | undefined;
  peakRssMb: number;
  stats: Record<string, unknown>;
}

function benchModel(table: string) {
  return defineModel({
    name: table,
    identifiers: { id: 'bigint' },
    attributes: {
      qty: 'integer',
      big: 'bigint',
      ratio: 'double',
      price: { type: 'decimal', precision: 18, scale: 6 },
      label: { type: 'varchar', length: 40 },
      active: 'boolean',
      seen: 'timestamp',
    },
  });
}

function row(i: number): Record<string, unknown> {
  return {
    id: i * 2 + 1, // gaps
    qty: (i * 7919) % 100000,
    big: i * 1_000_003,
    ratio: i / 7,
    price: Math.round(i * 13.37) / 100,
    label: `row-${i.toString(36)}`,
    active: i % 3 === 0,
    seen: new Date(1_600_000_000_000 + i * 1000 + (i % 1000)),
  };
}

async function fill(db: Connection, model: ReturnType<typeof benchModel>, rows: number): Promise<void> {
  for (const s of db.sqlDialect.createSchemaStatements((await import('@diffsync/sql')).buildSchemaSpec([model]))) await db.execute(s);
  const chunk = 100_000;
  for (let start = 0; start < rows; start += chunk) {
    const objs = [];
    for (let i = start; i < Math.min(rows, start + chunk); i++) objs.push(new model(row(i)));
    await db.insert(model, objs);
  }
  // PostgreSQL's autovacuum would otherwise vacuum the freshly inserted table during a timed query.
  const table = db.sqlDialect.quoteIdentifier(tableSpecOf(model).name);
  if (db.dialect === 'postgresql') {
    await db.execute(`VACUUM (ANALYZE) ${table}`);
    return;
  }
  await db.execute(`ANALYZE TABLE ${table}`);
}

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = process.hrtime.bigint();
  const value = await fn();
  return { ms: Number(process.hrtime.bigint() - t0) / 1e6, value };
}

async function fullChecksum(db: Connection, model: ReturnType<typeof benchModel>): Promise<number> {
  const spec = tableSpecOf(model);
  const columns = spec.columns.map((c) => ({ name: c.name, type: c.type, precision: 6, scale: c.scale ?? 0 }));
  const sql = `SELECT ${checksumSelect(db.dialect, columns, (n) => db.sqlDialect.quoteIdentifier(n))} FROM ${db.sqlDialect.quoteIdentifier(spec.name)}`;
  const best = [];
  for (let i = 0; i < 2; i++) best.push((await timed(() => db.query(sql))).ms);
  return Math.min(...best);
}

async function fullLoad(model: ReturnType<typeof benchModel>, pg: Connection, my: Connection): Promise<{ ms: number; changes: number }> {
  const type = (model as unknown as { getType(): string }).getType();
  const make = (connection: Connection, name: string) => {
    const cls = class extends SqlAdapter {};
    Object.defineProperty(cls, 'models', { value: [model] });
    Object.defineProperty(cls, 'topLevel', { value: [type] });
    return new cls({ connection, name });
  };
  const r = await timed(async () => {
    const a = make(pg, 'source');
    const b = make(my, 'target');
    await Promise.all([a.load(), b.load()]);
    return b.diffFrom(a);
  });
  const s = r.value.summary();
  return { ms: r.ms, changes: s.create + s.update + s.delete };
}

/** PostgreSQL ↔ MariaDB, `rows` × 8 columns: table diff vs the slower server's one full-table checksum query. */
export async function tableDiffBench(
  rows: number,
  log: (line: string) => void,
  options: { threads: number; fullLoadMax: number } = { threads: 2, fullLoadMax: 2_000_000 },
): Promise<TableDiffBenchResult> {
  const id = `bench_td_${process.pid}_${Date.now().toString(36)}`;
  const admin = await connect(PG_URL);
  const myAdmin = await connect(MYSQL_URL);
  await admin.execute(`CREATE SCHEMA "${id}"`);
  await myAdmin.execute(`CREATE DATABASE \`${id}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin`);
  const pgUrl = `${PG_URL}?schema=${id}`;
  const myUrlObj = new URL(MYSQL_URL);
  myUrlObj.pathname = `/${id}`;
  const myUrl = myUrlObj.toString();
  const pg = await connect(pgUrl);
  const my = await connect(myUrl);
  const model = benchModel('bench_rows');
  const table = 'bench_rows';
  try {
    const filled = await timed(async () => {
      await Promise.all([fill(pg, model, rows), fill(my, model, rows)]);
    });
    log(`filled ${rows.toLocaleString('en-US')} rows × 8 columns on each server in ${(filled.ms / 1000).toFixed(1)} s`);
    const pgChecksumMs = await fullChecksum(pg, model);
    const mysqlChecksumMs = await fullChecksum(my, model);
    const baselineMs = Math.max(pgChecksumMs, mysqlChecksumMs);
    // Both servers hashing their whole table at the same time: on a 2-core machine they compete.
    const together = await timed(() => Promise.all([fullChecksum(pg, model), fullChecksum(my, model)]));
    const concurrentMs = together.ms / 2; // fullChecksum runs its query twice
    log(
      `one full-table checksum query: PostgreSQL ${pgChecksumMs.toFixed(0)} ms (${Math.round(rows / (pgChecksumMs / 1000)).toLocaleString('en-US')} rows/s), ` +
        `MariaDB ${mysqlChecksumMs.toFixed(0)} ms (${Math.round(rows / (mysqlChecksumMs / 1000)).toLocaleString('en-US')} rows/s); baseline = the slower, ${baselineMs.toFixed(0)} ms; ` +
        `both servers' checksum queries at the same time: ${concurrentMs.toFixed(0)} ms`,
    );
    const run = (threads = 1) => timed(() => diffTables(pgUrl, myUrl, { table, model, threads }));
    await run(); // warm-up: connections, plans, caches
    const noDiff = await run();
    if (noDiff.value.diff.hasDiffs()) throw new Error('equal tables reported differences');
    log(
      `no difference: ${noDiff.ms.toFixed(0)} ms = ${(noDiff.ms / baselineMs).toFixed(2)}× the baseline (target ≤ 1.25×), ${(noDiff.ms / concurrentMs).toFixed(2)}× both queries at once; ` +
        `${Math.round(rows / (noDiff.ms / 1000)).toLocaleString('en-US')} rows/s per server; stats ${JSON.stringify(noDiff.value.stats)}`,
    );
    const noDiffThreads = await run(options.threads);
    if (noDiffThreads.value.diff.hasDiffs()) throw new Error('equal tables reported differences');
    log(
      `no difference, threads ${options.threads}: ${noDiffThreads.ms.toFixed(0)} ms = ${(noDiffThreads.ms / baselineMs).toFixed(2)}× the baseline; ` +
        `${Math.round(rows / (noDiffThreads.ms / 1000)).toLocaleString('en-US')} rows/s per server`,
    );

    // 1,000 scattered differences on the target.
    const step = Math.floor(rows / 1000);
    const ids = Array.from({ length: 1000 }, (_, k) => (k * step + (k % step)) * 2 + 1);
    await my.execute(`UPDATE \`${table}\` SET \`qty\` = \`qty\` + 1 WHERE \`id\` IN (${ids.join(',')})`);
    const scattered = await run();
    const scatteredFound = scattered.value.diff.summary().update;
    log(
      `1,000 scattered differences: ${scattered.ms.toFixed(0)} ms = ${(scattered.ms / baselineMs).toFixed(2)}× the baseline (target ≤ 1.5×), ${(scattered.ms / concurrentMs).toFixed(2)}× both queries at once; ` +
        `found ${scatteredFound} updates; stats ${JSON.stringify(scattered.value.stats)}`,
    );
    const scatteredThreads = await run(options.threads);
    if (scatteredThreads.value.diff.summary().update !== scatteredFound) throw new Error('threads found other differences');
    log(
      `1,000 scattered differences, threads ${options.threads}: ${scatteredThreads.ms.toFixed(0)} ms = ${(scatteredThreads.ms / baselineMs).toFixed(2)}× the baseline`,
    );

    // 5% of the rows different.
    await my.execute(`UPDATE \`${table}\` SET \`label\` = CONCAT(\`label\`, '!') WHERE \`id\` % 40 = 1`);
    const five = await run();
    const s = five.value.diff.summary();
    const fivePercentFound = s.update + s.create + s.delete;
    const load = rows <= options.fullLoadMax ? await fullLoad(model, pg, my) : undefined;
    if (load) {
      if (load.changes !== fivePercentFound) throw new Error(`SqlAdapter found ${load.changes} differences, the table diff ${fivePercentFound}`);
      log(
        `5% different: table diff ${five.ms.toFixed(0)} ms (found ${fivePercentFound}); SqlAdapter load of both + diffFrom ${load.ms.toFixed(0)} ms ` +
          `(found ${load.changes}): ${(load.ms / five.ms).toFixed(2)}× faster (target > 1×); stats ${JSON.stringify(five.value.stats)}`,
      );
    } else {
      log(
        `5% different: table diff ${five.ms.toFixed(0)} ms (found ${fivePercentFound}); SqlAdapter load of both not run above ${options.fullLoadMax.toLocaleString('en-US')} rows ` +
          `(--table-diff-full-load-max: it holds both tables in memory); stats ${JSON.stringify(five.value.stats)}`,
      );
    }
    const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
    log(`peak RSS of this process: ${peakRssMb} MB${load ? ' (including the SqlAdapter load)' : ''}`);
    return {
      scenario: 'table-diff',
      rows,
      pgChecksumMs,
      mysqlChecksumMs,
      baselineMs,
      concurrentMs,
      noDiffMs: noDiff.ms,
      noDiffRatio: noDiff.ms / baselineMs,
      scatteredMs: scattered.ms,
      scatteredRatio: scattered.ms / baselineMs,
      threads: options.threads,
      noDiffThreadsMs: noDiffThreads.ms,
      noDiffThreadsRatio: noDiffThreads.ms / baselineMs,
      scatteredThreadsMs: scatteredThreads.ms,
      scatteredThreadsRatio: scatteredThreads.ms / baselineMs,
      scatteredFound,
      fivePercentMs: five.ms,
      fivePercentFound,
      fullLoadMs: load?.ms,
      fivePercentVsFullLoad: load ? load.ms / five.ms : undefined,
      peakRssMb,
      stats: { noDiff: noDiff.value.stats, scattered: scattered.value.stats, fivePercent: five.value.stats },
    };
  } finally {
    await pg.close();
    await my.close();
    await admin.execute(`DROP SCHEMA "${id}" CASCADE`);
    await myAdmin.execute(`DROP DATABASE IF EXISTS \`${id}\``);
    await admin.close();
    await myAdmin.close();
  }
}
