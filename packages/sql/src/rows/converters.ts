import { InvalidArgumentError } from '@diffsync/core';
import { DialectName } from '../dialects/dialect';
import { ColumnSpec } from '../schema/table-spec';
import { IsoFormatter } from './iso-time';

export type Convert = (value: unknown) => unknown;
export type ToText = (value: unknown) => string;

const identity: Convert = (v) => (v === undefined ? null : v);

function toJsonText(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  return JSON.stringify(value);
}

function fromJson(value: unknown): unknown {
  if (typeof value === 'string') return JSON.parse(value);
  if (Buffer.isBuffer(value)) return JSON.parse(value.toString('utf8'));
  return value;
}

function toNumber(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'bigint') return Number(value);
  return value;
}

function toBoolean(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') return value === '1' || value === 't' || value === 'true';
  return Number(value) !== 0;
}

function toDate(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value;
  return new Date(String(value));
}

function isoText(): Convert {
  const iso = new IsoFormatter();
  return (value) => {
    if (value === null || value === undefined) return null;
    if (value instanceof Date) return iso.format(value);
    return value;
  };
}

/** Date → `YYYY-MM-DD HH:MM:SS.mmm` in UTC (the session time zone is +00:00); other years stay Dates for the driver. */
function mysqlDateTime(): Convert {
  const sql = new IsoFormatter(true);
  return (value) => {
    if (value === null || value === undefined) return null;
    if (value instanceof Date) {
      const y = value.getUTCFullYear();
      return y >= 1000 && y <= 9999 ? sql.format(value) : value;
    }
    return value;
  };
}

function dateOnlyText(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return value;
}

function toBuffer(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (Buffer.isBuffer(value)) return value;
  if (value instanceof Uint8Array) return Buffer.from(value);
  return value;
}

/** Model value → bound parameter, chosen once per column. */
export function paramConverter(dialect: DialectName, column: ColumnSpec): Convert {
  const convert = baseParamConverter(dialect, column);
  if (dialect !== 'mysql') return convert;
  // mysql2 splices the text of any object with a toSqlString() method into the statement
  // unescaped; only JSON columns may hold objects, and those are serialised above.
  return (value) => {
    const out = convert(value);
    if (out !== null && typeof out === 'object' && !(out instanceof Date) && !Buffer.isBuffer(out)) {
      throw new InvalidArgumentError(
        `Column ${column.name} (${column.type}) got an object (${Object.prototype.toString.call(out)}); ` +
          'only JSON columns hold objects: declare the column with @Column({ type: \'json\' }) or store a primitive.',
      );
    }
    return out;
  };
}

function baseParamConverter(dialect: DialectName, column: ColumnSpec): Convert {
  switch (column.type) {
    case 'json':
      return toJsonText;
    case 'boolean':
      return dialect === 'postgresql' ? identity : (v) => (v === null || v === undefined ? null : v ? 1 : 0);
    case 'timestamp':
      return dialect === 'sqlite' ? isoText() : dialect === 'mysql' ? mysqlDateTime() : identity;
    case 'date':
      return dateOnlyText;
    case 'bigint':
      return (v) => (v === undefined ? null : typeof v === 'bigint' ? v.toString() : v);
    case 'bytes':
      return toBuffer;
    default:
      return identity;
  }
}

/** Database value → model value, chosen once per column. */
export function resultConverter(dialect: DialectName, column: ColumnSpec): Convert {
  switch (column.type) {
    case 'json':
      return fromJson;
    case 'boolean':
      return toBoolean;
    case 'timestamp':
      return toDate;
    case 'date':
      return (v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v === undefined ? null : v);
    case 'integer':
    case 'smallint':
    case 'bigint':
    case 'double':
    case 'real':
    case 'decimal':
      return toNumber;
    case 'bytes':
      return toBuffer;
    default:
      return dialect === 'mysql' ? (v) => (Buffer.isBuffer(v) ? v.toString('utf8') : identity(v)) : identity;
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

/** Model value → one field of PostgreSQL COPY text data, chosen once per column. */
export function copyConverter(column: ColumnSpec): ToText {
  const nullable = (f: (v: unknown) => string): ToText => (v) => (v === null || v === undefined ? '\\N' : f(v));
  switch (column.type) {
    case 'json':
      return nullable((v) => copyEscape(JSON.stringify(v)));
    case 'boolean':
      return nullable((v) => (v ? 't' : 'f'));
    case 'timestamp': {
      const iso = new IsoFormatter();
      return nullable((v) => (v instanceof Date ? iso.format(v) : copyEscape(String(v))));
    }
    case 'date':
      return nullable((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : copyEscape(String(v))));
    case 'integer':
    case 'smallint':
    case 'bigint':
    case 'double':
    case 'real':
    case 'decimal':
      return nullable((v) => String(v));
    case 'bytes':
      return nullable((v) => `\\\\x${Buffer.from(v as Uint8Array).toString('hex')}`);
    default:
      return nullable((v) => copyEscape(String(v)));
  }
}
