import type { DiffSyncModel, ModelClass } from '@diffsync/core';
import type { Catalog, CatalogKey, CatalogTable } from '../schema/catalog';
import type { ColumnOptions } from '../metadata/decorators';
import { SchemaError } from '../errors';
import { columnOptionsOf } from './column-types';
import type { ChildDefinition } from './define-model';
import { defineModel } from './define-model';

/** Which tables of a catalog `modelsFromCatalog` / `db.models()` turn into model classes. */
export interface CatalogModelOptions {
  /** Only these tables (logical names, without the namespace prefix); default: every table. */
  tables?: readonly string[];
  /** The namespace the tables live in (PostgreSQL schema, or `namespace__` prefix elsewhere). */
  namespace?: string;
}

/** Model classes built from a catalog, parents before children. */
export type CatalogModels = ModelClass<DiffSyncModel>[] & {
  /** Names of the models that are nobody's children (an adapter's `topLevel`). */
  readonly topLevel: string[];
  /** The model of each logical table name. */
  readonly byTable: ReadonlyMap<string, ModelClass<DiffSyncModel>>;
};

interface Planned {
  table: CatalogTable;
  logical: string;
  key: CatalogKey;
  children: Record<string, ChildDefinition>;
  parent?: string;
}

function isFlat(dialect: Catalog['dialect']): boolean {
  return dialect !== 'postgresql';
}

/** The logical name of a catalog table in `namespace`, or undefined when it lives elsewhere. */
function logicalName(catalog: Catalog, table: CatalogTable, namespace: string | undefined): string | undefined {
  if (!isFlat(catalog.dialect)) return (table.namespace ?? undefined) === (namespace ?? undefined) || namespace === undefined ? table.name : undefined;
  if (!namespace) return table.name;
  const prefix = `${namespace}__`;
  return table.name.startsWith(prefix) ? table.name.slice(prefix.length) : undefined;
}

/** The key a table is diffed by: its primary key, else its first unique index; `SchemaError` otherwise. */
export function tableKey(table: CatalogTable): CatalogKey {
  if (table.primaryKey && table.primaryKey.columns.length > 0) return table.primaryKey;
  const unique = table.uniques.find((u) => u.columns.length > 0);
  if (unique) return unique;
  const label = table.namespace ? `${table.namespace}.${table.name}` : table.name;
  throw new SchemaError(
    `Table '${label}' has no primary key and no unique index: rows cannot be matched between databases. Add a primary key (or a unique index), or pass a model with identifiers.`,
  );
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function childProperty(parent: Planned, child: string): string {
  const taken = new Set([...parent.table.columns.map((c) => c.name), ...Object.keys(parent.children)]);
  let name = `${child}s`;
  if (taken.has(name)) name = `${child}_children`;
  while (taken.has(name)) name = `_${name}`;
  return name;
}

/**
 * Model classes for the tables of a live catalog (`db.discover()`): identifiers are the
 * primary key columns in key order (or a unique index's when there is no primary key),
 * attributes the other columns, with the column types and nullability of the catalog.
 * A table whose key starts with the columns of a foreign key to another table's key
 * becomes that table's `@Children(…, { foreignKey })`. Model names and properties are the
 * (logical) table and column names.
 */
export function modelsFromCatalog(catalog: Catalog, options: CatalogModelOptions = {}): CatalogModels {
  const wanted = options.tables ? new Set(options.tables) : undefined;
  const planned = new Map<string, Planned>();
  for (const table of catalog.tables) {
    const logical = logicalName(catalog, table, options.namespace);
    if (logical === undefined || (wanted && !wanted.has(logical) && !wanted.has(table.name))) continue;
    planned.set(logical, { table, logical, key: tableKey(table), children: {} });
  }
  if (wanted) {
    const found = new Set([...planned.values()].flatMap((p) => [p.logical, p.table.name]));
    const missing = [...wanted].filter((t) => !found.has(t));
    if (missing.length > 0) {
      throw new SchemaError(
        `Table(s) ${missing.map((t) => `'${t}'`).join(', ')} not found${options.namespace ? ` in namespace '${options.namespace}'` : ''}; the catalog has ${catalog.tables.map((t) => t.name).join(', ') || 'no tables'}.`,
      );
    }
  }
  const byPhysical = new Map([...planned.values()].map((p) => [`${p.table.namespace ?? ''}\u0000${p.table.name}`, p]));
  for (const child of planned.values()) {
    for (const fk of child.table.foreignKeys) {
      const parent = byPhysical.get(`${isFlat(catalog.dialect) ? '' : (fk.refNamespace ?? child.table.namespace ?? '')}\u0000${fk.refTable}`);
      if (!parent || parent === child || child.parent) continue;
      if (!sameList(fk.refColumns, parent.key.columns)) continue;
      if (!sameList(fk.columns, child.key.columns.slice(0, fk.columns.length))) continue;
      if (fk.columns.length >= child.key.columns.length) continue; // a 1:1 extension is not a child list
      parent.children[childProperty(parent, child.logical)] = { model: child.logical, foreignKey: [...fk.columns] };
      child.parent = parent.logical;
    }
  }
  const built = new Map<string, ModelClass<DiffSyncModel>>();
  const build = (p: Planned): void => {
    const keyColumns = new Set(p.key.columns);
    const identifiers: Record<string, ColumnOptions> = {};
    for (const name of p.key.columns) {
      const column = p.table.columns.find((c) => c.name === name);
      if (!column) throw new SchemaError(`Table '${p.table.name}': key column '${name}' is not among its columns.`);
      identifiers[name] = { ...columnOptionsOf(catalog, p.table, column), nullable: undefined };
    }
    const attributes: Record<string, ColumnOptions> = {};
    for (const column of p.table.columns) {
      if (!keyColumns.has(column.name)) attributes[column.name] = columnOptionsOf(catalog, p.table, column);
    }
    built.set(
      p.logical,
      defineModel({
        name: p.logical,
        table: p.logical,
        namespace: isFlat(catalog.dialect) ? options.namespace : (p.table.namespace ?? undefined),
        identifiers,
        attributes,
        children: p.children,
      }),
    );
  };
  // Parents before children.
  const order: Planned[] = [];
  const visit = (p: Planned, depth: number): void => {
    if (order.includes(p) || depth > planned.size) return;
    if (p.parent) visit(planned.get(p.parent) as Planned, depth + 1);
    if (!order.includes(p)) order.push(p);
  };
  for (const p of planned.values()) visit(p, 0);
  order.forEach(build);
  const list = order.map((p) => built.get(p.logical) as ModelClass<DiffSyncModel>);
  return Object.assign(list, {
    topLevel: order.filter((p) => !p.parent).map((p) => p.logical),
    byTable: built as ReadonlyMap<string, ModelClass<DiffSyncModel>>,
  });
}
