import type { Session } from '../session/session';
import { QueryError } from '../errors';
import type { RowObject, RowSource } from './batches';
import { batches } from './batches';
import { BinaryCopy } from './copy-binary';
import { packetGroups } from './mysql-packets';
import type { RowCodec } from './row-codec';
import { scalarText } from '../values/scalar-text';

/** Rows per COPY / LOAD DATA chunk. */
export const COPY_ROWS = 2000;

/**
 * Tab-separated lines of one batch: `fields[i]` turns column `indexes[i]`'s value into its
 * text (chosen once per column); used by text COPY and LOAD DATA.
 */
function tsvLines(
  codec: RowCodec,
  indexes: readonly number[],
  fields: ReadonlyArray<(value: unknown) => string>,
  rowLimit?: (start: number, text: string) => void,
): (batch: readonly RowObject[]) => string {
  const width = indexes.length;
  const properties = indexes.map((i) => codec.columns[i].property);
  return (batch) => {
    let text = '';
    for (const obj of batch) {
      const record = obj as Record<string, unknown>;
      const start = text.length;
      for (let i = 0; i < width; i++) {
        text += fields[i](record[properties[i]]);
        text += i === width - 1 ? '\n' : '\t';
      }
      if (rowLimit) rowLimit(start, text);
    }
    return text;
  };
}

/** Text COPY lines of one batch, with the per-column converters chosen once. */
function copyText(codec: RowCodec, indexes: readonly number[]): (batch: readonly RowObject[]) => string {
  return tsvLines(
    codec,
    indexes,
    indexes.map((i) => codec.copy[i]),
  );
}

/**
 * `COPY target (columns) FROM STDIN` fed in chunks of COPY_ROWS rows. Binary format when
 * every column has a binary encoding, text format otherwise; both check every value first.
 */
export async function copyRows(tx: Session, codec: RowCodec, target: string, source: RowSource<RowObject>, indexes: readonly number[]): Promise<number> {
  const driver = tx.driver;
  const copyIn = (driver.copyIn as NonNullable<typeof driver.copyIn>).bind(driver);
  const list = indexes.map((i) => codec.q(codec.columns[i].name)).join(', ');
  const iterator = batches(source, COPY_ROWS)[Symbol.asyncIterator]();
  const first = await iterator.next();
  const binary = first.done
    ? undefined
    : BinaryCopy.for(
        indexes.map((i) => codec.columns[i]),
        indexes.map((i) => codec.binaryChecks[i]),
      );
  const useBinary = binary !== undefined;
  const encode = useBinary ? (b: RowObject[]) => binary.batch(b) : copyText(codec, indexes);
  async function* chunks(): AsyncGenerator<string | Buffer> {
    try {
      if (first.done) return;
      if (useBinary) binary.header();
      yield encode(first.value);
      for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield encode(next.value);
      if (useBinary) yield binary.trailer();
    } finally {
      await iterator.return?.(undefined);
    }
  }
  return copyIn(`COPY ${target} (${list}) FROM STDIN${useBinary ? ' (FORMAT binary)' : ''}`, chunks());
}

/** Escapes text for LOAD DATA's default format (tab-separated fields, backslash escapes). */
function loadDataEscape(text: string): string {
  if (!/[\\\n\r\t\0]/.test(text)) return text;
  return text.replace(/[\\\n\r\t\0]/g, (c) => (c === '\\' ? '\\\\' : c === '\n' ? '\\n' : c === '\r' ? '\\r' : c === '\t' ? '\\t' : '\\0'));
}

/** LOAD DATA lines of one batch: the MySQL parameter converters, then text (`\\N` for NULL). */
function loadDataText(codec: RowCodec, indexes: readonly number[], maxPacket: number | undefined): (batch: readonly RowObject[]) => string {
  const fields = indexes.map((i) => {
    const convert = codec.params[i];
    return (value: unknown): string => {
      const v = convert(value);
      if (v === null || v === undefined) return '\\N';
      return loadDataEscape(scalarText(v));
    };
  });
  // The server would store a row larger than max_allowed_packet but could never send it back.
  const limit =
    maxPacket === undefined
      ? undefined
      : (start: number, text: string) => {
          if ((text.length - start) * 3 + 1024 < maxPacket) return;
          const line = text.slice(start, -1);
          if (Buffer.byteLength(line) + 1024 < maxPacket) return;
          const parts = line.split('\t');
          const row = parts.map((p) => (p === '\\N' ? null : p));
          packetGroups(codec, [row], indexes, maxPacket, 0);
        };
  return tsvLines(codec, indexes, fields, limit);
}

type LoadData = (sql: string, chunks: AsyncIterable<string | Buffer>) => Promise<{ rows: number; warnings: number } | undefined>;

/**
 * MySQL inserts through `LOAD DATA LOCAL INFILE`, streamed in chunks. With LOCAL the server
 * turns errors (duplicate keys, bad values) into warnings and skips or adjusts rows, so any
 * warning or a row count short of what was sent is an error here and the transaction rolls
 * back. Resolves to `undefined` (nothing read from `source`) when local infile is disabled
 * or a column holds bytes; the caller then uses multi-row INSERT.
 */
export async function loadRows(tx: Session, codec: RowCodec, source: RowSource<RowObject>, indexes: readonly number[]): Promise<number | undefined> {
  const driver = tx.driver as typeof tx.driver & { loadData?: LoadData };
  if (typeof driver.loadData !== 'function' || indexes.some((i) => codec.columns[i].type === 'bytes')) return undefined;
  const encode = loadDataText(codec, indexes, (driver as { maxPacket?: number }).maxPacket);
  // An array's first batch is encoded (and its values checked) before the statement is sent:
  // a refused value then costs no round trip, and mysql2 is not left with a failed file stream.
  const first = Array.isArray(source) && source.length > 0 ? encode(source.slice(0, COPY_ROWS)) : undefined;
  let sent = 0;
  async function* chunks(): AsyncGenerator<string> {
    let index = 0;
    for await (const batch of batches(source, COPY_ROWS)) {
      sent += batch.length;
      yield index++ === 0 && first !== undefined ? first : encode(batch);
    }
  }
  const list = indexes.map((i) => codec.q(codec.columns[i].name)).join(', ');
  const sql = `LOAD DATA LOCAL INFILE 'diffsync-rows' INTO TABLE ${codec.ref} CHARACTER SET utf8mb4 (${list})`;
  const result = await driver.loadData(sql, chunks());
  if (result === undefined) return undefined;
  if (result.rows !== sent || result.warnings > 0) {
    const warnings = await driver.query<{ Message?: string }>('SHOW WARNINGS LIMIT 3');
    const detail = warnings
      .map((w) => w.Message)
      .filter((m) => m !== undefined)
      .join('; ');
    throw new QueryError(`Query failed: LOAD DATA loaded ${result.rows} of ${sent} rows with ${result.warnings} warning(s)${detail ? `: ${detail}` : ''}`, sql);
  }
  return sent;
}
