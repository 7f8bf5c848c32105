import { SqlConnectionError } from '../errors';
import type { DialectName } from '../schema/dialect';

export interface ParsedUrl {
  dialect: DialectName;
  /** For PostgreSQL and MySQL: the URL without our own parameters. */
  url: string;
  /** PostgreSQL `?schema=`: the default schema (search_path). */
  schema?: string;
  /** SQLite file name (`:memory:` for an in-memory database). */
  filename?: string;
}

/** The URL with its password replaced by `***`: safe for messages and logs. */
export function redactUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/?#@]*:)([^@/?#]*)@/i, '$1***@');
}

export function parseConnectionUrl(url: string): ParsedUrl {
  if (typeof url !== 'string' || url.length === 0) {
    throw new SqlConnectionError("connect() needs a URL: 'postgresql://…', 'mysql://…', 'sqlite:file.db' or 'sqlite::memory:'.");
  }
  const lower = url.toLowerCase();
  if (lower.startsWith('sqlite:')) {
    let filename = url.slice('sqlite:'.length);
    if (filename.startsWith('//')) filename = filename.slice(2);
    if (filename.length === 0) throw new SqlConnectionError(`SQLite URL '${url}' names no file; use 'sqlite:file.db' or 'sqlite::memory:'.`);
    return { dialect: 'sqlite', url, filename };
  }
  let dialect: DialectName;
  if (lower.startsWith('postgresql://') || lower.startsWith('postgres://')) dialect = 'postgresql';
  else if (lower.startsWith('mysql://') || lower.startsWith('mariadb://')) dialect = 'mysql';
  else {
    throw new SqlConnectionError(
      `Unsupported connection URL '${redactUrl(url)}': use 'postgresql://user@host:5432/db', 'mysql://user@host:3306/db', 'sqlite:file.db' or 'sqlite::memory:'.`,
    );
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new SqlConnectionError(`Malformed connection URL '${redactUrl(url)}'.`);
  }
  let schema: string | undefined;
  if (dialect === 'postgresql') {
    schema = parsed.searchParams.get('schema') ?? undefined;
    parsed.searchParams.delete('schema');
    if (schema !== undefined && Buffer.byteLength(schema, 'utf8') > 63) {
      throw new SqlConnectionError(
        `The ?schema= of '${redactUrl(url)}' is ${Buffer.byteLength(schema, 'utf8')} bytes long; PostgreSQL keeps at most 63 bytes (UTF-8) of a name.`,
      );
    }
  }
  if (dialect === 'mysql') parsed.protocol = 'mysql:';
  return { dialect, url: parsed.toString(), schema };
}
