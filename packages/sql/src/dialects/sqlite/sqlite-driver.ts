import Database from 'better-sqlite3';
import { InvalidArgumentError } from '@diffsync/core';
import { Driver, Row } from '../../connection/driver';
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

export class SqliteDriver implements Driver {
  readonly dialect = new SqliteDialect();
  readonly defaultNamespace = 'main';
  private readonly statements = new Map<string, Statement>();

  private constructor(readonly db: Database.Database) {}

  static open(filename: string): SqliteDriver {
    try {
      const db = new Database(filename);
      db.pragma('foreign_keys = ON');
      db.pragma('busy_timeout = 5000');
      return new SqliteDriver(db);
    } catch (error) {
      throw new SqlConnectionError(`Cannot open SQLite database '${filename}': ${(error as Error).message}`, { cause: error });
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
