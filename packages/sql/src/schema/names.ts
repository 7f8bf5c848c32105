import { createHash } from 'node:crypto';

/** Longest constraint or index name we generate: PostgreSQL keeps 63 bytes, MySQL 64 characters. */
const MAX_NAME_BYTES = 60;
/** PostgreSQL's limit (NAMEDATALEN - 1), the tightest of the dialects in bytes. */
const MAX_IDENTIFIER_BYTES = 63;

/**
 * A deterministic constraint or index name. Names too long for PostgreSQL or MySQL are
 * shortened to a prefix plus a hash so discovery reads back exactly what was generated.
 */
export function constraintName(prefix: string, table: string, columns: readonly string[]): string {
  const full = `${prefix}_${table}_${columns.join('_')}`;
  return fitName(full);
}

/**
 * `full` when it has at most `max` UTF-8 bytes, else its longest prefix of whole characters
 * that leaves room for `_` and 8 hex digits of its SHA-1 (at most `max` bytes in all).
 */
export function fitName(full: string, max = MAX_NAME_BYTES): string {
  if (Buffer.byteLength(full, 'utf8') <= max) return full;
  const hash = createHash('sha1').update(full).digest('hex').slice(0, 8);
  let head = '';
  let bytes = 0;
  // Whole code points only: a cut surrogate pair would reach the server as U+FFFD.
  for (const ch of full) {
    const size = Buffer.byteLength(ch, 'utf8');
    if (bytes + size > max - 9) break;
    head += ch;
    bytes += size;
  }
  return `${head}_${hash}`;
}

/**
 * The generated PostgreSQL enum type name `table_column`: kept as it is when it fits in 63
 * bytes (so existing types keep their names), else shortened like constraint names.
 */
export function enumTypeName(table: string, column: string): string {
  const full = `${table}_${column}`;
  return Buffer.byteLength(full, 'utf8') <= MAX_IDENTIFIER_BYTES ? full : fitName(full);
}
