import type { Session } from '../session/session';
import { QueryError } from '../errors';
import type { RowCodec } from './row-codec';
import { NOT_SENT } from '../values/value-checks';

/** Characters mysql2's escaping doubles (`\0 \b \t \n \r \x1a " ' \\`). */
const ESCAPED = /[\0\b\t\n\r\x1a"'\\]/g;

/**
 * Upper bound of the bytes one converted value takes in a statement as mysql2 writes it.
 * Short strings: 3 bytes per UTF-16 unit bounds both UTF-8 and escaping; long ones are
 * measured (UTF-8 length plus one byte per escaped character).
 */
function valueBytes(value: unknown): number {
  if (typeof value === 'string') {
    if (value.length < 4096) return value.length * 3 + 2;
    return Buffer.byteLength(value) + (value.match(ESCAPED)?.length ?? 0) + 2;
  }
  if (Buffer.isBuffer(value)) return value.length * 2 + 3;
  return 32;
}

/**
 * Splits converted rows into groups whose statement stays under the server's
 * `max_allowed_packet` (a larger statement makes the server drop the connection). A row
 * that cannot fit alone is refused with a QueryError naming the table, its largest
 * column and the limit, before the group is sent.
 */
export function packetGroups(codec: RowCodec, rows: unknown[][], indexes: readonly number[], maxPacket: number, sqlBytes: number): unknown[][][] {
  const budget = maxPacket - sqlBytes - 1024;
  const groups: unknown[][][] = [];
  let group: unknown[][] = [];
  let used = 0;
  for (const row of rows) {
    let size = 4;
    for (let c = 0; c < row.length; c++) size += valueBytes(row[c]) + 2;
    if (size > budget) {
      let widest = 0;
      let widestBytes = -1;
      for (let c = 0; c < row.length; c++) {
        const bytes = valueBytes(row[c]);
        if (bytes > widestBytes) {
          widest = c;
          widestBytes = bytes;
        }
      }
      const ctx = codec.contexts[indexes[widest]];
      const exact = typeof row[widest] === 'string' ? Buffer.byteLength(row[widest] as string) : widestBytes;
      throw new QueryError(
        `Table '${ctx.table}' column '${ctx.column.name}' (property '${ctx.column.property}') got a value of ${exact} bytes: ` +
          `its row does not fit in one statement under the server's max_allowed_packet of ${maxPacket} bytes. ` +
          "Nothing is written (the call's transaction rolls back); raise max_allowed_packet on the server or store smaller values.",
        NOT_SENT,
      );
    }
    if (used + size > budget && group.length > 0) {
      groups.push(group);
      group = [];
      used = 0;
    }
    group.push(row);
    used += size;
  }
  if (group.length > 0) groups.push(group);
  return groups;
}

/**
 * Runs a MySQL `… VALUES ?` statement for `rows`, split into as many statements as the
 * server's max_allowed_packet needs (a larger statement would make it drop the connection).
 */
export async function sendRowGroups(tx: Session, codec: RowCodec, sql: string, rows: unknown[][], indexes: readonly number[]): Promise<number> {
  const maxPacket = (tx.driver as { maxPacket?: number }).maxPacket;
  if (maxPacket === undefined) return tx.driver.execute(sql, [rows]);
  let count = 0;
  for (const group of packetGroups(codec, rows, indexes, maxPacket, Buffer.byteLength(sql))) count += await tx.driver.execute(sql, [group]);
  return count;
}
