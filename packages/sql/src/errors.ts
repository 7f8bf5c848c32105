import type { DiffSyncErrorOptions } from '@diffsync/core';
import { DiffSyncError } from '@diffsync/core';

/** The database could not be reached, or the connection URL is wrong. Never contains the password. */
export class SqlConnectionError extends DiffSyncError {
  /** Stable error code (`'SQL_CONNECTION'`), for code that branches on the kind of failure. */
  override readonly code: string = 'SQL_CONNECTION';
}

/** A model cannot be mapped to a table, or a schema change was refused. */
export class SchemaError extends DiffSyncError {
  /** Stable error code (`'SQL_SCHEMA'`), for code that branches on the kind of failure. */
  override readonly code: string = 'SQL_SCHEMA';
}

/** The database refused a statement. `statement` is the SQL (truncated), `cause` the driver error. */
export class QueryError extends DiffSyncError {
  /** Stable error code (`'SQL_QUERY'`), for code that branches on the kind of failure. */
  override readonly code: string = 'SQL_QUERY';
  /** The SQL statement that failed (or a description of the operation when none was sent). */
  readonly statement: string;

  constructor(message: string, statement: string, options?: DiffSyncErrorOptions) {
    super(message, options);
    this.statement = statement;
  }
}

const MAX_STATEMENT = 300;

export function truncateStatement(sql: string): string {
  const flat = sql.replace(/\s+/g, ' ').trim();
  return flat.length <= MAX_STATEMENT ? flat : `${flat.slice(0, MAX_STATEMENT)}… (${flat.length} chars)`;
}

/** Wrap a driver error in a QueryError naming the statement; DiffSyncErrors pass through. */
export function queryError(error: unknown, sql: string): Error {
  if (error instanceof DiffSyncError) return error;
  const message = error instanceof Error ? error.message : String(error);
  const statement = truncateStatement(sql);
  return new QueryError(`Query failed: ${message}\n  statement: ${statement}`, statement, { cause: error });
}
