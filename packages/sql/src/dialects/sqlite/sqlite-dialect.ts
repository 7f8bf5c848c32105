import type { ColumnSpec, SchemaSpec, TableSpec } from '../../schema/table-spec';
import { constraintName } from '../../schema/names';
import type { SqlDialect } from '../../schema/dialect';
import { quoteWith } from '../../schema/dialect';
import { FlatNamespaceDialect } from '../flat-namespace-dialect';

const TYPES: Record<string, string> = {
  text: 'TEXT',
  integer: 'INTEGER',
  bigint: 'BIGINT',
  smallint: 'SMALLINT',
  double: 'DOUBLE',
  real: 'REAL',
  boolean: 'BOOLEAN',
  timestamp: 'TIMESTAMP',
  date: 'DATE',
  json: 'TEXT',
  uuid: 'TEXT',
  bytes: 'BLOB',
  enum: 'TEXT',
  struct: 'TEXT',
};

export class SqliteDialect extends FlatNamespaceDialect implements SqlDialect {
  readonly name = 'sqlite' as const;

  quoteIdentifier(name: string): string {
    return quoteWith('"', name);
  }

  quoteString(value: string): string {
    return `'${value.split("'").join("''")}'`;
  }

  columnType(column: ColumnSpec): string {
    switch (column.type) {
      case 'varchar':
        return `VARCHAR(${column.length})`;
      case 'decimal':
        return `DECIMAL(${column.precision},${column.scale})`;
      default:
        return TYPES[column.type];
    }
  }

  placeholder(): string {
    return '?';
  }

  checkName(table: TableSpec, column: ColumnSpec): string {
    return constraintName('ck', table.flatName, [column.name]);
  }

  columnDefinition(column: ColumnSpec, table: TableSpec): string {
    const q = (n: string) => this.quoteIdentifier(n);
    let text = `${q(column.name)} ${this.columnType(column)}`;
    if (!column.nullable) text += ' NOT NULL';
    if (column.default !== undefined) text += ` DEFAULT ${this.literal(column.default)}`;
    if (column.enumValues) {
      text += ` CONSTRAINT ${q(this.checkName(table, column))} CHECK (${q(column.name)} IN (${column.enumValues.map((v) => this.quoteString(v)).join(', ')}))`;
    }
    return text;
  }

  createTableStatement(table: TableSpec, as?: string): string {
    const q = (n: string) => this.quoteIdentifier(n);
    const lines = table.columns.map((c) => `    ${this.columnDefinition(c, table)}`);
    lines.push(`    CONSTRAINT ${q(table.primaryKeyName)} PRIMARY KEY (${table.primaryKey.map(q).join(', ')})`);
    for (const u of table.uniques) lines.push(`    CONSTRAINT ${q(u.name)} UNIQUE (${u.columns.map(q).join(', ')})`);
    for (const fk of table.foreignKeys) {
      lines.push(
        `    CONSTRAINT ${q(fk.name)} FOREIGN KEY (${fk.columns.map(q).join(', ')}) REFERENCES ` +
          `${this.tableRef({ namespace: fk.refNamespace, name: fk.refTable })} (${fk.refColumns.map(q).join(', ')})`,
      );
    }
    return `CREATE TABLE ${as === undefined ? this.tableRef(table) : q(as)} (\n${lines.join(',\n')}\n)`;
  }

  createIndexStatement(table: TableSpec, name: string, columns: readonly string[]): string {
    const q = (n: string) => this.quoteIdentifier(n);
    return `CREATE INDEX ${q(name)} ON ${this.tableRef(table)} (${columns.map(q).join(', ')})`;
  }

  createTableStatements(table: TableSpec): string[] {
    return [this.createTableStatement(table), ...table.indexes.map((ix) => this.createIndexStatement(table, ix.name, ix.columns))];
  }

  createSchemaStatements(schema: SchemaSpec): string[] {
    return schema.tables.flatMap((t) => this.createTableStatements(t));
  }
}
