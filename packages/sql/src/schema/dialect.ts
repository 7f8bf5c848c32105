import type { ColumnSpec, SchemaSpec, TableSpec } from './table-spec';

/** The SQL dialects @diffsync/sql supports. */
export type DialectName = 'postgresql' | 'mysql' | 'sqlite';

/** Where a table physically lives. `schema` is only set on PostgreSQL. */
export interface PhysicalName {
  /** PostgreSQL schema, `undefined` for the default and on MySQL and SQLite. */
  readonly schema: string | undefined;
  /** Physical table name. */
  readonly name: string;
}

/**
 * What differs between databases: quoting, types, DDL text. Each dialect lives in
 * `src/dialects/<name>/` and implements this interface.
 */
export interface SqlDialect {
  /** The dialect's name. */
  readonly name: DialectName;
  /** Quote an identifier (table, column, constraint), doubling the quote character. */
  quoteIdentifier(name: string): string;
  /** A string literal for DDL (comments, enum values, defaults). */
  quoteString(value: string): string;
  /** A default literal. */
  literal(value: string | number | boolean, column: ColumnSpec): string;
  /** Where a logical `namespace`/`name` pair lives. */
  physicalName(namespace: string | undefined, name: string): PhysicalName;
  /** The quoted, qualified table reference. */
  tableRef(table: { readonly namespace: string | undefined; readonly name: string }): string;
  /** The column type as written in DDL. */
  columnType(column: ColumnSpec, table: TableSpec): string;
  /** Bind placeholder for parameter `index` (1-based). */
  placeholder(index: number): string;
  /** Every statement that creates `schema` on an empty database, in order. */
  createSchemaStatements(schema: SchemaSpec): string[];
}

export function quoteWith(quote: string, name: string): string {
  if (name.includes('\u0000')) throw new Error(`Identifier ${JSON.stringify(name)} contains a NUL character.`);
  return quote + name.split(quote).join(quote + quote) + quote;
}
