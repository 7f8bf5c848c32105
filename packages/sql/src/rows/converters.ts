import { DialectName } from '../dialects/dialect';
import { ColumnSpec } from '../schema/table-spec';

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

function isoText(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  return value;
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
  switch (column.type) {
    case 'json':
      return toJsonText;
    case 'boolean':
      return dialect === 'postgresql' ? identity : (v) => (v === null || v === undefined ? null : v ? 1 : 0);
    case 'timestamp':
      return dialect === 'sqlite' ? isoText : identity;
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

/** Escapes text for PostgreSQL COPY text format. */
export function copyEscape(text: string): string {
  if (!/[\\\n\r\t]/.test(text)) return text;
  return text.replace(/[\\\n\r\t]/g, (c) => (c === '\\' ? '\\\\' : c === '\n' ? '\\n' : c === '\r' ? '\\r' : '\\t'));
}

/** Model value → one field of PostgreSQL COPY text data, chosen once per column. */
export function copyConverter(column: ColumnSpec): ToText {
  const nullable = (f: (v: unknown) => string): ToText => (v) => (v === null || v === undefined ? '\\N' : f(v));
  switch (column.type) {
    case 'json':
      return nullable((v) => copyEscape(JSON.stringify(v)));
    case 'boolean':
      return nullable((v) => (v ? 't' : 'f'));
    case 'timestamp':
      return nullable((v) => (v instanceof Date ? v.toISOString() : copyEscape(String(v))));
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
