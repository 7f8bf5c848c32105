import type { SqlDialect } from '../schema/dialect';
import { PostgresDialect } from '../dialects/postgresql/pg-dialect';
import { MysqlDialect } from '../dialects/mysql/mysql-dialect';
import type { CatalogColumn, CatalogTable } from '../schema/catalog';
import type { ColumnSpec, TableSpec } from '../schema/table-spec';

/** The comparison form of a default literal on a dialect. */
export function defaultKey(dialect: SqlDialect, value: string | number | boolean | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'boolean') return dialect.name === 'postgresql' ? String(value) : value ? '1' : '0';
  return String(value);
}

export function canonicalType(dialect: SqlDialect, column: ColumnSpec): string {
  if (dialect instanceof PostgresDialect) return dialect.canonicalType(column);
  if (dialect instanceof MysqlDialect) return dialect.canonicalType(column);
  return dialect.columnType(column, undefined as unknown as TableSpec);
}

/** What discovery should read back for `table` once it is in sync. */
export function targetTable(dialect: SqlDialect, table: TableSpec): CatalogTable {
  const physical = dialect.physicalName(table.namespace, table.name);
  const columns: CatalogColumn[] = table.columns.map((c) => ({
    name: c.name,
    type: canonicalType(dialect, c),
    nullable: c.nullable,
    default: defaultKey(dialect, c.default),
    comment: dialect.name === 'sqlite' ? undefined : c.comment,
  }));
  return {
    namespace: physical.schema,
    name: physical.name,
    columns,
    primaryKey: { name: dialect.name === 'mysql' ? 'PRIMARY' : table.primaryKeyName, columns: table.primaryKey },
    uniques: table.uniques,
    indexes: table.indexes,
    foreignKeys: table.foreignKeys.map((fk) => {
      const ref = dialect.physicalName(fk.refNamespace, fk.refTable);
      return { name: fk.name, columns: fk.columns, refNamespace: ref.schema, refTable: ref.name, refColumns: fk.refColumns };
    }),
    checks: [],
    comment: dialect.name === 'sqlite' ? undefined : table.comment,
  };
}
