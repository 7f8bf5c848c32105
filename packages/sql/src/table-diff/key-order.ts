import type { DialectName } from '../schema/dialect';
import type { SqlType } from '../metadata/decorators';

/** A key column: its name, model property and logical type. */
export interface KeyColumn {
  readonly name: string;
  readonly property: string;
  readonly type: SqlType;
}

/** A half-open key range: `lo` ≤ key < `hi`; an absent bound is open. Bounds are key tuples. */
export interface KeyRange {
  readonly lo?: readonly unknown[];
  readonly hi?: readonly unknown[];
}

const INTEGER = new Set<SqlType>(['integer', 'bigint', 'smallint']);
const TEXTUAL = new Set<SqlType>(['text', 'varchar', 'uuid', 'enum']);

export const isIntegerType = (type: SqlType): boolean => INTEGER.has(type);

/**
 * Compares strings by Unicode code point, which is UTF-8 byte order: the order of
 * PostgreSQL `COLLATE "C"`, MariaDB `utf8mb4_nopad_bin` and SQLite's BINARY.
 */
export function compareText(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) {
      const xs = x >= 0xd800 && x <= 0xdfff;
      const ys = y >= 0xd800 && y <= 0xdfff;
      if (xs !== ys) return xs ? 1 : -1; // a surrogate pair is a code point above the whole BMP
      return x < y ? -1 : 1;
    }
  }
  return a.length - b.length;
}

function compareValue(type: SqlType, a: unknown, b: unknown): number {
  if (TEXTUAL.has(type)) return compareText(String(a), String(b));
  if (a instanceof Date && b instanceof Date) return a.getTime() - b.getTime();
  if (typeof a === 'bigint' || typeof b === 'bigint') {
    const x = BigInt(a as number);
    const y = BigInt(b as number);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'boolean' || typeof b === 'boolean') return Number(a) - Number(b);
  return compareText(String(a), String(b));
}

/** Compares two rows' keys (model objects) in the order every database sorts them in. */
export function keyComparator(keys: readonly KeyColumn[]): (a: Record<string, unknown>, b: Record<string, unknown>) => number {
  return (a, b) => {
    for (const k of keys) {
      const c = compareValue(k.type, a[k.property], b[k.property]);
      if (c !== 0) return c;
    }
    return 0;
  };
}

/** A key column as an SQL expression sorted in binary (code point) order. */
export function keyExpression(dialect: DialectName, key: KeyColumn, q: (n: string) => string): string {
  const col = q(key.name);
  if (!TEXTUAL.has(key.type)) return col;
  if (dialect === 'postgresql') return `${col} COLLATE "C"`;
  if (dialect === 'mysql') return `${col} COLLATE utf8mb4_nopad_bin`;
  return col;
}

/** Binds one key value: integers as exact text (cast in SQL) on the servers, bigint on SQLite. */
export function bindKey(dialect: DialectName, key: KeyColumn, value: unknown): { mark: (p: string) => string; value: unknown } {
  if (isIntegerType(key.type)) {
    if (dialect === 'sqlite') return { mark: (p) => p, value: typeof value === 'bigint' ? value : BigInt(String(value)) };
    if (dialect === 'mysql') return { mark: (p) => `CAST(${p} AS SIGNED)`, value: String(value) };
    return { mark: (p) => `${p}::bigint`, value: String(value) };
  }
  if (value instanceof Date && dialect === 'sqlite') return { mark: (p) => p, value: value.toISOString() };
  return { mark: (p) => p, value };
}

/** Collects bind parameters and hands out placeholders. */
export class Params {
  readonly values: unknown[] = [];
  constructor(
    private readonly dialect: DialectName,
    private readonly placeholder: (i: number) => string,
  ) {}

  key(key: KeyColumn, value: unknown): string {
    const bound = bindKey(this.dialect, key, value);
    this.values.push(bound.value);
    return bound.mark(this.placeholder(this.values.length));
  }

  raw(value: unknown): string {
    this.values.push(value);
    return this.placeholder(this.values.length);
  }
}

function tupleCompare(
  dialect: DialectName,
  keys: readonly KeyColumn[],
  bound: readonly unknown[],
  strict: '>' | '<',
  orEqual: boolean,
  q: (n: string) => string,
  params: Params,
): string {
  const alternatives: string[] = [];
  for (let i = 0; i < keys.length; i++) {
    const parts: string[] = [];
    for (let j = 0; j < i; j++) parts.push(`${keyExpression(dialect, keys[j], q)} = ${params.key(keys[j], bound[j])}`);
    const last = i === keys.length - 1 && orEqual ? `${strict}=` : strict;
    parts.push(`${keyExpression(dialect, keys[i], q)} ${last} ${params.key(keys[i], bound[i])}`);
    alternatives.push(parts.length === 1 ? parts[0] : `(${parts.join(' AND ')})`);
  }
  return alternatives.length === 1 ? alternatives[0] : `(${alternatives.join(' OR ')})`;
}

/** The SQL condition for `range` (lexicographic on composite keys), or `undefined` for the whole table. */
export function rangeCondition(
  dialect: DialectName,
  keys: readonly KeyColumn[],
  range: KeyRange,
  q: (n: string) => string,
  params: Params,
): string | undefined {
  const parts: string[] = [];
  if (range.lo) parts.push(tupleCompare(dialect, keys, range.lo, '>', true, q, params));
  if (range.hi) parts.push(tupleCompare(dialect, keys, range.hi, '<', false, q, params));
  return parts.length === 0 ? undefined : parts.join(' AND ');
}

/** `ORDER BY` text for the key in binary order. */
export function orderBy(dialect: DialectName, keys: readonly KeyColumn[], q: (n: string) => string): string {
  return keys.map((k) => keyExpression(dialect, k, q)).join(', ');
}
