import type { DialectName } from './dialect';

/** A column as read from (or meant for) a live database, normalised for comparison. */
export interface CatalogColumn {
  /** Column name. */
  readonly name: string;
  /** Normalised type text (PostgreSQL `format_type`, MySQL `COLUMN_TYPE`, SQLite declared type). */
  readonly type: string;
  /** True when the column allows NULL. */
  readonly nullable: boolean;
  /** Normalised default: the literal's text (`'abc'` → `abc`, `true`, `1`), `undefined` for none. */
  readonly default: string | undefined;
  /** The column comment, `undefined` for none. */
  readonly comment: string | undefined;
}

/** A primary key, unique constraint or index: its name and columns in order. */
export interface CatalogKey {
  /** Constraint or index name. */
  readonly name: string;
  /** Column names, in key order. */
  readonly columns: readonly string[];
}

/** A foreign key as read from the database. */
export interface CatalogForeignKey extends CatalogKey {
  /** Schema of the referenced table on PostgreSQL (`undefined` = the default schema). */
  readonly refNamespace: string | undefined;
  /** Referenced table (physical name). */
  readonly refTable: string;
  /** Referenced columns, in key order. */
  readonly refColumns: readonly string[];
}

/** A CHECK constraint. */
export interface CatalogCheck {
  /** Constraint name. */
  readonly name: string;
  /** The check's expression as the database prints it. */
  readonly expression: string;
}

/** A table as read from a live database. */
export interface CatalogTable {
  /** PostgreSQL schema; `undefined` for the default schema and on MySQL and SQLite. */
  readonly namespace: string | undefined;
  /** Physical table name (`namespace__table` on MySQL and SQLite). */
  readonly name: string;
  /** Columns in table order. */
  readonly columns: readonly CatalogColumn[];
  /** The primary key, `undefined` for none. */
  readonly primaryKey: CatalogKey | undefined;
  /** UNIQUE constraints. */
  readonly uniques: readonly CatalogKey[];
  /** Non-unique indexes that back no constraint. */
  readonly indexes: readonly CatalogKey[];
  /** Foreign keys. */
  readonly foreignKeys: readonly CatalogForeignKey[];
  /** CHECK constraints. */
  readonly checks: readonly CatalogCheck[];
  /** The table comment, `undefined` for none. */
  readonly comment: string | undefined;
  /** SQLite: the CREATE TABLE text as stored. */
  readonly sql?: string;
}

/** A native enum type (PostgreSQL). */
export interface CatalogEnum {
  /** Schema of the type (`undefined` = the default schema). */
  readonly namespace: string | undefined;
  /** Type name. */
  readonly name: string;
  /** Values in declaration order. */
  readonly values: readonly string[];
}

/** A composite type (PostgreSQL; a `struct` column's type). */
export interface CatalogStruct {
  /** Schema of the type (`undefined` = the default schema). */
  readonly namespace: string | undefined;
  /** Type name. */
  readonly name: string;
  /** Fields in order, with their types as `format_type` prints them. */
  readonly fields: ReadonlyArray<{
    /** Field name. */
    readonly name: string;
    /** Field type. */
    readonly type: string;
  }>;
}

/** What `db.discover()` reads back from a live database. */
export interface Catalog {
  /** The database's dialect. */
  readonly dialect: DialectName;
  /** Tables of the namespace read. */
  readonly tables: readonly CatalogTable[];
  /** Native enum types (PostgreSQL only; empty elsewhere). */
  readonly enums: readonly CatalogEnum[];
  /** Composite types (PostgreSQL only; absent or empty elsewhere). */
  readonly structs?: readonly CatalogStruct[];
}

/** Options of `db.discover()`. */
export interface DiscoverOptions {
  /** Only this namespace (PostgreSQL schema, or `namespace__` prefix elsewhere); default: the default namespace. */
  namespace?: string;
}

export function findTable(catalog: Catalog, namespace: string | undefined, name: string): CatalogTable | undefined {
  return catalog.tables.find((t) => t.namespace === namespace && t.name === name);
}
