import { ColumnSpec } from '../schema/table-spec';
import { QueryError } from '../errors';

/**
 * PostgreSQL `COPY … (FORMAT binary)` encoding. Binary COPY spares both sides the text
 * round trip of numbers and timestamps (about 1.6× faster than text COPY here). It is used
 * only when every column has a binary encoder below and the first batch holds the JS types
 * the columns declare; otherwise the caller uses text COPY, which lets the server parse
 * whatever the values are.
 */

const PG_EPOCH_MS = Date.UTC(2000, 0, 1);
const SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');

/** Appends to a growing buffer; `take()` hands the bytes written so far to the stream. */
class Writer {
  buf = Buffer.allocUnsafe(256 * 1024);
  pos = 0;

  ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + n));
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
  }

  int16(v: number): void {
    this.ensure(2);
    this.pos = this.buf.writeInt16BE(v, this.pos);
  }

  int32(v: number): void {
    this.ensure(4);
    this.pos = this.buf.writeInt32BE(v, this.pos);
  }

  /** A length-prefixed UTF-8 field. */
  text(s: string): void {
    this.ensure(4 + s.length * 3);
    const start = this.pos + 4;
    const n = this.buf.write(s, start, 'utf8');
    this.buf.writeInt32BE(n, this.pos);
    this.pos = start + n;
  }

  take(): Buffer {
    const out = Buffer.from(this.buf.subarray(0, this.pos));
    this.pos = 0;
    return out;
  }
}

/** Writes one non-null field (length and bytes). */
type Encode = (w: Writer, value: unknown, column: ColumnSpec) => void;

function invalid(column: ColumnSpec, value: unknown, what: string): never {
  const shown = typeof value === 'string' ? JSON.stringify(value.slice(0, 80)) : String(value);
  throw new QueryError(`Query failed: column '${column.name}' (${column.type}) cannot take ${shown}: ${what}.`, 'COPY … (FORMAT binary)');
}

const INTEGER_TEXT = /^\s*[+-]?\d+\s*$/;

function integerOf(value: unknown, column: ColumnSpec, min: number, max: number): number {
  let n: number;
  if (typeof value === 'number') n = value;
  else if (typeof value === 'bigint') n = Number(value);
  else if (typeof value === 'string' && INTEGER_TEXT.test(value)) n = Number(value);
  else return invalid(column, value, 'not an integer');
  if (!Number.isInteger(n) || n < min || n > max) invalid(column, value, `not an integer between ${min} and ${max}`);
  return n;
}

function doubleOf(value: unknown, column: ColumnSpec): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'string' && value.trim() !== '') {
    const n = Number(value);
    if (!Number.isNaN(n) || /^\s*nan\s*$/i.test(value)) return n;
  }
  return invalid(column, value, 'not a number');
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

const ENCODERS: Partial<Record<ColumnSpec['type'], Encode>> = {
  integer: (w, v, c) => {
    const n = integerOf(v, c, -2147483648, 2147483647);
    w.ensure(8);
    w.pos = w.buf.writeInt32BE(4, w.pos);
    w.pos = w.buf.writeInt32BE(n, w.pos);
  },
  smallint: (w, v, c) => {
    const n = integerOf(v, c, -32768, 32767);
    w.ensure(6);
    w.pos = w.buf.writeInt32BE(2, w.pos);
    w.pos = w.buf.writeInt16BE(n, w.pos);
  },
  bigint: (w, v, c) => {
    let n: bigint;
    if (typeof v === 'bigint') n = v;
    else if (typeof v === 'string' && INTEGER_TEXT.test(v)) n = BigInt(v.trim());
    else if (typeof v === 'number' && Number.isSafeInteger(v)) n = BigInt(v);
    else return invalid(c, v, 'not an integer');
    if (n < INT64_MIN || n > INT64_MAX) invalid(c, v, 'out of the bigint range');
    w.ensure(12);
    w.pos = w.buf.writeInt32BE(8, w.pos);
    w.pos = w.buf.writeBigInt64BE(n, w.pos);
  },
  double: (w, v, c) => {
    const n = doubleOf(v, c);
    w.ensure(12);
    w.pos = w.buf.writeInt32BE(8, w.pos);
    w.pos = w.buf.writeDoubleBE(n, w.pos);
  },
  real: (w, v, c) => {
    const n = doubleOf(v, c);
    if (Number.isFinite(n) && Math.abs(n) > 3.4028234663852886e38) invalid(c, v, 'out of the real range');
    w.ensure(8);
    w.pos = w.buf.writeInt32BE(4, w.pos);
    w.pos = w.buf.writeFloatBE(n, w.pos);
  },
  boolean: (w, v) => {
    // The same truthiness as the text converter ('t' / 'f').
    w.ensure(5);
    w.pos = w.buf.writeInt32BE(1, w.pos);
    w.buf[w.pos++] = v ? 1 : 0;
  },
  timestamp: (w, v, c) => {
    if (!(v instanceof Date)) return invalid(c, v, 'pass a Date');
    const ms = v.getTime();
    if (Number.isNaN(ms)) invalid(c, v, 'an invalid Date');
    w.ensure(12);
    w.pos = w.buf.writeInt32BE(8, w.pos);
    w.pos = w.buf.writeBigInt64BE(BigInt(ms - PG_EPOCH_MS) * 1000n, w.pos);
  },
  text: (w, v) => w.text(typeof v === 'string' ? v : String(v)),
  varchar: (w, v) => w.text(typeof v === 'string' ? v : String(v)),
  // enum_recv takes the label's text.
  enum: (w, v) => w.text(typeof v === 'string' ? v : String(v)),
};

/** Does `value` have the JS type binary COPY expects for `column` without any coercion? */
function native(column: ColumnSpec, value: unknown): boolean {
  if (value === null || value === undefined) return true;
  switch (column.type) {
    case 'integer':
    case 'smallint':
    case 'double':
    case 'real':
      return typeof value === 'number';
    case 'bigint':
      return typeof value === 'number' || typeof value === 'bigint';
    case 'boolean':
      return typeof value === 'boolean';
    case 'timestamp':
      return value instanceof Date;
    default:
      return typeof value === 'string';
  }
}

export class BinaryCopy {
  private constructor(
    private readonly columns: readonly ColumnSpec[],
    private readonly properties: readonly string[],
    private readonly encoders: readonly Encode[],
  ) {}

  /** An encoder for these columns, or undefined when one of them has no binary encoding here. */
  static for(columns: readonly ColumnSpec[]): BinaryCopy | undefined {
    const encoders: Encode[] = [];
    for (const c of columns) {
      const e = ENCODERS[c.type];
      if (!e) return undefined;
      encoders.push(e);
    }
    return new BinaryCopy(columns, columns.map((c) => c.property), encoders);
  }

  /** True when every value of `batch` already has its column's JS type (then binary COPY is safe to choose). */
  fits(batch: readonly object[]): boolean {
    for (const obj of batch) {
      const record = obj as Record<string, unknown>;
      for (let i = 0; i < this.columns.length; i++) {
        if (!native(this.columns[i], record[this.properties[i]])) return false;
      }
    }
    return true;
  }

  private readonly writer = new Writer();

  /** The header; call before the first batch. */
  header(): void {
    const w = this.writer;
    w.ensure(19);
    SIGNATURE.copy(w.buf, w.pos);
    w.pos += SIGNATURE.length;
    w.int32(0); // flags
    w.int32(0); // header extension length
  }

  /** Encodes `batch` and returns the bytes written since the last call. */
  batch(batch: readonly object[]): Buffer {
    const w = this.writer;
    const width = this.columns.length;
    for (const obj of batch) {
      const record = obj as Record<string, unknown>;
      w.int16(width);
      for (let i = 0; i < width; i++) {
        const v = record[this.properties[i]];
        if (v === null || v === undefined) w.int32(-1);
        else this.encoders[i](w, v, this.columns[i]);
      }
    }
    return w.take();
  }

  /** The trailer; returns the remaining bytes. */
  trailer(): Buffer {
    this.writer.int16(-1);
    return this.writer.take();
  }
}
