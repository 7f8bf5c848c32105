import { DialectName } from '../dialects/dialect';

/** A column as read from (or meant for) a live database, normalised for comparison. */
export interface CatalogColumn {
  readonly name: string;
  /** Normalised type text (PostgreSQL `format_type`, MySQL `COLUMN_TYPE`, SQLite declared type). */
  readonly type: string;
  readonly nullable: boolean;
  /** Normalised default: the literal's text (`'abc'` → `abc`, `true`, `1`), `undefined` for none. */
  readonly default: string | undefined;
  readonly comment: string | undefined;
}

export interface CatalogKey {
  readonly name: string;
  readonly columns: readonly string[];
}

export interface CatalogForeignKey extends CatalogKey {
  /** Schema of the referenced table on PostgreSQL (`undefined` = the default schema). */
  readonly refNamespace: string | undefined;
  readonly refTable: string;
  readonly refColumns: readonly string[];
}

export interface CatalogCheck {
  readonly name: string;
  readonly expression: string;
}

export interface CatalogTable {
  /** PostgreSQL schema; `undefined` for the default schema and on MySQL and SQLite. */
  readonly namespace: string | undefined;
  /** Physical table name (`namespace__table` on MySQL and SQLite). */
  readonly name: string;
  readonly columns: readonly CatalogColumn[];
  readonly primaryKey: CatalogKey | undefined;
  readonly uniques: readonly CatalogKey[];
  /** Non-unique indexes that back no constraint. */
  readonly indexes: readonly CatalogKey[];
  readonly foreignKeys: readonly CatalogForeignKey[];
  readonly checks: readonly CatalogCheck[];
  readonly comment: string | undefined;
  /** SQLite: the CREATE TABLE text as stored. */
  readonly sql?: string;
}

export interface CatalogEnum {
  readonly namespace: string | undefined;
  readonly name: string;
  readonly values: readonly string[];
}

/** A composite type (PostgreSQL; a `struct` column's type). */
export interface CatalogStruct {
  readonly namespace: string | undefined;
  readonly name: string;
  /** Fields in order, with their types as `format_type` prints them. */
  readonly fields: ReadonlyArray<{ readonly name: string; readonly type: string }>;
}

/** What `db.discover()` reads back from a live database. */
export interface Catalog {
  readonly dialect: DialectName;
  readonly tables: readonly CatalogTable[];
  /** Native enum types (PostgreSQL only; empty elsewhere). */
  readonly enums: readonly CatalogEnum[];
  /** Composite types (PostgreSQL only; absent or empty elsewhere). */
  readonly structs?: readonly CatalogStruct[];
}

export interface DiscoverOptions {
  /** Only this namespace (PostgreSQL schema, or `namespace__` prefix elsewhere); default: the default namespace. */
  namespace?: string;
}

export function findTable(catalog: Catalog, namespace: string | undefined, name: string): CatalogTable | undefined {
  return catalog.tables.find((t) => t.namespace === namespace && t.name === name);
}
