import { SchemaError } from '../../errors';
import type { ColumnSpec, SchemaSpec, TableSpec } from '../../schema/table-spec';
import type { PhysicalName, SqlDialect } from '../../schema/dialect';
import { quoteWith } from '../../schema/dialect';
import { structsOf, structStatement } from './pg-structs';

const TYPES: Record<string, string> = {
  text: 'text',
  integer: 'integer',
  bigint: 'bigint',
  smallint: 'smallint',
  double: 'double precision',
  real: 'real',
  boolean: 'boolean',
  timestamp: 'timestamp with time zone',
  date: 'date',
  json: 'jsonb',
  uuid: 'uuid',
  bytes: 'bytea',
};

/** A PostgreSQL enum type the models need; `owner` is the first `Class.field` using it. */
export interface PgEnumSpec {
  readonly namespace: string | undefined;
  readonly name: string;
  readonly values: readonly string[];
  readonly owner: string;
}

export class PostgresDialect implements SqlDialect {
  readonly name = 'postgresql' as const;

  quoteIdentifier(name: string): string {
    return quoteWith('"', name);
  }

  quoteString(value: string): string {
    if (value.includes('\u0000')) throw new SchemaError('PostgreSQL text cannot contain NUL characters.');
    return `'${value.split("'").join("''")}'`;
  }

  literal(value: string | number | boolean, _column: ColumnSpec): string {
    if (typeof value === 'boolean') return value ? 'true' : 'false';
    if (typeof value === 'number') return String(value);
    return this.quoteString(value);
  }

  physicalName(namespace: string | undefined, name: string): PhysicalName {
    return { schema: namespace, name };
  }

  tableRef(table: { readonly namespace: string | undefined; readonly name: string }): string {
    return table.namespace === undefined ? this.quoteIdentifier(table.name) : `${this.quoteIdentifier(table.namespace)}.${this.quoteIdentifier(table.name)}`;
  }

  enumRef(namespace: string | undefined, enumName: string): string {
    return this.tableRef({ namespace, name: enumName });
  }

  /** Canonical type text, as `format_type()` prints it (enums as `enum:<name>`). */
  canonicalType(column: ColumnSpec): string {
    switch (column.type) {
      case 'varchar':
        return `character varying(${column.length})`;
      case 'decimal':
        return `numeric(${column.precision},${column.scale})`;
      case 'enum':
        return `enum:${column.enumName}`;
      case 'struct':
        return `struct:${column.structName}`;
      default:
        return TYPES[column.type];
    }
  }

  columnType(column: ColumnSpec, table: TableSpec): string {
    if (column.type === 'enum') return this.enumRef(table.namespace, column.enumName as string);
    if (column.type === 'struct') return this.enumRef(table.namespace, column.structName as string);
    return this.canonicalType(column);
  }

  placeholder(index: number): string {
    return `$${index}`;
  }

  columnDefinition(column: ColumnSpec, table: TableSpec): string {
    let text = `${this.quoteIdentifier(column.name)} ${this.columnType(column, table)}`;
    if (column.default !== undefined) text += ` DEFAULT ${this.literal(column.default, column)}`;
    if (!column.nullable) text += ' NOT NULL';
    return text;
  }

  enumStatement(namespace: string | undefined, name: string, values: readonly string[]): string {
    return `CREATE TYPE ${this.enumRef(namespace, name)} AS ENUM (${values.map((v) => this.quoteString(v)).join(', ')})`;
  }

  createTableStatements(table: TableSpec): string[] {
    const q = (n: string) => this.quoteIdentifier(n);
    const ref = this.tableRef(table);
    const lines = table.columns.map((c) => `    ${this.columnDefinition(c, table)}`);
    lines.push(`    CONSTRAINT ${q(table.primaryKeyName)} PRIMARY KEY (${table.primaryKey.map(q).join(', ')})`);
    for (const u of table.uniques) lines.push(`    CONSTRAINT ${q(u.name)} UNIQUE (${u.columns.map(q).join(', ')})`);
    const out = [`CREATE TABLE ${ref} (\n${lines.join(',\n')}\n)`];
    if (table.comment !== undefined) out.push(`COMMENT ON TABLE ${ref} IS ${this.quoteString(table.comment)}`);
    for (const c of table.columns) {
      if (c.comment !== undefined) out.push(`COMMENT ON COLUMN ${ref}.${q(c.name)} IS ${this.quoteString(c.comment)}`);
    }
    for (const ix of table.indexes) out.push(this.createIndexStatement(table, ix.name, ix.columns));
    return out;
  }

  createIndexStatement(table: TableSpec, name: string, columns: readonly string[]): string {
    const q = (n: string) => this.quoteIdentifier(n);
    return `CREATE INDEX ${q(name)} ON ${this.tableRef(table)} (${columns.map(q).join(', ')})`;
  }

  foreignKeyStatement(table: TableSpec, fk: TableSpec['foreignKeys'][number]): string {
    const q = (n: string) => this.quoteIdentifier(n);
    return (
      `ALTER TABLE ${this.tableRef(table)} ADD CONSTRAINT ${q(fk.name)} FOREIGN KEY (${fk.columns.map(q).join(', ')}) ` +
      `REFERENCES ${this.tableRef({ namespace: fk.refNamespace, name: fk.refTable })} (${fk.refColumns.map(q).join(', ')})`
    );
  }

  /** Enum types of `schema`, keyed by qualified name; a name used with two value lists is an error. */
  enumsOf(schema: SchemaSpec): Map<string, PgEnumSpec> {
    const enums = new Map<string, PgEnumSpec>();
    for (const table of schema.tables) {
      for (const c of table.columns) {
        if (c.type !== 'enum') continue;
        const key = this.enumRef(table.namespace, c.enumName as string);
        const previous = enums.get(key);
        const values = c.enumValues as readonly string[];
        if (previous && previous.values.join('\u0000') !== values.join('\u0000')) {
          throw new SchemaError(`${table.model.name}.${c.property}: enum type ${key} is also used with other values; give one of them another enumName.`);
        }
        if (!previous) enums.set(key, { namespace: table.namespace, name: c.enumName as string, values, owner: `${table.model.name}.${c.property}` });
      }
    }
    return enums;
  }

  createSchemaStatements(schema: SchemaSpec): string[] {
    const out: string[] = [];
    const namespaces = [...new Set(schema.tables.map((t) => t.namespace).filter((n): n is string => n !== undefined))];
    for (const ns of namespaces) out.push(`CREATE SCHEMA IF NOT EXISTS ${this.quoteIdentifier(ns)}`);
    for (const e of this.enumsOf(schema).values()) out.push(this.enumStatement(e.namespace, e.name, e.values));
    for (const st of structsOf(this, schema).values()) out.push(structStatement(this, st));
    for (const table of schema.tables) out.push(...this.createTableStatements(table));
    for (const table of schema.tables) for (const fk of table.foreignKeys) out.push(this.foreignKeyStatement(table, fk));
    return out;
  }
}
