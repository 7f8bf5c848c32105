import type { DialectName } from '../schema/dialect';
import { QueryError } from '../errors';
import { getColumnOptions } from '../metadata/decorators';
import type { ColumnSpec, TableSpec } from '../schema/table-spec';
import { trimmedDecimal } from './decimal-text';

/**
 * What the model property holding a column's value is declared as (its `design:type`):
 * decides how `bigint` and `decimal` columns load (`bigint` → bigint, `string` → string,
 * otherwise number).
 */
export type JsType = 'bigint' | 'string' | 'number' | 'other';

/** Converts one column value (model to parameter, or result to model). */
export type Convert = (value: unknown) => unknown;
/** Writes one column value as text (COPY, LOAD DATA). */
export type ToText = (value: unknown) => string;

/** One column of one table, as the value checks and converters need it. */
export interface ColumnContext {
  readonly dialect: DialectName;
  /** `namespace.table` or `table`, for messages. */
  readonly table: string;
  readonly column: ColumnSpec;
  readonly jsType: JsType;
  /** A decimal loaded as its shortest exact text (`@Column({ trimDecimal })`). */
  readonly trimDecimal: boolean;
  /** Part of the primary key or a unique constraint: its values must stay distinct as the database compares them. */
  readonly uniqueKey: boolean;
}

export function columnContexts(dialect: DialectName, table: TableSpec): ColumnContext[] {
  const label = table.namespace === undefined ? table.name : `${table.namespace}.${table.name}`;
  const options = getColumnOptions(table.model);
  return table.columns.map((column) => {
    const design = table.meta.fieldByName.get(column.property)?.designType;
    const jsType: JsType =
      options[column.property]?.jsType ?? (design === BigInt ? 'bigint' : design === String ? 'string' : design === Number ? 'number' : 'other');
    const uniqueKey = table.primaryKey.includes(column.name) || table.uniques.some((u) => u.columns.includes(column.name));
    return { dialect, table: label, column, jsType, trimDecimal: options[column.property]?.trimDecimal === true, uniqueKey };
  });
}

/** The statement a refused value belongs to: none was sent. */
export const NOT_SENT = '(not sent: a value was refused before anything was written)';

function shown(value: unknown): string {
  if (typeof value === 'string') return value.length > 60 ? `${JSON.stringify(value.slice(0, 60))}… (${value.length} chars)` : JSON.stringify(value);
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'an invalid Date' : `Date ${value.toISOString()}`;
  if (Array.isArray(value)) return `an array (${value.length} items)`;
  if (value === null || value === undefined) return String(value);
  if (typeof value === 'object') return `an object (${Object.prototype.toString.call(value)})`;
  return `a ${typeof value}`;
}

/** A value its column cannot hold exactly: a QueryError naming table and column, raised before anything is written. */
export function refuse(ctx: ColumnContext, value: unknown, why: string): never {
  const c = ctx.column;
  throw new QueryError(
    `Table '${ctx.table}' column '${c.name}' (${c.type}${c.length ? `(${c.length})` : ''}, property '${c.property}') cannot hold ${shown(value)} on ${ctx.dialect}: ${why}. Nothing is written (the call's transaction rolls back).`,
    NOT_SENT,
  );
}

/** A value read from the database that the property cannot hold exactly. */
export function refuseLoaded(ctx: ColumnContext, value: unknown, why: string): never {
  const c = ctx.column;
  throw new QueryError(
    `Table '${ctx.table}' column '${c.name}' (${c.type}) holds ${shown(value)}, which property '${c.property}' cannot hold exactly: ${why}.`,
    `SELECT … FROM ${ctx.table}`,
  );
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** No lone UTF-16 surrogate (String.prototype.isWellFormed where the runtime has it, ES2024). */
const wellFormed: (s: string) => boolean =
  typeof (String.prototype as { isWellFormed?: unknown }).isWellFormed === 'function'
    ? (s) => (s as unknown as { isWellFormed(): boolean }).isWellFormed()
    : (s) => !LONE_SURROGATE.test(s);

/** Strings every dialect stores as given: well-formed UTF-16 (no lone surrogate), no NUL on PostgreSQL. */
export function checkText(ctx: ColumnContext, value: string): void {
  if (!wellFormed(value)) refuse(ctx, value, 'it holds a lone UTF-16 surrogate, which UTF-8 cannot encode (it would come back as U+FFFD)');
  if (ctx.dialect === 'postgresql' && value.includes('\u0000')) refuse(ctx, value, 'PostgreSQL text cannot hold NUL (\\u0000)');
}

/** Strings inside a JSON value (keys included): the same rules as text; PostgreSQL jsonb refuses \u0000 too. */
export function checkJson(ctx: ColumnContext, root: unknown): void {
  const seen: object[] = [];
  const walk = (value: unknown, path: string): void => {
    switch (typeof value) {
      case 'string':
        if (!wellFormed(value)) refuse(ctx, root, `the string at ${path} holds a lone UTF-16 surrogate`);
        if (ctx.dialect === 'postgresql' && value.includes('\u0000')) refuse(ctx, root, `the string at ${path} holds NUL (\\u0000), which jsonb refuses`);
        return;
      case 'number':
        if (!Number.isFinite(value)) refuse(ctx, root, `${path} is ${value}, which JSON cannot hold`);
        if (Object.is(value, -0)) refuse(ctx, root, `${path} is -0, which JSON writes as 0`);
        return;
      case 'boolean':
        return;
      case 'object': {
        if (value === null) return;
        if (seen.includes(value)) refuse(ctx, root, `${path} refers back to itself`);
        const proto = Object.getPrototypeOf(value) as object | null;
        if (Array.isArray(value)) {
          seen.push(value);
          for (let i = 0; i < value.length; i++) walk(value[i], `${path}[${i}]`);
          seen.pop();
          return;
        }
        if (proto === null) {
          refuse(ctx, root, `${path} is an object with a null prototype: it loads as a plain object, which the diff tells apart; use a plain object`);
        }
        if (proto !== Object.prototype) {
          refuse(ctx, root, `${path} is ${shown(value)}; JSON holds plain objects, arrays, strings, finite numbers, booleans and null`);
        }
        seen.push(value);
        for (const key of Object.keys(value)) {
          if (!wellFormed(key)) refuse(ctx, root, `a key at ${path} holds a lone UTF-16 surrogate`);
          if (ctx.dialect === 'postgresql' && key.includes('\u0000')) refuse(ctx, root, `a key at ${path} holds NUL (\\u0000)`);
          const v = (value as Record<string, unknown>)[key];
          if (v === undefined) refuse(ctx, root, `${path}.${key} is undefined, which JSON drops`);
          walk(v, `${path}.${key}`);
        }
        seen.pop();
        return;
      }
      default:
        refuse(ctx, root, `${path} is ${shown(value)}; JSON holds plain objects, arrays, strings, finite numbers, booleans and null`);
    }
  };
  walk(root, '$');
}

const INT_RANGE: Record<string, [bigint, bigint]> = {
  smallint: [-32768n, 32767n],
  integer: [-2147483648n, 2147483647n],
  bigint: [-(2n ** 63n), 2n ** 63n - 1n],
};

/** An integer column's value as a JS number or bigint in the column's range; refuses anything else. */
export function integerChecker(ctx: ColumnContext): (value: unknown) => number | bigint {
  const [min, max] = INT_RANGE[ctx.column.type];
  const nMin = Number(min);
  const nMax = Number(max);
  return (value) => {
    if (typeof value === 'number') {
      if (!Number.isInteger(value)) refuse(ctx, value, 'not an integer');
      if (!Number.isSafeInteger(value)) refuse(ctx, value, 'beyond 2^53 a number is not an exact integer; declare the property bigint and pass a bigint');
      if (value < nMin || value > nMax) refuse(ctx, value, `out of the ${ctx.column.type} range ${min}..${max}`);
      return Object.is(value, -0) ? 0 : value;
    }
    if (typeof value === 'bigint') {
      if (value < min || value > max) refuse(ctx, value, `out of the ${ctx.column.type} range ${min}..${max}`);
      return value;
    }
    return refuse(ctx, value, `an ${ctx.column.type} column takes a number or bigint`);
  };
}

const MAX_FLOAT32 = 3.4028234663852886e38;

/** A double/real column's value; NaN and ±Infinity where the dialect stores them. */
export function floatChecker(ctx: ColumnContext): (value: unknown) => number {
  const real = ctx.column.type === 'real';
  const mysql = ctx.dialect === 'mysql';
  return (value) => {
    if (typeof value !== 'number') return refuse(ctx, value, `a ${ctx.column.type} column takes a number`);
    if (!Number.isFinite(value)) {
      if (mysql) refuse(ctx, value, 'MySQL/MariaDB floating-point columns cannot hold NaN or ±Infinity');
      return value;
    }
    if (real && (Math.abs(value) > MAX_FLOAT32 || Math.fround(value) !== value)) {
      refuse(ctx, value, 'a real (4-byte float) column holds only values that Math.fround() leaves unchanged; use a double column');
    }
    return value;
  };
}

/**
 * A decimal column's value as canonical text: a string must already be in the form the
 * database prints (exactly `scale` fraction digits, no `+`, no leading zeros, no `-0`),
 * a number must be exact at that scale. SQLite keeps at most 15 significant digits.
 */
export function decimalChecker(ctx: ColumnContext): (value: unknown) => string {
  if (ctx.trimDecimal && typeof ctx.column.precision !== 'number') return trimmedDecimalChecker(ctx);
  const precision = ctx.column.precision ?? 10;
  const scale = ctx.column.scale ?? 0;
  const intDigits = precision - scale;
  const integerPart = intDigits > 0 ? `(0|[1-9]\\d{0,${intDigits - 1}})` : '0';
  const fraction = scale === 0 ? '' : ctx.trimDecimal ? `(\\.\\d{0,${scale - 1}}[1-9])?` : `\\.\\d{${scale}}`;
  const canonical = new RegExp(`^-?${integerPart}${fraction}$`);
  const sqlite = ctx.dialect === 'sqlite';
  const form = ctx.trimDecimal
    ? `at most ${precision - scale} integer digits and ${scale} fraction digit(s), without leading or trailing zeros, no '+'`
    : `at most ${precision - scale} integer digits without leading zeros, exactly ${scale} fraction digit(s), no '+'`;
  return (value) => {
    let text: string;
    if (typeof value === 'string') {
      text = value;
      if (!canonical.test(text)) {
        refuse(ctx, value, `decimal(${precision},${scale}) text must read back as written: ${form}`);
      }
      if (/^-0(\.0*)?$/.test(text)) refuse(ctx, value, "'-0' reads back as '0'");
    } else if (typeof value === 'number') {
      if (!Number.isFinite(value)) refuse(ctx, value, 'a decimal column holds finite numbers only');
      text = value.toFixed(scale); // (-0).toFixed() has no sign
      if (ctx.trimDecimal) text = trimmedDecimal(text);
      if (Number(text) !== value || !canonical.test(text)) {
        refuse(ctx, value, `not exact at decimal(${precision},${scale}); pass a string to keep every digit`);
      }
    } else {
      return refuse(ctx, value, 'a decimal column takes a string (canonical decimal text) or a number');
    }
    if (sqlite && text.replace(/[-.]/g, '').replace(/^0+/, '').length > 15) {
      refuse(ctx, value, 'SQLite stores decimals as 8-byte floats: at most 15 significant digits');
    }
    return text;
  };
}

/**
 * A decimal of undeclared precision loaded as trimmed text (a plain PostgreSQL `numeric`
 * read from a catalog): any canonical trimmed decimal text; the column decides what it holds.
 */
function trimmedDecimalChecker(ctx: ColumnContext): (value: unknown) => string {
  const canonical = /^-?(0|[1-9]\d*)(\.\d*[1-9])?$/;
  return (value) => {
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) refuse(ctx, value, 'a decimal column holds finite numbers only');
      const text = String(value + 0);
      if (text.includes('e')) refuse(ctx, value, 'pass a string to keep every digit of a number this large or small');
      return trimmedDecimal(text);
    }
    if (typeof value !== 'string') return refuse(ctx, value, 'a decimal column takes a string (canonical decimal text) or a number');
    if (!canonical.test(value)) refuse(ctx, value, "decimal text must read back as written: digits without leading or trailing zeros, no '+'");
    if (value === '-0') refuse(ctx, value, "'-0' reads back as '0'");
    return value;
  };
}

const MYSQL_MIN_MS = Date.UTC(1000, 0, 1);
const MYSQL_MAX_MS = Date.UTC(10000, 0, 1) - 1;
const PG_MIN_MS = -210866803200000; // 4714-11-24 BC 00:00 UTC (proleptic Gregorian; ISO year -4713), PostgreSQL's first timestamp

/** A timestamp column's value: a valid Date within the dialect's range. */
export function timestampChecker(ctx: ColumnContext): (value: unknown) => Date {
  return (value) => {
    if (!(value instanceof Date)) return refuse(ctx, value, 'a timestamp column takes a Date');
    const ms = value.getTime();
    if (Number.isNaN(ms)) refuse(ctx, value, 'an invalid Date');
    if (ctx.dialect === 'mysql' && (ms < MYSQL_MIN_MS || ms > MYSQL_MAX_MS)) refuse(ctx, value, 'MariaDB/MySQL DATETIME holds years 1000 to 9999');
    if (ctx.dialect === 'postgresql' && ms < PG_MIN_MS) refuse(ctx, value, 'PostgreSQL timestamps start at 4714-11-24 BC');
    return value;
  };
}
