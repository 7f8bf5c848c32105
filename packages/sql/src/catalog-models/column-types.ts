import type { ColumnOptions, SqlType } from '../metadata/decorators';
import type { Catalog, CatalogColumn, CatalogTable } from '../schema/catalog';
import { SchemaError } from '../errors';

/** Parses `name(a,b)` → `['name', [a, b]]`. */
function parts(type: string): { base: string; args: number[] } {
  const m = /^([a-z_ ]+)\s*(?:\((\d+)(?:\s*,\s*(\d+))?\))?(\s+.*)?$/.exec(type.toLowerCase().trim());
  if (!m) return { base: type.toLowerCase().trim(), args: [] };
  const args = [m[2], m[3]].filter((x) => x !== undefined).map(Number);
  return { base: `${m[1]}${m[4] ?? ''}`.trim(), args };
}

/** `enum('a','b''c')` → its values (MySQL COLUMN_TYPE). */
function mysqlEnumValues(type: string): string[] {
  const body = type.slice(type.indexOf('(') + 1, type.lastIndexOf(')'));
  const values: string[] = [];
  const re = /'((?:[^'\\]|''|\\.)*)'/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(body)) !== null) values.push(m[1].replace(/''/g, "'").replace(/\\(.)/g, '$1'));
  return values;
}

/** SQLite keeps an enum as TEXT with `CHECK ("col" IN ('a', 'b'))`: its values, when the table has that check. */
function sqliteEnumValues(table: CatalogTable, column: string): string[] | undefined {
  for (const check of table.checks) {
    const m = /^\(?\s*"((?:[^"]|"")*)"\s+IN\s*\((.*)\)\s*\)?$/s.exec(check.expression.trim());
    if (!m || m[1].replace(/""/g, '"') !== column) continue;
    return [...m[2].matchAll(/'((?:[^']|'')*)'/g)].map((x) => x[1].replace(/''/g, "'"));
  }
  return undefined;
}

const SIMPLE: Record<string, SqlType> = {
  text: 'text',
  longtext: 'text',
  mediumtext: 'text',
  tinytext: 'text',
  'character varying': 'text',
  varchar: 'text',
  integer: 'integer',
  int: 'integer',
  mediumint: 'integer',
  int4: 'integer',
  bigint: 'bigint',
  int8: 'bigint',
  'bigint unsigned': 'bigint',
  'int unsigned': 'bigint',
  smallint: 'smallint',
  int2: 'smallint',
  tinyint: 'smallint',
  'double precision': 'double',
  double: 'double',
  float8: 'double',
  real: 'real',
  float: 'real',
  float4: 'real',
  boolean: 'boolean',
  bool: 'boolean',
  'tinyint(1)': 'boolean',
  timestamp: 'timestamp',
  'timestamp with time zone': 'timestamp',
  'timestamp without time zone': 'timestamp',
  timestamptz: 'timestamp',
  datetime: 'timestamp',
  date: 'date',
  json: 'json',
  jsonb: 'json',
  uuid: 'uuid',
  bytea: 'bytes',
  blob: 'bytes',
  longblob: 'bytes',
  mediumblob: 'bytes',
  tinyblob: 'bytes',
  numeric: 'decimal',
  decimal: 'decimal',
};

/**
 * The `@Column` options that describe a live column: its logical type, length, precision,
 * scale, enum values and nullability. `SchemaError` for a type no logical type covers.
 */
export function columnOptionsOf(catalog: Catalog, table: CatalogTable, column: CatalogColumn): ColumnOptions {
  const where = `table '${table.namespace ? `${table.namespace}.` : ''}${table.name}', column '${column.name}'`;
  const base: ColumnOptions = { name: column.name, nullable: column.nullable };
  const raw = column.type.trim();
  if (raw.startsWith('enum:')) {
    const name = raw.slice(5);
    const found = catalog.enums.find((e) => e.name === name);
    if (!found) throw new SchemaError(`${where}: enum type '${name}' is not in the catalog.`);
    return { ...base, type: 'enum', enum: [...found.values], enumName: name };
  }
  if (catalog.dialect === 'sqlite') {
    const values = sqliteEnumValues(table, column.name);
    if (values) return { ...base, type: 'enum', enum: values };
  }
  if (/^enum\(/i.test(raw)) return { ...base, type: 'enum', enum: mysqlEnumValues(raw) };
  const lower = raw.toLowerCase();
  if (lower === 'tinyint(1)') return { ...base, type: 'boolean' };
  const { base: name, args } = parts(lower);
  if ((name === 'character varying' || name === 'varchar' || name === 'character' || name === 'char') && args.length > 0) {
    return { ...base, type: 'varchar', length: args[0] };
  }
  if ((name === 'numeric' || name === 'decimal') && args.length > 0) {
    // Up to 15 digits a double holds exactly; wider decimals load as their exact text.
    return {
      ...base,
      type: 'decimal',
      precision: args[0],
      scale: args[1] ?? 0,
      ...(args[0] > EXACT_DOUBLE_DIGITS ? { jsType: 'string' as const, trimDecimal: true } : {}),
    };
  }
  const stripped = name.replace(/^timestamp with time zone$/, 'timestamp with time zone');
  const type = SIMPLE[stripped] ?? (/^timestamp/.test(stripped) ? 'timestamp' : undefined);
  if (!type) {
    throw new SchemaError(`${where}: type '${column.type}' has no diffsync column type; use defineModel() with an explicit type.`);
  }
  // 64-bit integers load as bigint (a number is exact only up to 2^53); a decimal without a
  // precision (PostgreSQL's plain numeric) as its exact text.
  if (type === 'bigint' && SIXTY_FOUR_BIT.has(stripped)) return { ...base, type, jsType: 'bigint' };
  if (type === 'decimal') return { ...base, type, jsType: 'string', trimDecimal: true };
  return { ...base, type };
}

/** Significant decimal digits every double carries exactly through text and back. */
const EXACT_DOUBLE_DIGITS = 15;

const SIXTY_FOUR_BIT = new Set(['bigint', 'int8', 'bigint unsigned']);

/** Fractional-second digits a timestamp column keeps (PostgreSQL 6 by default, SQLite 3 as ISO text). */
export function timestampPrecision(dialect: Catalog['dialect'], type: string): number {
  const m = /\((\d)\)/.exec(type);
  if (dialect === 'sqlite') return 3;
  if (m) return Number(m[1]);
  return dialect === 'postgresql' ? 6 : 0;
}
