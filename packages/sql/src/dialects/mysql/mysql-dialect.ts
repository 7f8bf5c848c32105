import { SchemaError } from '../../errors';
import type { ColumnSpec, SchemaSpec, TableSpec } from '../../schema/table-spec';
import type { SqlDialect } from '../../schema/dialect';
import { quoteWith } from '../../schema/dialect';
import { FlatNamespaceDialect } from '../flat-namespace-dialect';

const TYPES: Record<string, string> = {
  text: 'longtext',
  integer: 'int',
  bigint: 'bigint',
  smallint: 'smallint',
  double: 'double',
  real: 'float',
  boolean: 'tinyint(1)',
  timestamp: 'datetime(6)',
  date: 'date',
  json: 'json',
  uuid: 'char(36)',
  bytes: 'longblob',
  struct: 'json',
};

/** Table options: binary collation so keys compare like diffsync uids (case- and accent-sensitive). */
export const MYSQL_TABLE_OPTIONS = 'DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin';

export class MysqlDialect extends FlatNamespaceDialect implements SqlDialect {
  readonly name = 'mysql' as const;

  quoteIdentifier(name: string): string {
    return quoteWith('`', name);
  }

  quoteString(value: string): string {
    // Works with and without NO_BACKSLASH_ESCAPES only when no backslash is present;
    // we never change sql_mode, so escape backslashes the default way.
    return `'${value
      .replace(/\\/g, '\\\\')
      .replace(/'/g, "''")
      .replace(/\u0000/g, '\\0')}'`;
  }

  /** Canonical type text, as information_schema.COLUMNS.COLUMN_TYPE prints it after normalising. */
  canonicalType(column: ColumnSpec): string {
    switch (column.type) {
      case 'text':
        // TEXT cannot be a key without a prefix length: keyed strings get a bounded type.
        return column.keyed ? 'varchar(255)' : 'longtext';
      case 'varchar':
        return `varchar(${column.length})`;
      case 'decimal':
        return `decimal(${column.precision},${column.scale})`;
      case 'enum':
        return `enum(${(column.enumValues as string[]).map((v) => this.quoteString(v)).join(',')})`;
      case 'json':
      case 'struct':
      case 'bytes':
        if (column.keyed) throw new SchemaError(`Column '${column.name}' of type ${column.type} cannot be part of a key or index on MySQL.`);
        return TYPES[column.type];
      default:
        return TYPES[column.type];
    }
  }

  columnType(column: ColumnSpec): string {
    return this.canonicalType(column);
  }

  placeholder(): string {
    return '?';
  }

  columnDefinition(column: ColumnSpec): string {
    let text = `${this.quoteIdentifier(column.name)} ${this.columnType(column)}`;
    text += column.nullable ? ' NULL' : ' NOT NULL';
    if (column.default !== undefined) text += ` DEFAULT ${this.literal(column.default)}`;
    if (column.comment !== undefined) text += ` COMMENT ${this.quoteString(column.comment)}`;
    return text;
  }

  createTableStatements(table: TableSpec): string[] {
    const q = (n: string) => this.quoteIdentifier(n);
    const lines = table.columns.map((c) => `    ${this.columnDefinition(c)}`);
    lines.push(`    PRIMARY KEY (${table.primaryKey.map(q).join(', ')})`);
    for (const u of table.uniques) lines.push(`    CONSTRAINT ${q(u.name)} UNIQUE KEY (${u.columns.map(q).join(', ')})`);
    for (const ix of table.indexes) lines.push(`    KEY ${q(ix.name)} (${ix.columns.map(q).join(', ')})`);
    let text = `CREATE TABLE ${this.tableRef(table)} (\n${lines.join(',\n')}\n) ${MYSQL_TABLE_OPTIONS}`;
    if (table.comment !== undefined) text += ` COMMENT=${this.quoteString(table.comment)}`;
    return [text];
  }

  foreignKeyStatement(table: TableSpec, fk: TableSpec['foreignKeys'][number]): string {
    const q = (n: string) => this.quoteIdentifier(n);
    return (
      `ALTER TABLE ${this.tableRef(table)} ADD CONSTRAINT ${q(fk.name)} FOREIGN KEY (${fk.columns.map(q).join(', ')}) ` +
      `REFERENCES ${this.tableRef({ namespace: fk.refNamespace, name: fk.refTable })} (${fk.refColumns.map(q).join(', ')})`
    );
  }

  createSchemaStatements(schema: SchemaSpec): string[] {
    const out: string[] = [];
    for (const table of schema.tables) out.push(...this.createTableStatements(table));
    for (const table of schema.tables) for (const fk of table.foreignKeys) out.push(this.foreignKeyStatement(table, fk));
    return out;
  }
}
