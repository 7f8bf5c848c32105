import { existsSync } from 'node:fs';
import type { Adapter, Diff, DiffElement, DiffSyncModel, ModelClass } from '@diffsync/core';
import type { Catalog, CatalogModels, Connection } from '@diffsync/sql';
import { CliUsageError } from '../errors';
import { jsonText } from '../json-text';
import { resolveDatabaseUrl, sqliteFile } from './database-url';
import type { Progress } from './progress';
import type { SqlModule } from './sql-module';

/** Which tables of the source database `--from URL --to URL` compares. */
export interface UrlPairOptions {
  /** `--tables`: these tables only (default: every table of the source). */
  tables?: readonly string[];
  /** `--namespace`: the PostgreSQL schema (or `namespace__` table prefix elsewhere) the tables live in. */
  namespace?: string;
}

/** Two loaded `SqlAdapter`s on database URLs, and what closes their connections. */
export interface UrlPair {
  source: Adapter;
  target: Adapter;
  /** The models built from the source's catalog, parents before children. */
  models: CatalogModels;
  /**
   * Before a sync: `CliUsageError` naming the values of the diff's creates and updates that
   * the target's columns would round (fractional seconds, decimal digits, single-precision floats).
   */
  checkWrite(diff: Diff): void;
  /** Closes both connections. */
  close(): Promise<void>;
}

interface Side {
  option: '--from' | '--to';
  /** The URL as given, without its password. */
  label: string;
  url: string;
}

/** A SQLite file must exist: connecting would otherwise create an empty database. */
function checkSqliteFile(side: Side, cwd: string): void {
  const file = sqliteFile(side.url);
  if (file === undefined) return;
  const path = sqliteFile(resolveDatabaseUrl(side.url, cwd)) as string;
  if (!existsSync(path)) throw new CliUsageError(`${side.option} ${side.label}: the SQLite file ${path} does not exist.`);
}

/** The logical table names of a catalog (the `namespace__` prefix taken off on MySQL and SQLite). */
function logicalNames(catalog: Catalog, namespace: string | undefined): string[] {
  if (catalog.dialect === 'postgresql' || namespace === undefined) return catalog.tables.map((t) => t.name);
  const prefix = `${namespace}__`;
  return catalog.tables.filter((t) => t.name.startsWith(prefix)).map((t) => t.name.slice(prefix.length));
}

/**
 * The models of the source's tables; `CliUsageError` for a table of `--tables` that is not
 * there, a table without a primary key (the `SchemaError` of `modelsFromCatalog`), or no table at all.
 */
async function sourceModels(sql: SqlModule, db: Connection, side: Side, options: UrlPairOptions): Promise<CatalogModels> {
  const catalog = await db.discover(options.namespace !== undefined ? { namespace: options.namespace } : undefined);
  const where = options.namespace !== undefined ? ` in namespace '${options.namespace}'` : '';
  const names = logicalNames(catalog, options.namespace);
  const missing = (options.tables ?? []).filter((t) => !names.includes(t));
  if (missing.length > 0) {
    const s = missing.length === 1 ? '' : 's';
    throw new CliUsageError(
      `--tables: the source ${side.label} has no table${s} ${missing.map((t) => `'${t}'`).join(', ')}${where}; ` +
        `its tables are: ${names.length > 0 ? names.join(', ') : '(none)'}.`,
    );
  }
  let models: CatalogModels;
  try {
    models = sql.modelsFromCatalog(catalog, { tables: options.tables, namespace: options.namespace });
  } catch (error) {
    if (error instanceof sql.SchemaError) {
      throw new CliUsageError(`${side.option} ${side.label}: ${error.message} Or compare the other tables only, with --tables t1,t2.`, { cause: error });
    }
    throw error;
  }
  if (models.length === 0) throw new CliUsageError(`${side.option} ${side.label} has no tables${where}: nothing to compare.`);
  return models;
}

/**
 * The target must hold every table of the models, with every column: `CliUsageError`
 * naming what is missing (and how to create it) before anything is loaded.
 */
async function checkTarget(sql: SqlModule, db: Connection, side: Side, models: CatalogModels, options: UrlPairOptions): Promise<Catalog> {
  const catalog = await db.discover(options.namespace !== undefined ? { namespace: options.namespace } : undefined);
  const tables = new Map(catalog.tables.map((t) => [t.name, t]));
  const missing: string[] = [];
  const columns: string[] = [];
  for (const model of models) {
    const spec = sql.tableSpecOf(model);
    const name = db.sqlDialect.physicalName(spec.namespace, spec.name).name;
    const table = tables.get(name);
    if (!table) {
      missing.push(name);
      continue;
    }
    const have = new Set(table.columns.map((c) => c.name));
    const lacking = spec.columns.map((c) => c.name).filter((c) => !have.has(c));
    if (lacking.length > 0) columns.push(`'${name}' has no column${lacking.length === 1 ? '' : 's'} ${lacking.map((c) => `'${c}'`).join(', ')}`);
  }
  const where = options.namespace !== undefined ? ` in namespace '${options.namespace}'` : '';
  if (missing.length > 0) {
    const s = missing.length === 1 ? '' : 's';
    throw new CliUsageError(
      `${side.option} ${side.label} has no table${s} ${missing.map((t) => `'${t}'`).join(', ')}${where}, which the source has. ` +
        `Create ${missing.length === 1 ? 'it' : 'them'} on the target first (diffsync schema apply --url TARGET_URL --models MODULE, ` +
        `or the CREATE TABLE of the source), or leave ${missing.length === 1 ? 'it' : 'them'} out with --tables.`,
    );
  }
  if (columns.length > 0) {
    throw new CliUsageError(
      `${side.option} ${side.label}: table ${columns.join('; table ')}${where}, which the source has. ` +
        'Add the columns on the target first (diffsync schema apply, or ALTER TABLE … ADD COLUMN), or leave the table out with --tables.',
    );
  }
  return catalog;
}

/** `UrlPair.checkWrite`: every value a sync would write, checked against the target's columns. */
function writeCheck(sql: SqlModule, db: Connection, side: Side, catalog: Catalog, models: CatalogModels): (diff: Diff) => void {
  const byType = new Map<string, { table: string; columns: ReadonlyMap<string, string>; check: (column: string, value: unknown) => string | undefined }>();
  for (const model of models) {
    const spec = sql.tableSpecOf(model);
    const name = db.sqlDialect.physicalName(spec.namespace, spec.name).name;
    const table = catalog.tables.find((t) => t.name === name);
    if (!table) continue;
    byType.set((model as unknown as { getType(): string }).getType(), {
      table: name,
      columns: new Map(spec.columns.map((c) => [c.property, c.name])),
      check: sql.roundingCheck({ catalog, table }),
    });
  }
  return (diff) => {
    const problems: string[] = [];
    const visit = (elements: Iterable<DiffElement>): void => {
      for (const e of elements) {
        if (problems.length >= 10) return;
        const target = byType.get(e.type);
        if (target && (e.action === 'create' || e.action === 'update')) {
          for (const [property, value] of Object.entries({ ...e.keys, ...(e.sourceAttrs ?? {}) })) {
            const column = target.columns.get(property);
            const why = column === undefined ? undefined : target.check(column, value);
            if (why) problems.push(`table '${target.table}' column '${column}' of ${e.type} ${e.name}: ${jsonText(value)}, but ${why}`);
          }
        }
        visit(e.getChildren());
      }
    };
    visit(diff.getChildren());
    if (problems.length > 0) {
      throw new CliUsageError(
        `${side.option} ${side.label} would round values the sync writes: ${problems.join('; ')}. ` +
          'Widen those columns on the target first (ALTER TABLE), or leave the table out with --tables. Nothing was written.',
      );
    }
  };
}

/**
 * Connects to both databases, builds model classes from the SOURCE's catalog
 * (`db.models({ tables, namespace })`), checks that the target has those tables, and
 * loads one `SqlAdapter` per side with the same models (the adapters are named after the
 * URLs, without their passwords). Connections are closed on failure; on success the
 * caller closes them with `close()`.
 */
export async function loadUrlPair(
  sql: SqlModule,
  cwd: string,
  urls: { from: string; to: string },
  options: UrlPairOptions,
  progress: Progress,
): Promise<UrlPair> {
  const source: Side = { option: '--from', label: sql.redactUrl(urls.from), url: urls.from };
  const target: Side = { option: '--to', label: sql.redactUrl(urls.to), url: urls.to };
  checkSqliteFile(source, cwd);
  checkSqliteFile(target, cwd);
  const opened: Connection[] = [];
  const close = async (): Promise<void> => {
    for (const db of opened.splice(0)) await db.close().catch(() => undefined);
  };
  try {
    const connect = async (side: Side): Promise<Connection> => {
      const db = await sql.connect(resolveDatabaseUrl(side.url, cwd));
      opened.push(db);
      return db;
    };
    const sourceDb = await connect(source);
    const targetDb = await connect(target);
    const models = await sourceModels(sql, sourceDb, source, options);
    const targetCatalog = await checkTarget(sql, targetDb, target, models, options);

    class DatabaseAdapter extends sql.SqlAdapter {
      static override models: readonly ModelClass<DiffSyncModel>[] = models;
      static override topLevel: readonly string[] = models.topLevel;
    }
    const load = async (side: Side, connection: Connection): Promise<Adapter> => {
      const adapter = new DatabaseAdapter({ name: side.label, connection });
      const done = progress.task(`load ${side.label}`);
      await adapter.load();
      done(String(adapter));
      return adapter;
    };
    return {
      source: await load(source, sourceDb),
      target: await load(target, targetDb),
      models,
      checkWrite: writeCheck(sql, targetDb, target, targetCatalog, models),
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
