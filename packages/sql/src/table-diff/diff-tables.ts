import type { Diff, DiffSyncModel, ModelClass } from '@diffsync/core';
import { Adapter, getModelMetadata, InvalidArgumentError, Model } from '@diffsync/core';
import { connect, Connection } from '../connection/connection';
import type { Catalog, CatalogTable } from '../schema/catalog';
import { findTable } from '../schema/catalog';
import { SchemaError } from '../errors';
import { getTableOptions, Table } from '../metadata/decorators';
import { tableSpecOf } from '../schema/table-spec';
import { modelsFromCatalog, tableKey } from '../catalog-models/models-from-catalog';
import { columnOptionsOf, timestampPrecision } from '../catalog-models/column-types';
import { defineModel } from '../catalog-models/define-model';
import { roundingCheck } from '../catalog-models/column-fit';
import type { HashColumn } from './canonical';
import type { KeyColumn } from './key-order';
import { Pool, Side } from './side';
import type { TableDiffStats } from './segments';
import { SegmentDiff } from './segments';
import { TableDiffError } from './errors';

/** Options of `diffTables`: which table and columns, how the key is segmented, and whether to repair the target. */
export interface DiffTablesOptions {
  /** The table (`name` or `namespace.name`) on the source, and on the target unless `targetTable` is given. */
  table: string;
  /** The table's name on the target, when it differs. */
  targetTable?: string;
  /** Key columns to match rows by (default: the primary key, else a unique index). */
  key?: string[];
  /** Columns to compare (default: all). Key columns are always included. */
  columns?: string[];
  /** An SQL condition both sides are filtered by (e.g. `updated_at >= '2026-01-01'`). */
  where?: string;
  /** Segments per split (default 32). */
  segments?: number;
  /** Connections per side working in parallel (default 1; more than one needs URLs, not connections). */
  threads?: number;
  /** The table's model (default: built from the source's catalog). */
  model?: ModelClass;
  /** Apply the diff to the target in one transaction. */
  repair?: boolean;
  /** A segment with at most this many rows on either side is fetched and compared (default 256). */
  leafRows?: number;
  /** Share of a range's rows in mismatched segments above which the range is merged in one stream (default 0.3). */
  fullMergeRatio?: number;
  /**
   * Let PostgreSQL add its own parallel workers to the checksum queries (default false: the
   * diff parallelises by `threads`, alike on both sides; see docs/table-diff.md).
   */
  serverParallel?: boolean;
  /** How NULL columns load into models (default `'null'`, as `SqlAdapter`). */
  nullAs?: 'undefined' | 'null';
  /** Called after each round of checksums. */
  onProgress?: (stats: TableDiffStats) => void | Promise<void>;
}

/** What `diffTables` returns: the diff of the table's model and the statistics of the run. */
export interface TableDiffResult {
  /** The diff of the table's model: "+" = source, "-" = target. */
  diff: Diff;
  /** Rows on each side, segments compared, rows fetched and time taken. */
  stats: TableDiffStats;
  /** The model the rows were loaded as. */
  model: ModelClass;
}

export type TableDiffStatsResult = TableDiffStats;

function splitName(table: string): { namespace: string | undefined; name: string } {
  const dot = table.indexOf('.');
  return dot < 0 ? { namespace: undefined, name: table } : { namespace: table.slice(0, dot), name: table.slice(dot + 1) };
}

async function openSide(conn: Connection | string, threads: number, label: string): Promise<{ connections: Connection[]; owned: boolean }> {
  if (conn instanceof Connection) return { connections: [conn], owned: false };
  if (typeof conn !== 'string') throw new InvalidArgumentError(`diffTables: the ${label} must be a Connection or a database URL.`);
  const connections: Connection[] = [];
  try {
    for (let i = 0; i < threads; i++) connections.push(await connect(conn));
  } catch (error) {
    await Promise.all(connections.map((c) => c.close()));
    throw error;
  }
  return { connections, owned: true };
}

async function catalogTable(
  conn: Connection,
  table: string,
  side: string,
): Promise<{ catalog: Catalog; table: CatalogTable; namespace: string | undefined; name: string }> {
  const { namespace, name } = splitName(table);
  const catalog = await conn.discover(namespace !== undefined ? { namespace } : undefined);
  const physical = conn.dialect === 'postgresql' ? name : conn.sqlDialect.physicalName(namespace, name).name;
  const found = conn.dialect === 'postgresql' ? catalog.tables.find((t) => t.name === name) : findTable(catalog, undefined, physical);
  if (!found) throw new SchemaError(`diffTables: table '${table}' does not exist on the ${side} (${conn.dialect}).`);
  return { catalog, table: found, namespace, name };
}

/** The model a catalog table's rows load as, with `key` and `columns` applied. */
function catalogModel(
  catalog: Catalog,
  table: CatalogTable,
  name: string,
  namespace: string | undefined,
  options: DiffTablesOptions,
): ModelClass<DiffSyncModel> {
  if (!options.key && !options.columns)
    return modelsFromCatalog(catalog, { tables: [table.name], namespace: catalog.dialect === 'postgresql' ? namespace : namespace })[0];
  const keyColumns = options.key ?? tableKey(table).columns;
  const column = (n: string) => {
    const c = table.columns.find((x) => x.name === n);
    if (!c) throw new SchemaError(`diffTables: table '${table.name}' has no column '${n}' (columns: ${table.columns.map((x) => x.name).join(', ')}).`);
    return columnOptionsOf(catalog, table, c);
  };
  const identifiers = Object.fromEntries(keyColumns.map((n) => [n, { ...column(n), nullable: undefined }]));
  const attributeNames = (options.columns ?? table.columns.map((c) => c.name)).filter((n) => !keyColumns.includes(n));
  const attributes = Object.fromEntries(attributeNames.map((n) => [n, column(n)]));
  return defineModel({ name, table: name, namespace, identifiers, attributes });
}

/** The same model reading another table (a subclass with its own `@Table` name). */
function onTable(model: ModelClass<DiffSyncModel>, table: string): ModelClass<DiffSyncModel> {
  const { namespace, name } = splitName(table);
  const options = getTableOptions(model);
  if ((options.name ?? getModelMetadata(model).name) === name && (namespace === undefined || namespace === options.namespace)) return model;
  const sub = class extends model {};
  Table({ ...options, name, ...(namespace !== undefined ? { namespace } : {}) })(sub);
  Model(getModelMetadata(model).name)(sub);
  return sub;
}

function hashColumns(
  model: ModelClass,
  source: { catalog: Catalog; table: CatalogTable },
  target: { catalog: Catalog; table: CatalogTable },
  side: 'source' | 'target',
): HashColumn[] {
  return tableSpecOf(model).columns.map((c) => {
    const s = source.table.columns.find((x) => x.name === c.name);
    const t = target.table.columns.find((x) => x.name === c.name);
    if (!s || !t) {
      const where = !s ? `source table '${source.table.name}'` : `target table '${target.table.name}'`;
      throw new SchemaError(`diffTables: column '${c.name}' is missing on the ${where}.`);
    }
    const own = side === 'source' ? s : t;
    const precision = Math.min(timestampPrecision(source.catalog.dialect, s.type), timestampPrecision(target.catalog.dialect, t.type));
    return {
      name: c.name,
      type: c.type,
      precision,
      scale: c.scale ?? 0,
      naive: /without time zone/.test(own.type),
    };
  });
}

/** An in-memory adapter for one model, holding the given objects. */
async function holding(model: ModelClass, objects: readonly DiffSyncModel[], name: string): Promise<Adapter> {
  const type = getModelMetadata(model).name;
  const cls = class extends Adapter {};
  Object.defineProperty(cls, 'models', { value: [model] });
  Object.defineProperty(cls, 'topLevel', { value: [type] });
  const adapter = new cls({ name });
  for (const obj of objects) await adapter.add(obj);
  return adapter;
}

/**
 * Compares one table on two connections (any two dialects) by per-segment row counts and
 * sums of row hashes computed inside each database, fetching only the rows of segments
 * that differ. The diff is what a full load of both tables and `diffFrom` gives ("+" =
 * source, "-" = target); `repair: true` applies it to the target in one transaction.
 */
export async function diffTables(source: Connection | string, target: Connection | string, options: DiffTablesOptions): Promise<TableDiffResult> {
  if (!options || typeof options.table !== 'string' || options.table.length === 0) {
    throw new InvalidArgumentError('diffTables needs { table }: the name of the table to compare.');
  }
  const started = Date.now();
  const threads = Math.max(1, Math.floor(options.threads ?? 1));
  // Both sides are opened and read at once.
  const [srcOpened, tgtOpened] = await Promise.allSettled([openSide(source, threads, 'source'), openSide(target, threads, 'target')]);
  const src = srcOpened.status === 'fulfilled' ? srcOpened.value : { connections: [], owned: false };
  const tgt = tgtOpened.status === 'fulfilled' ? tgtOpened.value : { connections: [], owned: false };
  const sides: Side[] = [];
  try {
    if (srcOpened.status === 'rejected') throw srcOpened.reason;
    if (tgtOpened.status === 'rejected') throw tgtOpened.reason;
    const sourceConn = src.connections[0];
    const targetConn = tgt.connections[0];
    const [sRead, tRead] = await Promise.allSettled([
      catalogTable(sourceConn, options.table, 'source'),
      catalogTable(targetConn, options.targetTable ?? options.table, 'target'),
    ]);
    if (sRead.status === 'rejected') throw sRead.reason; // the source's problem first, whichever answered first
    if (tRead.status === 'rejected') throw tRead.reason;
    const [s, t] = [sRead.value, tRead.value];
    const model = options.model ?? catalogModel(s.catalog, s.table, s.name, s.namespace, options);
    const meta = getModelMetadata(model);
    if (meta.identifiers.length === 0) throw new SchemaError(`diffTables: model ${model.name} has no identifiers to match rows by.`);
    const sourceModel = onTable(model, options.table);
    const targetModel = onTable(model, options.targetTable ?? options.table);
    const spec = tableSpecOf(sourceModel);
    const keys: KeyColumn[] = meta.identifiers.map((p) => {
      const c = spec.columnByProperty.get(p);
      if (!c) throw new SchemaError(`diffTables: identifier '${p}' of ${model.name} is not a column.`);
      return { name: c.name, property: p, type: c.type };
    });
    const nullAs = options.nullAs ?? 'null';
    const side = (label: 'source' | 'target', opened: readonly Connection[], sideModel: ModelClass<DiffSyncModel>) =>
      new Side(label, new Pool(opened.map((c) => c.session)), sideModel, keys, hashColumns(sideModel, s, t, label), options.where, nullAs);
    const sourceSide = side('source', src.connections, sourceModel);
    const targetSide = side('target', tgt.connections, targetModel);
    sides.push(sourceSide, targetSide);
    const tuning = { serverParallel: options.serverParallel === true };
    await Promise.all([sourceSide.prepare(tuning), targetSide.prepare(tuning)]);
    const run = new SegmentDiff(sourceSide, targetSide, model, {
      segments: Math.max(2, options.segments ?? 32),
      leafRows: Math.max(1, options.leafRows ?? 256),
      bucketRows: 32,
      fullMergeRatio: options.fullMergeRatio ?? 0.3,
      threads,
      onProgress: options.onProgress,
    });
    await run.run();
    const sourceAdapter = await holding(model, run.sourceRows, 'source');
    const targetAdapter = await holding(model, run.targetRows, 'target');
    const diff = await targetAdapter.diffFrom(sourceAdapter);
    if (options.repair) {
      refuseRounding(t, targetModel, run.sourceRows);
      await repair(targetConn, targetModel, run.sourceRows, run.targetRows, run.stats.rowsFetched > 0, meta);
    }
    await Promise.all(sides.splice(0).map((side) => side.restore()));
    run.stats.ms = Date.now() - started;
    return { diff, stats: { ...run.stats }, model };
  } finally {
    // After a failure: settings put back where the connection still answers (the failure is what the caller sees).
    await Promise.all(sides.map((side) => side.restore().catch(() => undefined)));
    if (src.owned) await Promise.all(src.connections.map((c) => c.close().catch(() => undefined)));
    if (tgt.owned) await Promise.all(tgt.connections.map((c) => c.close().catch(() => undefined)));
  }
}

function shownValue(value: unknown): string {
  return value instanceof Date ? value.toISOString() : typeof value === 'string' ? `'${value}'` : String(value);
}

/**
 * The rows the repair would write that the target's columns would round (fractional
 * seconds, decimal digits, single-precision floats): `SchemaError` naming table, column,
 * key and value, before anything is written.
 */
function refuseRounding(target: { catalog: Catalog; table: CatalogTable }, model: ModelClass<DiffSyncModel>, rows: readonly DiffSyncModel[]): void {
  const check = roundingCheck(target);
  const columns = tableSpecOf(model).columns;
  const problems: string[] = [];
  for (const row of rows) {
    const record = row as unknown as Record<string, unknown>;
    for (const c of columns) {
      const why = check(c.name, record[c.property]);
      if (why) problems.push(`column '${c.name}' of ${row.getUniqueId()} holds ${shownValue(record[c.property])}, but ${why}`);
    }
    if (problems.length >= 10) break;
  }
  if (problems.length > 0) {
    throw new SchemaError(
      `diffTables: repair would round values in table '${target.table.name}' on the target (${target.catalog.dialect}): ${problems.join('; ')}. ` +
        'Widen those columns on the target first, or repair only the columns that fit (columns: [...]). Nothing was written.',
    );
  }
}

/** Upserts the source's differing rows and deletes the target's rows the source lacks, in one transaction. */
async function repair(
  conn: Connection,
  model: ModelClass<DiffSyncModel>,
  sourceRows: readonly DiffSyncModel[],
  targetRows: readonly DiffSyncModel[],
  any: boolean,
  meta: ReturnType<typeof getModelMetadata>,
): Promise<void> {
  if (!any || (sourceRows.length === 0 && targetRows.length === 0)) return;
  const inSource = new Set(sourceRows.map((r) => r.getUniqueId()));
  const deletes = targetRows.filter((r) => !inSource.has(r.getUniqueId())).map((r) => meta.identifiersOf(r as never));
  try {
    await conn.transaction(async (tx) => {
      if (deletes.length > 0) await tx.delete(model, deletes);
      if (sourceRows.length > 0) await tx.upsert(model, sourceRows);
    });
  } catch (error) {
    throw TableDiffError.on({ label: 'target', dialect: conn.dialect, table: tableSpecOf(model).name }, error);
  }
}
