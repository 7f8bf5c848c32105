import { IsoFormatter, parseSqliteTimestamp, pgTimestampText } from './iso-time';
import type { ColumnContext, Convert, ToText } from './value-checks';
import { checkJson, checkText, decimalChecker, floatChecker, integerChecker, refuse, refuseLoaded, timestampChecker } from './value-checks';
import { structParam, structResult } from './struct-values';
import { scalarText } from './scalar-text';
import { trimmedDecimal } from './decimal-text';

/**
 * Wraps a converter of non-null values: `null`/`undefined` become SQL NULL where the
 * column is nullable and are refused (before anything is written) where it is not.
 */
function nullable(ctx: ColumnContext, convert: Convert): Convert {
  if (ctx.column.nullable) return (v) => (v === null || v === undefined ? null : convert(v));
  return (v) => (v === null || v === undefined ? refuse(ctx, v, 'the column is NOT NULL') : convert(v));
}

function textValue(ctx: ColumnContext): Convert {
  const c = ctx.column;
  const enumValues = c.type === 'enum' && c.enumValues ? new Set(c.enumValues) : undefined;
  const limit = c.type === 'varchar' ? c.length : undefined;
  const uuidPg = c.type === 'uuid' && ctx.dialect === 'postgresql';
  // MySQL/MariaDB's utf8mb4_bin is a PAD SPACE collation: 'a ' and 'a' are the same key there.
  const padSpace = ctx.dialect === 'mysql' && ctx.uniqueKey;
  return (v) => {
    if (typeof v !== 'string') return refuse(ctx, v, `a ${c.type} column takes a string`);
    checkText(ctx, v);
    // Characters are code points on every dialect: count them only when the UTF-16 length is over.
    if (limit !== undefined && v.length > limit && [...v].length > limit) refuse(ctx, v, `longer than ${limit} characters`);
    if (padSpace && v.endsWith(' ')) {
      refuse(
        ctx,
        v,
        'MySQL/MariaDB compare keys without trailing spaces (PAD SPACE collation), so it would be the same key as its trimmed text and overwrite that row',
      );
    }
    if (enumValues && !enumValues.has(v)) refuse(ctx, v, `not one of the enum's values (${[...enumValues].join(', ')})`);
    if (uuidPg && !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(v)) {
      refuse(ctx, v, 'PostgreSQL uuid reads back as lower-case 8-4-4-4-12 hex: pass it in that form');
    }
    return v;
  };
}

function jsonValue(ctx: ColumnContext): Convert {
  // JSON null in a NOT NULL column is the JSON text `null`; in a nullable one SQL NULL (both load as null).
  const toText = (v: unknown): string => {
    checkJson(ctx, v);
    return JSON.stringify(v);
  };
  return ctx.column.nullable ? (v) => (v === null || v === undefined ? null : toText(v)) : (v) => (v === undefined ? 'null' : toText(v));
}

function bytesValue(ctx: ColumnContext): Convert {
  return (v) => {
    if (Buffer.isBuffer(v)) return v;
    if (v instanceof Uint8Array) return Buffer.from(v);
    return refuse(ctx, v, 'a bytes column takes a Buffer or Uint8Array');
  };
}

function dateValue(ctx: ColumnContext): Convert {
  return (v) => {
    if (v instanceof Date) {
      if (Number.isNaN(v.getTime())) refuse(ctx, v, 'an invalid Date');
      return v.toISOString().slice(0, 10);
    }
    if (typeof v === 'string' && /^\d{4}-\d\d-\d\d$/.test(v)) return v;
    return refuse(ctx, v, "a date column takes 'YYYY-MM-DD' text or a Date");
  };
}

/**
 * The checked value of one column, in the JS form the dialect's driver binds: chosen once
 * per column, refusing (QueryError naming table and column) whatever the column cannot
 * hold exactly. No array or object ever reaches a driver except as JSON text.
 */
export function paramConverter(ctx: ColumnContext): Convert {
  const { dialect, column } = ctx;
  switch (column.type) {
    case 'json':
      return jsonValue(ctx);
    case 'struct':
      return structParam(ctx, paramConverter);
    case 'boolean': {
      const check = (v: unknown) => (typeof v === 'boolean' ? v : refuse(ctx, v, 'a boolean column takes true or false'));
      return nullable(ctx, dialect === 'postgresql' ? check : (v) => (check(v) ? 1 : 0));
    }
    case 'timestamp': {
      const check = timestampChecker(ctx);
      if (dialect === 'postgresql') {
        const iso = new IsoFormatter();
        return nullable(ctx, (v) => pgTimestampText(check(v), iso));
      }
      // MySQL: `YYYY-MM-DD HH:MM:SS.mmm` in UTC (the session time zone is +00:00); SQLite: ISO text.
      const iso = new IsoFormatter(dialect === 'mysql');
      return nullable(ctx, (v) => iso.format(check(v)));
    }
    case 'date':
      return nullable(ctx, dateValue(ctx));
    case 'integer':
    case 'smallint':
    case 'bigint': {
      const check = integerChecker(ctx);
      // bigint as text on PostgreSQL and MySQL (exact); SQLite binds bigint natively.
      if (dialect === 'sqlite') return nullable(ctx, check);
      return nullable(ctx, (v) => {
        const n = check(v);
        return typeof n === 'bigint' ? n.toString() : n;
      });
    }
    case 'double':
    case 'real': {
      const check = floatChecker(ctx);
      // SQLite turns a bound NaN into NULL: store the text 'NaN' (a REAL column keeps non-numeric text as text).
      if (dialect === 'sqlite') return nullable(ctx, (v) => (Number.isNaN(check(v)) ? 'NaN' : v));
      return nullable(ctx, check);
    }
    case 'decimal':
      return nullable(ctx, decimalChecker(ctx));
    case 'bytes':
      return nullable(ctx, bytesValue(ctx));
    default:
      return nullable(ctx, textValue(ctx));
  }
}

const COPY_SPECIAL = /[\\\n\r\t]/;

/** Escapes text for PostgreSQL COPY text format (backslash, newline, carriage return, tab). */
export function copyEscape(text: string): string {
  if (!COPY_SPECIAL.test(text)) return text;
  let out = '';
  let last = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 92 || c === 10 || c === 13 || c === 9) {
      out += text.slice(last, i);
      out += c === 92 ? '\\\\' : c === 10 ? '\\n' : c === 13 ? '\\r' : '\\t';
      last = i + 1;
    }
  }
  return out + text.slice(last);
}

/** Model value → one field of PostgreSQL COPY text data: the checked parameter value as text. */
export function copyConverter(ctx: ColumnContext, param: Convert): ToText {
  switch (ctx.column.type) {
    case 'boolean':
      return (v) => {
        const out = param(v);
        return out === null ? '\\N' : out ? 't' : 'f';
      };
    case 'bytes':
      return (v) => {
        const out = param(v);
        return out === null ? '\\N' : `\\\\x${(out as Buffer).toString('hex')}`;
      };
    case 'double':
    case 'real':
      return (v) => {
        const out = param(v) as number | null;
        return out === null ? '\\N' : Object.is(out, -0) ? '-0' : String(out); // NaN, Infinity, -Infinity are PostgreSQL input too
      };
    default:
      return (v) => {
        const out = param(v);
        return out === null ? '\\N' : copyEscape(scalarText(out));
      };
  }
}

function fromJson(ctx: ColumnContext): Convert {
  return (v) => {
    if (v === null || v === undefined) return null;
    // pg parses json/jsonb itself; mysql2 and better-sqlite3 hand over the text.
    if (ctx.dialect === 'postgresql') return v;
    if (typeof v === 'string') return JSON.parse(v) as unknown;
    if (Buffer.isBuffer(v)) return JSON.parse(v.toString('utf8')) as unknown;
    return v;
  };
}

function toBoolean(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') return value === '1' || value === 't' || value === 'true';
  return Number(value) !== 0;
}

function toTimestamp(ctx: ColumnContext): Convert {
  return (v) => {
    if (v === null || v === undefined) return null;
    const date = v instanceof Date ? v : ctx.dialect === 'sqlite' && typeof v === 'string' ? parseSqliteTimestamp(v) : new Date(v as string);
    // PostgreSQL's ±infinity, MySQL's zero dates, unparsable SQLite text: no JS Date holds them.
    if (Number.isNaN(date.getTime())) refuseLoaded(ctx, v, 'no JavaScript Date holds it');
    return date;
  };
}

function toInteger(ctx: ColumnContext): Convert {
  if (ctx.jsType === 'bigint') {
    return (v) => (v === null || v === undefined ? null : typeof v === 'bigint' ? v : BigInt(v as string | number));
  }
  return (v) => {
    if (v === null || v === undefined) return null;
    const n = typeof v === 'number' ? v : Number(v);
    if (!Number.isSafeInteger(n) || (typeof v !== 'number' && BigInt(v as string | bigint) !== BigInt(n))) {
      refuseLoaded(ctx, v, 'beyond 2^53 a number is not exact; declare the property bigint');
    }
    return n;
  };
}

function toFloat(ctx: ColumnContext): Convert {
  const real = ctx.column.type === 'real';
  return (v) => {
    if (v === null || v === undefined) return null;
    const n = typeof v === 'number' ? v : Number(v);
    // PostgreSQL prints a real with the fewest digits that identify the float32, not the double.
    return real ? Math.fround(n) : n;
  };
}

function toDecimal(ctx: ColumnContext): Convert {
  const scale = ctx.column.scale ?? 0;
  if (ctx.jsType === 'string') {
    // SQLite keeps decimals as numbers (up to 15 digits, checked on write): print them at the column's scale.
    const text = (v: unknown) => (typeof v === 'number' ? v.toFixed(scale) : scalarText(v));
    if (ctx.trimDecimal) return (v) => (v === null || v === undefined ? null : trimmedDecimal(text(v)));
    return (v) => (v === null || v === undefined ? null : text(v));
  }
  return (v) => (v === null || v === undefined ? null : typeof v === 'number' ? v : Number(v));
}

/** Database value → model value, chosen once per column. NULL is `null`. */
export function resultConverter(ctx: ColumnContext): Convert {
  switch (ctx.column.type) {
    case 'json':
      return fromJson(ctx);
    case 'struct':
      return structResult(ctx);
    case 'boolean':
      return toBoolean;
    case 'timestamp':
      return toTimestamp(ctx);
    case 'date':
      return (v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v === undefined ? null : v);
    case 'integer':
    case 'smallint':
    case 'bigint':
      return toInteger(ctx);
    case 'double':
    case 'real':
      return toFloat(ctx);
    case 'decimal':
      return toDecimal(ctx);
    case 'bytes':
      return (v) => (v === null || v === undefined ? null : Buffer.isBuffer(v) ? v : v instanceof Uint8Array ? Buffer.from(v) : v);
    default:
      return ctx.dialect === 'mysql' ? (v) => (Buffer.isBuffer(v) ? v.toString('utf8') : v === undefined ? null : v) : (v) => (v === undefined ? null : v);
  }
}

/** The checked value binary COPY encodes: the PostgreSQL parameter value, but a Date for timestamps. */
export function binaryChecker(ctx: ColumnContext, param: Convert): Convert {
  return ctx.column.type === 'timestamp' ? nullable(ctx, timestampChecker(ctx)) : param;
}
