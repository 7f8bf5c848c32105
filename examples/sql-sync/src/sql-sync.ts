import type { Adapter, DiffSummary, SyncLogger } from '@diffsync/core';
import { BackendA, BackendB, BackendC } from '@diffsync/example-network-inventory';
import { connect, redactUrl } from '@diffsync/sql';
import { InventoryDb, SqlDevice, SqlInterface, SqlSite } from './models';

/** The bundled inventories the example can sync from. */
export const BACKENDS = { a: BackendA, b: BackendB, c: BackendC } as const;
export type BackendName = keyof typeof BACKENDS;

export interface SqlSyncOptions {
  /** `sqlite:file.db`, `sqlite::memory:`, `postgresql://…` or `mysql://…`. */
  url: string;
  /** Which bundled inventory is the source (default `a`). */
  backend?: BackendName;
  /** Where the report lines go (default: console.log). */
  print?: (line: string) => void;
  /** Engine logs (default: silent). */
  logger?: SyncLogger;
}

export interface SqlSyncResult {
  /** DDL statements `syncSchema` ran (0 once the tables exist). */
  schemaStatements: number;
  /** What the sync applied (`diff.summary()`). */
  summary: DiffSummary;
  /** The diff text before the sync. */
  diffText: string;
  /** The re-diff of a freshly loaded database against the source: `(no diffs)`. */
  remaining: string;
  /** Rows per table after the sync. */
  rows: { sites: number; devices: number; interfaces: number };
}

/**
 * Syncs one bundled network inventory into a database: creates or migrates the tables,
 * loads the source (an in-memory LocalStore adapter) and the database (SqlAdapter),
 * diffs, syncs, and re-diffs a fresh load of the database to show nothing is left.
 */
export async function runSqlSync(options: SqlSyncOptions): Promise<SqlSyncResult> {
  const print = options.print ?? ((line: string) => console.log(line));
  const Backend = BACKENDS[options.backend ?? 'a'];
  const db = await connect(options.url);
  try {
    print(`Database: ${redactUrl(options.url)} (${db.dialect})`);
    const plan = await db.syncSchema(InventoryDb.models);
    print(plan.isEmpty ? 'Schema: up to date' : `Schema: ${plan.statements.length} statement(s) applied`);

    const source: Adapter = new Backend({ logger: options.logger });
    await source.load();
    const target = new InventoryDb({ connection: db, logger: options.logger });
    await target.load();
    print(`Loaded ${source.name}: ${await counts(source)}; ${target.name}: ${await counts(target)}`);

    const diff = await target.diffFrom(source);
    const diffText = diff.str();
    print('Diff:');
    print(diffText);
    await target.syncFrom(source, { diff });
    const summary = diff.summary();
    print(`Synced: ${JSON.stringify(summary)}`);

    const reloaded = new InventoryDb({ connection: db, logger: options.logger });
    await reloaded.load();
    const remaining = (await reloaded.diffFrom(source)).str();
    print(`Left after the sync: ${remaining}`);
    const rows = {
      sites: (await db.select(SqlSite)).length,
      devices: (await db.select(SqlDevice)).length,
      interfaces: (await db.select(SqlInterface)).length,
    };
    return { schemaStatements: plan.statements.length, summary, diffText, remaining, rows };
  } finally {
    await db.close();
  }
}

async function counts(adapter: Adapter): Promise<string> {
  return `${await adapter.count('site')} sites, ${await adapter.count('device')} devices, ${await adapter.count('interface')} interfaces`;
}
