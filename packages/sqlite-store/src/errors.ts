import { DiffSyncError, ObjectStoreException, StoreConflictError } from '@diffsync/core';

/** The SQLite file stayed locked by another connection for longer than `busyTimeoutMs`. */
export class SqliteStoreLockedError extends ObjectStoreException {
  /** Stable error code (`'SQLITE_STORE_LOCKED'`), for code that branches on the kind of failure. */
  override readonly code: string = 'SQLITE_STORE_LOCKED';
}

/** The file cannot be opened as a diffsync SQLite store (not a database, corrupt, unreadable, newer schema). */
export class SqliteStoreFileError extends ObjectStoreException {
  /** Stable error code (`'SQLITE_STORE_FILE'`), for code that branches on the kind of failure. */
  override readonly code: string = 'SQLITE_STORE_FILE';
}

/** A stored row could not be turned back into a model. */
export class SqliteStoreDecodeError extends ObjectStoreException {
  /** Stable error code (`'SQLITE_STORE_DECODE'`), for code that branches on the kind of failure. */
  override readonly code: string = 'SQLITE_STORE_DECODE';
}

/**
 * The error of a flush refused because another writer committed to `storeId` after this
 * store's base version `expected` (the file holds `found`).
 */
export function storeConflict(store: string, filename: string, storeId: string, expected: number, found: number): StoreConflictError {
  return new StoreConflictError(
    `${store} on '${filename}': another writer flushed storeId '${storeId}' after this store read it ` +
      `(this store read version ${expected}, the file is at version ${found}), so this flush would write over ` +
      `those changes. Nothing was written. Call discard() (or open a new SqliteStore on the storeId), ` +
      `load or diff again, and retry.`,
    { expected, actual: found },
  );
}

interface DriverError {
  code?: unknown;
  message?: unknown;
}

function driverCode(error: unknown): string {
  const code = (error as DriverError | null)?.code;
  return typeof code === 'string' ? code : '';
}

function driverMessage(error: unknown): string {
  const message = (error as DriverError | null)?.message;
  return typeof message === 'string' ? message : String(error);
}

/**
 * Turns a better-sqlite3 error into the store's error family, keeping the driver
 * error as `cause`. `what` says what the store was doing ("flush", "getAll device").
 */
export function translateSqliteError(error: unknown, filename: string, busyTimeoutMs: number, what: string): Error {
  if (error instanceof DiffSyncError) return error;
  const code = driverCode(error);
  const message = driverMessage(error);
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new SqliteStoreLockedError(
      `SQLite file '${filename}' is locked by another connection: ${what} gave up after waiting ${busyTimeoutMs} ms ` +
        `(${code}). Retry later, raise the store's busyTimeoutMs, or end the other process's write transaction.`,
      { cause: error },
    );
  }
  if (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT')) {
    return new SqliteStoreFileError(
      `'${filename}' is not a SQLite database or is corrupt (${code}: ${message}); ` + `point the store at another file or restore this one from a backup.`,
      { cause: error },
    );
  }
  if (code.startsWith('SQLITE_CANTOPEN') || code.startsWith('SQLITE_PERM') || code.startsWith('SQLITE_READONLY') || /Cannot open database/.test(message)) {
    return new SqliteStoreFileError(`Cannot open SQLite file '${filename}' for reading and writing: ${message}`, { cause: error });
  }
  return new ObjectStoreException(`SQLite store on '${filename}': ${what} failed: ${message}`, { cause: error });
}
