import type { DialectName, SqlDialect } from '../schema/dialect';
import { SqlConnectionError } from '../errors';
import type { Driver, Row } from './driver';
import { Lock } from './lock';

/** Called with the driver whose schema a statement may have changed (CREATE, ALTER, DROP, RENAME). */
export type SchemaChangeListener = (driver: Driver) => void;

const schemaChangeListeners = new Set<SchemaChangeListener>();

/**
 * Registers `listener` for every schema-changing statement that runs through a session:
 * modules that cache what they read from the catalog (the tuple column types) forget it
 * there, so the session itself does not depend on them.
 */
export function onSchemaChange(listener: SchemaChangeListener): void {
  schemaChangeListeners.add(listener);
}

/** Tells the listeners that `driver`'s schema may have changed. */
export function schemaChanged(driver: Driver): void {
  for (const listener of schemaChangeListeners) listener(driver);
}

const DDL = /^\s*(create|alter|drop|rename)\b/i;

/**
 * The statement session that the row, schema, tuple, table-diff and adapter modules run on:
 * the dialect, the driver, one statement at a time (a FIFO lock), and transactions with
 * savepoints. The public `Connection` is a facade over one of these.
 */
export class Session {
  /** `'postgresql' | 'mysql' | 'sqlite'`. */
  readonly dialect: DialectName;
  /** Quoting, types and DDL of this database. */
  readonly sqlDialect: SqlDialect;
  /** Schema (PostgreSQL), database (MySQL) or `main` (SQLite) that unqualified tables live in. */
  readonly defaultNamespace: string;
  private closed = false;

  constructor(
    readonly driver: Driver,
    private readonly lock: Lock = new Lock(),
    private readonly depth = 0,
  ) {
    this.dialect = driver.dialect.name;
    this.sqlDialect = driver.dialect;
    this.defaultNamespace = driver.defaultNamespace;
  }

  /** True inside `transaction(fn)`. */
  get inTransaction(): boolean {
    return this.depth > 0;
  }

  /** Runs `fn` alone on the session (directly when already inside a transaction). */
  exclusive<T>(fn: () => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new SqlConnectionError('The connection is closed (or the transaction it belonged to has ended).'));
    return this.depth > 0 ? fn() : this.lock.run(fn);
  }

  /** Runs a statement; resolves to the number of affected rows. */
  execute(sql: string, params?: readonly unknown[]): Promise<number> {
    if (DDL.test(sql)) schemaChanged(this.driver);
    return this.exclusive(() => this.driver.execute(sql, params));
  }

  /** Runs a query; resolves to its rows as plain objects. */
  query<T extends object = Row>(sql: string, params?: readonly unknown[]): Promise<T[]> {
    return this.exclusive(() => this.driver.query<T>(sql, params));
  }

  /**
   * Runs `fn` in a transaction (a savepoint when nested): committed when it resolves,
   * rolled back when it throws. `fn` gets the session bound to the transaction, which is
   * closed when the transaction ends.
   */
  transaction<T>(fn: (tx: Session) => Promise<T>): Promise<T> {
    return this.exclusive(async () => {
      const savepoint = this.depth > 0 ? `diffsync_sp_${this.depth}` : undefined;
      const begin = savepoint ? `SAVEPOINT ${savepoint}` : this.dialect === 'mysql' ? 'START TRANSACTION' : 'BEGIN';
      await this.driver.execute(begin);
      const tx = new Session(this.driver, this.lock, this.depth + 1);
      try {
        const result = await fn(tx);
        await this.driver.execute(savepoint ? `RELEASE SAVEPOINT ${savepoint}` : 'COMMIT');
        return result;
      } catch (error) {
        try {
          await this.driver.execute(savepoint ? `ROLLBACK TO SAVEPOINT ${savepoint}` : 'ROLLBACK');
        } catch {
          // the original error matters more
        }
        throw error;
      } finally {
        tx.closed = true;
      }
    });
  }

  /** Closes the driver. Only the outermost session closes it. */
  async close(): Promise<void> {
    if (this.closed || this.depth > 0) return;
    await this.lock.run(async () => {
      this.closed = true;
      await this.driver.close();
    });
  }
}
