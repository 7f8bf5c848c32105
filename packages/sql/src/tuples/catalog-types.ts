import type { DialectName } from '../schema/dialect';
import { SchemaError } from '../errors';
import type { ColumnOptions, SqlType } from '../metadata/decorators';
import type { Catalog, CatalogColumn, CatalogTable } from '../schema/catalog';

/** A column's logical type and its parameters, as `@Column` options. */
export type TupleColumnType = SqlType | ColumnOptions;

const PG: Record<string, SqlType> = {
  text: 'text',
  'character varying': 'text',
  integer: 'integer',
  bigint: 'bigint',
  smallint: 'smallint',
  'double precision': 'double',
  real: 'real',
  numeric: 'decimal',
  boolean: 'boolean',
  'timestamp with time zone': 'timestamp',
  'timestamp without time zone': 'timestamp',
  date: 'date',
  jsonb: 'json',
  json: 'json',
  uuid: 'uuid',
  bytea: 'bytes',
};

const MYSQL: Record<string, SqlType> = {
  longtext: 'text',
  mediumtext: 'text',
  text: 'text',
  tinytext: 'text',
  int: 'integer',
  mediumint: 'integer',
  bigint: 'bigint',
  smallint: 'smallint',
  double: 'double',
  float: 'real',
  'tinyint(1)': 'boolean',
  date: 'date',
  json: 'json',
  longblob: 'bytes',
  mediumblob: 'bytes',
  blob: 'bytes',
  tinyblob: 'bytes',
};

const SQLITE: Record<string, SqlType> = {
  TEXT: 'text',
  INTEGER: 'integer',
  INT: 'integer',
  BIGINT: 'bigint',
  SMALLINT: 'smallint',
  DOUBLE: 'double',
  'DOUBLE PRECISION': 'double',
  REAL: 'real',
  FLOAT: 'double',
  BOOLEAN: 'boolean',
  TIMESTAMP: 'timestamp',
  DATETIME: 'timestamp',
  DATE: 'date',
  BLOB: 'bytes',
  JSON: 'json',
};

function parseQuotedList(text: string): string[] {
  const values: string[] = [];
  const re = /'((?:[^']|'')*)'/g;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) values.push(m[1].replace(/''/g, "'"));
  return values;
}

/** `@Column` options for a live column (type, length, precision, enum values), or `undefined` when the type is not one of ours. */
function optionsOf(dialect: DialectName, catalog: Catalog, table: CatalogTable, column: CatalogColumn): ColumnOptions | undefined {
  const t = column.type.trim();
  const sized = /^([a-z ]+?)\s*\((\d+)(?:\s*,\s*(\d+))?\)$/i.exec(t);
  if (dialect === 'postgresql') {
    if (t.startsWith('enum:')) {
      const name = t.slice('enum:'.length);
      const found = catalog.enums.find((e) => e.name === name && e.namespace === table.namespace) ?? catalog.enums.find((e) => e.name === name);
      return found ? { type: 'enum', enum: [...found.values], enumName: name } : undefined;
    }
    if (sized?.[1] === 'character varying') return { type: 'varchar', length: Number(sized[2]) };
    if (sized?.[1] === 'character') return { type: 'varchar', length: Number(sized[2]) };
    if (sized?.[1] === 'numeric') return { type: 'decimal', precision: Number(sized[2]), scale: Number(sized[3] ?? 0) };
    if (/^timestamp\(\d\) with(out)? time zone$/.test(t)) return { type: 'timestamp' };
    return PG[t] ? { type: PG[t] } : undefined;
  }
  if (dialect === 'mysql') {
    if (/^enum\(/i.test(t)) return { type: 'enum', enum: parseQuotedList(t.slice(4)) };
    const lower = t.toLowerCase();
    if (sized && /^(varchar|char)$/.test(sized[1].toLowerCase())) return { type: 'varchar', length: Number(sized[2]) };
    if (sized && sized[1].toLowerCase() === 'decimal') return { type: 'decimal', precision: Number(sized[2]), scale: Number(sized[3] ?? 0) };
    if (/^(datetime|timestamp)(\(\d\))?$/.test(lower)) return { type: 'timestamp' };
    const base = lower.replace(/^(tinyint|smallint|mediumint|int|bigint)\(\d+\)/, (m, b: string) => (m === 'tinyint(1)' ? m : b)).replace(/ unsigned$/, '');
    return MYSQL[base] ? { type: MYSQL[base] } : undefined;
  }
  if (sized && /^(VARCHAR|CHARACTER VARYING|CHAR)$/i.test(sized[1])) return { type: 'varchar', length: Number(sized[2]) };
  if (sized && /^(DECIMAL|NUMERIC)$/i.test(sized[1])) return { type: 'decimal', precision: Number(sized[2]), scale: Number(sized[3] ?? 0) };
  const upper = t.toUpperCase();
  if (upper === 'TEXT') {
    // An enum is TEXT with a CHECK ("col" IN ('a', 'b')).
    const quoted = `"${column.name.replace(/"/g, '""')}"`;
    for (const check of table.checks) {
      const body = check.expression
        .trim()
        .replace(/^\((.*)\)$/s, '$1')
        .trim();
      if (body.startsWith(`${quoted} IN (`) && body.endsWith(')')) return { type: 'enum', enum: parseQuotedList(body.slice(quoted.length + 4)) };
    }
  }
  return SQLITE[upper] ? { type: SQLITE[upper] } : undefined;
}

/** The `@Column` options a tuple value of `column` is checked against; a type we cannot map asks for `types`. */
export function columnOptionsFromCatalog(dialect: DialectName, catalog: Catalog, table: CatalogTable, column: CatalogColumn, label: string): ColumnOptions {
  const options = optionsOf(dialect, catalog, table, column);
  if (!options) {
    throw new SchemaError(
      `Table '${label}' column '${column.name}' has type '${column.type}', which rows as tuples cannot map; give its type with { types: { ${JSON.stringify(column.name)}: 'text' | 'integer' | … } }.`,
    );
  }
  return { ...options, nullable: column.nullable };
}

/** Normalises a `types` entry (`'integer'` or `{ type: 'decimal', precision: 10, scale: 2 }`). */
export function typeOptions(entry: TupleColumnType): ColumnOptions {
  return typeof entry === 'string' ? { type: entry } : { ...entry };
}
