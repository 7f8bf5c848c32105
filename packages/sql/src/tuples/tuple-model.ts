import type { ModelClass } from '@diffsync/core';
import { Attribute, DiffSyncModel, Identifier, Model } from '@diffsync/core';
import type { Session } from '../session/session';
import { onSchemaChange } from '../session/session';
import type { Driver } from '../session/driver';
import { SchemaError } from '../errors';
import type { ColumnOptions } from '../metadata/decorators';
import { Column, Table } from '../metadata/decorators';
import type { Catalog, CatalogTable } from '../schema/catalog';
import { discover } from '../schema-sync/schema-sync';
import type { TupleColumnType } from './catalog-types';
import { columnOptionsFromCatalog, typeOptions } from './catalog-types';

/** Column types for rows as tuples: by column name, or one entry per listed column. */
export type TupleTypes = Readonly<Record<string, TupleColumnType>> | ReadonlyArray<TupleColumnType | undefined>;

export type TupleOperation = 'insert' | 'upsert' | 'delete';

/** A table name split into namespace and name: `inventory.devices` or `devices`. */
export interface TableName {
  readonly namespace: string | undefined;
  readonly name: string;
  /** As the caller wrote it, for messages. */
  readonly label: string;
}

export function parseTableName(table: string): TableName {
  if (typeof table !== 'string' || table.length === 0) throw new SchemaError(`A table name is required (got ${JSON.stringify(table)}).`);
  const dot = table.indexOf('.');
  if (dot < 0) return { namespace: undefined, name: table, label: table };
  return { namespace: table.slice(0, dot), name: table.slice(dot + 1), label: table };
}

/**
 * Catalogs read for rows as tuples, per session (shared by a connection and its
 * transactions) and namespace; `invalidateTupleCatalog` empties it after a schema change.
 */
const catalogs = new WeakMap<Driver, Map<string, Promise<Catalog>>>();

export function invalidateTupleCatalog(conn: Session): void {
  forgetDriver(conn.driver);
}

function forgetDriver(driver: Driver): void {
  catalogs.delete(driver);
  models.delete(driver);
}

// A CREATE / ALTER / DROP / RENAME run through any session of the driver empties its caches.
onSchemaChange(forgetDriver);

function catalogOf(conn: Session, namespace: string | undefined): Promise<Catalog> {
  let byNamespace = catalogs.get(conn.driver);
  if (!byNamespace) {
    byNamespace = new Map();
    catalogs.set(conn.driver, byNamespace);
  }
  const key = namespace ?? '';
  let found = byNamespace.get(key);
  if (!found) {
    found = discover(conn, { namespace });
    byNamespace.set(key, found);
    found.catch(() => byNamespace?.delete(key));
  }
  return found;
}

async function liveTable(conn: Session, table: TableName): Promise<{ catalog: Catalog; table: CatalogTable }> {
  const ns = table.namespace === conn.defaultNamespace ? undefined : table.namespace;
  const catalog = await catalogOf(conn, ns);
  const physical = conn.sqlDialect.physicalName(ns, table.name);
  const found = catalog.tables.find((t) => t.name === physical.name && (conn.dialect !== 'postgresql' || (t.namespace ?? undefined) === ns));
  if (!found) {
    throw new SchemaError(
      `Table '${table.label}' does not exist on ${conn.dialect}${ns ? ` (namespace '${ns}')` : ''}; known tables: ${catalog.tables.map((t) => t.name).join(', ') || '(none)'}.`,
    );
  }
  return { catalog, table: found };
}

function typeEntry(types: TupleTypes | undefined, columns: readonly string[], index: number): TupleColumnType | undefined {
  if (types === undefined) return undefined;
  if (Array.isArray(types)) return (types as ReadonlyArray<TupleColumnType | undefined>)[index];
  return (types as Readonly<Record<string, TupleColumnType>>)[columns[index]];
}

/** The model the row operations run on: property `"<i>"` holds the tuple's value at index `i`. */
export interface TupleModel {
  readonly model: ModelClass;
  /** Properties of the given columns, in tuple order (`"0"`, `"1"`, …). */
  readonly properties: readonly string[];
}

interface ModelColumn {
  readonly name: string;
  readonly property: string;
  readonly key: boolean;
  readonly options: ColumnOptions;
}

function buildModel(table: TableName, columns: readonly ModelColumn[]): ModelClass {
  const label = table.label;
  const cls = class extends DiffSyncModel {};
  Object.defineProperty(cls, 'name', { value: `rows of '${label}'` });
  for (const c of columns) {
    (c.key ? Identifier() : Attribute())(cls.prototype, c.property);
    Column({ ...c.options, name: c.name })(cls.prototype, c.property);
  }
  Table({ name: table.name, namespace: table.namespace })(cls);
  Model(`rows:${label}`)(cls);
  return cls;
}

const models = new WeakMap<Driver, Map<string, TupleModel>>();

function checkColumns(table: TableName, columns: readonly string[]): void {
  if (!Array.isArray(columns) || columns.length === 0) throw new SchemaError(`Rows for '${table.label}' need a non-empty list of columns.`);
  const seen = new Set<string>();
  for (const c of columns) {
    if (typeof c !== 'string' || c.length === 0)
      throw new SchemaError(`Rows for '${table.label}': column names must be non-empty strings (got ${JSON.stringify(c)}).`);
    if (seen.has(c)) throw new SchemaError(`Rows for '${table.label}': column '${c}' is listed twice.`);
    seen.add(c);
  }
}

/**
 * The run-time model for tuples of `columns` in `table`: types from `types`, else the
 * catalog (read once per session). Insert and delete models hold only the given columns
 * (delete matches rows on all of them); an upsert model holds every column of the table,
 * keyed by its primary key, so omitted columns keep their values.
 */
export async function tupleModel(
  conn: Session,
  operation: TupleOperation,
  tableText: string,
  columns: readonly string[],
  types: TupleTypes | undefined,
): Promise<TupleModel> {
  const table = parseTableName(tableText);
  checkColumns(table, columns);
  const cacheKey = JSON.stringify([operation, tableText, columns, types ?? null]);
  let byKey = models.get(conn.driver);
  if (!byKey) {
    byKey = new Map();
    models.set(conn.driver, byKey);
  }
  const cached = byKey.get(cacheKey);
  if (cached) return cached;
  const properties = columns.map((_, i) => String(i));
  const given = columns.map((_, i) => typeEntry(types, columns, i));
  const needCatalog = operation === 'upsert' || given.some((t) => t === undefined);
  const live = needCatalog ? await liveTable(conn, table) : undefined;
  const byName = new Map(live?.table.columns.map((c) => [c.name, c]) ?? []);
  const optionsAt = (i: number): ColumnOptions => {
    const entry = given[i];
    const catalogColumn = byName.get(columns[i]);
    if (live && !catalogColumn) {
      throw new SchemaError(`Table '${table.label}' has no column '${columns[i]}'; its columns are ${live.table.columns.map((c) => c.name).join(', ')}.`);
    }
    if (entry !== undefined) return { nullable: catalogColumn?.nullable ?? true, ...typeOptions(entry) };
    return columnOptionsFromCatalog(conn.dialect, (live as { catalog: Catalog }).catalog, (live as { table: CatalogTable }).table, catalogColumn!, table.label);
  };
  const primaryKey = live?.table.primaryKey?.columns ?? [];
  let modelColumns: ModelColumn[];
  if (operation === 'delete') {
    modelColumns = columns.map((name, i) => ({ name, property: properties[i], key: true, options: { ...optionsAt(i), nullable: false } }));
  } else if (operation === 'insert') {
    const keyed = primaryKey.length > 0 && primaryKey.every((k) => columns.includes(k));
    // A model needs an identifier: without the table's key among the columns, the first one stands in.
    modelColumns = columns.map((name, i) => {
      const key = keyed ? primaryKey.includes(name) : i === 0;
      return { name, property: properties[i], key, options: key ? { ...optionsAt(i), nullable: false } : optionsAt(i) };
    });
  } else {
    const t = (live as { table: CatalogTable }).table;
    if (primaryKey.length === 0) throw new SchemaError(`upsertRows('${table.label}'): the table has no primary key to match rows on.`);
    const missing = primaryKey.filter((k) => !columns.includes(k));
    if (missing.length > 0) {
      throw new SchemaError(
        `upsertRows('${table.label}'): the columns must include the primary key (${primaryKey.join(', ')}); missing ${missing.join(', ')}.`,
      );
    }
    modelColumns = columns.map((name, i) => {
      const key = primaryKey.includes(name);
      return { name, property: properties[i], key, options: key ? { ...optionsAt(i), nullable: false } : optionsAt(i) };
    });
    // Omitted columns never carry a value: only their nullability and default matter (an upsert that omits a NOT NULL column updates existing rows).
    t.columns.forEach((c, i) => {
      if (columns.includes(c.name)) return;
      modelColumns.push({ name: c.name, property: `omitted:${i}`, key: false, options: { type: 'text', nullable: c.nullable, default: c.default } });
    });
  }
  const result: TupleModel = { model: buildModel(table, modelColumns), properties };
  if (byKey.size > 256) byKey.clear();
  byKey.set(cacheKey, result);
  return result;
}
