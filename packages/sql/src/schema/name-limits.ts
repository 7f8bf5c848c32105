import type { DialectName } from './dialect';
import { SchemaError } from '../errors';
import type { ColumnSpec, SchemaSpec, TableSpec } from './table-spec';

/** How long a name may be on a dialect, and in what unit. */
export interface NameLimit {
  readonly max: number;
  readonly unit: 'bytes' | 'characters';
  readonly label: string;
}

/**
 * PostgreSQL keeps 63 bytes of a name (NAMEDATALEN - 1) and silently cuts the rest;
 * MySQL and MariaDB allow 64 characters (MariaDB counts characters, not bytes: 64 × 'é' is
 * accepted); SQLite has no limit.
 */
const LIMITS: Record<DialectName, NameLimit | undefined> = {
  postgresql: { max: 63, unit: 'bytes', label: 'PostgreSQL' },
  mysql: { max: 64, unit: 'characters', label: 'MySQL/MariaDB' },
  sqlite: undefined,
};

export function nameLimit(dialect: DialectName): NameLimit | undefined {
  return LIMITS[dialect];
}

function lengthIn(name: string, unit: NameLimit['unit']): number {
  if (unit === 'bytes') return Buffer.byteLength(name, 'utf8');
  let n = 0;
  for (const _ of name) n++;
  return n;
}

/** MySQL and MariaDB store names as utf8mb3: characters beyond U+FFFF (emoji) are refused. */
const BEYOND_BMP = /[\u{10000}-\u{10FFFF}]/u;

interface NamedThing {
  readonly what: string;
  readonly name: string;
  /** `Class` or `Class.field`, for the message. */
  readonly owner: string;
  /** How to choose another name. */
  readonly fix: string;
}

function namesOf(dialect: DialectName, table: TableSpec): NamedThing[] {
  const cls = table.model.name;
  const field = (c: ColumnSpec) => `${cls}.${c.property}`;
  const byColumnName = new Map(table.columns.map((c) => [c.name, c]));
  const keyOwner = (columns: readonly string[]) => {
    const col = columns.length === 1 ? byColumnName.get(columns[0]) : undefined;
    return col ? field(col) : cls;
  };
  const out: NamedThing[] = [];
  if (dialect === 'postgresql') {
    if (table.namespace !== undefined) {
      out.push({ what: 'namespace (schema) name', name: table.namespace, owner: cls, fix: '@Table({ namespace })' });
    }
    out.push({ what: 'table name', name: table.name, owner: cls, fix: '@Table({ name })' });
  } else {
    const physical = table.namespace ? `${table.namespace}__${table.name}` : table.name;
    const what = table.namespace ? "table name (namespace + '__' + name)" : 'table name';
    out.push({ what, name: physical, owner: cls, fix: '@Table({ name, namespace })' });
  }
  for (const c of table.columns) {
    out.push({ what: 'column name', name: c.name, owner: field(c), fix: '@Column({ name })' });
    if (dialect === 'postgresql' && c.enumName !== undefined) {
      out.push({ what: 'enum type name', name: c.enumName, owner: field(c), fix: '@Column({ enumName })' });
    }
  }
  out.push({ what: 'primary key name', name: table.primaryKeyName, owner: cls, fix: 'a shorter table name' });
  for (const u of table.uniques) out.push({ what: 'unique constraint name', name: u.name, owner: keyOwner(u.columns), fix: '@Column({ unique: name })' });
  for (const x of table.indexes) out.push({ what: 'index name', name: x.name, owner: keyOwner(x.columns), fix: '@Column({ index: name })' });
  for (const fk of table.foreignKeys) out.push({ what: 'foreign key name', name: fk.name, owner: cls, fix: 'a shorter table name' });
  return out;
}

const checked = new WeakMap<TableSpec, Set<DialectName>>();

/**
 * Refuses, with a `SchemaError` naming the class (and field), a table, namespace, column,
 * index, constraint or enum type name the dialect would cut or reject (too long, a NUL,
 * on MySQL a character beyond U+FFFF). Generated names
 * always fit (they are shortened with a hash); user-chosen names are never changed.
 */
export function checkTableNames(dialect: DialectName, table: TableSpec): void {
  const done = checked.get(table);
  if (done?.has(dialect)) return;
  const limit = nameLimit(dialect);
  for (const thing of namesOf(dialect, table)) {
    if (thing.name.includes('\u0000')) {
      throw new SchemaError(
        `${thing.owner}: ${thing.what} ${JSON.stringify(thing.name)} holds a NUL character, which no database allows in a name (${thing.fix}).`,
      );
    }
  }
  if (limit) {
    for (const thing of namesOf(dialect, table)) {
      const length = lengthIn(thing.name, limit.unit);
      if (length > limit.max) {
        throw new SchemaError(
          `${thing.owner}: ${thing.what} ${JSON.stringify(thing.name)} is ${length} ${limit.unit} long; ${limit.label} allows at most ` +
            `${limit.max} ${limit.unit}${limit.unit === 'bytes' ? ' (UTF-8)' : ''} and would cut or refuse it. Choose a shorter name (${thing.fix}).`,
        );
      }
      if (dialect === 'mysql' && BEYOND_BMP.test(thing.name)) {
        throw new SchemaError(
          `${thing.owner}: ${thing.what} ${JSON.stringify(thing.name)} holds a character beyond U+FFFF (such as an emoji), which MySQL/MariaDB names cannot hold. Choose another name (${thing.fix}).`,
        );
      }
    }
  }
  const set = done ?? new Set<DialectName>();
  set.add(dialect);
  if (!done) checked.set(table, set);
}

/** `checkTableNames` for every table of `schema`. */
export function checkSchemaNames(dialect: DialectName, schema: SchemaSpec): void {
  for (const table of schema.tables) checkTableNames(dialect, table);
}
