import type Database from 'better-sqlite3';
import { loadBetterSqlite3 } from '../../session/driver-packages';
import { InvalidArgumentError } from '@diffsync/core';
import type { Driver, Row } from '../../session/driver';
import { queryError, SqlConnectionError } from '../../errors';
import { SqliteDialect } from './sqlite-dialect';

type Statement = Database.Statement<unknown[], unknown>;

/**
 * better-sqlite3 binds numbers, strings, bigints, Buffers and null only; it would spread an
 * array over several parameters and take an object as named parameters, moving values into
 * other columns and rows, so those are refused.
 */
function bindable(value: unknown): unknown {
  if (value === undefined) return null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value instanceof Date) return value.toISOString();
  if (value !== null && typeof value === 'object' && !(value instanceof Uint8Array)) {
    throw new InvalidArgumentError(
      `SQLite parameters are numbers, strings, bigints, booleans, Dates, Buffers or null; got ${Array.isArray(value) ? 'an array' : 'an object'} (pass JSON text for a JSON column).`,
    );
  }
  return value;
}

/** The driver's message, with what it usually means. */
function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  switch ((error as { code?: string }).code) {
    case 'SQLITE_NOTADB':
      return `${message} (the file exists but is not a SQLite database, or is encrypted).`;
    case 'SQLITE_CANTOPEN':
      return `${message} (a directory, a folder that does not exist or cannot be written, or read-only media?).`;
    case 'SQLITE_READONLY':
      return `${message} (the file, its folder or the medium is read-only).`;
    default:
      return message;
  }
}

const isBusy = (error: unknown) => /^SQLITE_(BUSY|LOCKED)/.test((error as { code?: string }).code ?? '');

/**
 * Writes the header's user_version back unchanged inside a transaction that is rolled
 * back: the rollback journal must be created and page 1 made writable, which fails on
 * read-only files, folders and media (a write lock alone does not). A database another
 * connection is writing right now (SQLITE_BUSY, no wait) counts as writable.
 */
function probeWrite(db: Database.Database): void {
  try {
    db.exec('BEGIN IMMEDIATE');
  } catch (error) {
    if (isBusy(error)) return;
    throw error;
  }
  try {
    const version = Number(db.pragma('user_version', { simple: true }));
    db.pragma(`user_version = ${version}`);
  } finally {
    if (db.inTransaction) db.exec('ROLLBACK');
  }
}

export class SqliteDriver implements Driver {
  readonly dialect = new SqliteDialect();
  readonly defaultNamespace = 'main';
  private readonly statements = new Map<string, Statement>();

  private constructor(readonly db: Database.Database) {}

  /**
   * Opens `filename` and proves it is a SQLite database this process can write: the header
   * is read (`PRAGMA schema_version`) and a write lock taken and released
   * (`BEGIN IMMEDIATE; ROLLBACK`), so a directory, a missing folder, a file that is not a
   * database or read-only media fail here with `SqlConnectionError` naming the file, not at
   * the first query.
   */
  static open(filename: string): SqliteDriver {
    const SqliteDatabase = loadBetterSqlite3();
    let db: Database.Database;
    try {
      // No busy wait while probing: a database another connection is writing is fine (see probeWrite).
      db = new SqliteDatabase(filename, { timeout: 0 });
    } catch (error) {
      throw new SqlConnectionError(`Cannot open SQLite database '${filename}': ${describe(error)}`, { cause: error });
    }
    try {
      try {
        db.pragma('schema_version', { simple: true }); // reads the header: SQLITE_NOTADB for other files
      } catch (error) {
        if (!isBusy(error)) throw error;
      }
      probeWrite(db);
      db.pragma('foreign_keys = ON');
      db.pragma('busy_timeout = 5000');
      return new SqliteDriver(db);
    } catch (error) {
      db.close();
      throw new SqlConnectionError(`Cannot use SQLite database '${filename}': ${describe(error)}`, { cause: error });
    }
  }

  private prepare(sql: string): Statement {
    let stmt = this.statements.get(sql);
    if (!stmt) {
      stmt = this.db.prepare(sql);
      if (this.statements.size > 200) this.statements.clear();
      this.statements.set(sql, stmt);
    }
    return stmt;
  }

  async execute(sql: string, params?: readonly unknown[]): Promise<number> {
    return this.executeSync(sql, params);
  }

  executeSync(sql: string, params?: readonly unknown[]): number {
    try {
      if (!params || params.length === 0) {
        const stmt = this.prepare(sql);
        if (stmt.reader) {
          stmt.all();
          return 0;
        }
        return stmt.run().changes;
      }
      return this.prepare(sql).run(...params.map(bindable)).changes;
    } catch (error) {
      throw queryError(error, sql);
    }
  }

  async query<T extends object = Row>(sql: string, params?: readonly unknown[]): Promise<T[]> {
    return this.querySync<T>(sql, params);
  }

  querySync<T extends object = Row>(sql: string, params?: readonly unknown[]): T[] {
    try {
      const stmt = this.prepare(sql);
      if (!stmt.reader) {
        stmt.run(...(params ?? []).map(bindable));
        return [];
      }
      return stmt.all(...(params ?? []).map(bindable)) as T[];
    } catch (error) {
      throw queryError(error, sql);
    }
  }

  async *stream(sql: string, params?: readonly unknown[]): AsyncIterable<Row> {
    let iterator: IterableIterator<unknown>;
    try {
      iterator = this.db.prepare(sql).iterate(...(params ?? []).map(bindable));
    } catch (error) {
      throw queryError(error, sql);
    }
    for (const row of iterator) yield row as Row;
  }

  /** Runs several statements separated by `;` (DDL scripts). */
  exec(sql: string): void {
    try {
      this.db.exec(sql);
    } catch (error) {
      throw queryError(error, sql);
    }
  }

  async close(): Promise<void> {
    this.statements.clear();
    this.db.close();
  }
}
