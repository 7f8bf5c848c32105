import { createHash } from 'node:crypto';

/** Longest identifier we generate: PostgreSQL keeps 63 bytes, MySQL 64 characters. */
const MAX_NAME_BYTES = 60;

/**
 * A deterministic constraint or index name. Names too long for PostgreSQL or MySQL are
 * shortened to a prefix plus a hash so discovery reads back exactly what was generated.
 */
export function constraintName(prefix: string, table: string, columns: readonly string[]): string {
  const full = `${prefix}_${table}_${columns.join('_')}`;
  return fitName(full);
}

export function fitName(full: string): string {
  if (Buffer.byteLength(full, 'utf8') <= MAX_NAME_BYTES) return full;
  const hash = createHash('sha1').update(full).digest('hex').slice(0, 8);
  let head = full;
  while (Buffer.byteLength(head, 'utf8') > MAX_NAME_BYTES - 9) head = head.slice(0, -1);
  return `${head}_${hash}`;
}
