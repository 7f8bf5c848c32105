import type { DialectName, SqlDialect } from '../schema/dialect';
import type { Driver, Row } from '../session/driver';
import { Session } from '../session/session';
import type { ConnectOptions } from './open';
import { openDriver } from './open';
import type { DiffSyncModel, ModelClass } from '@diffsync/core';
import type { RowObject, RowSource } from '../rows/batches';
import type { Catalog, DiscoverOptions } from '../schema/catalog';
import type { PlanOptions, SchemaPlan } from '../schema/schema-plan';
import { discover, planSchema, syncSchema } from '../schema-sync/schema-sync';
import { checkTableNames } from '../schema/name-limits';
import { tableSpecOf } from '../schema/table-spec';
import type { CatalogModelOptions, CatalogModels } from '../catalog-models/models-from-catalog';
import { modelsFromCatalog } from '../catalog-models/models-from-catalog';
import type { SelectOptions, UpsertOptions } from '../rows/row-ops';
import { deleteRows, insertRows, selectRows, streamRows, upsertRows } from '../rows/row-ops';
import type { TupleKeysOptions, TupleRowsOptions } from '../tuples/tuple-ops';
import { deleteTuples, insertTuples, upsertTuples } from '../tuples/tuple-ops';
import { invalidateTupleCatalog } from '../tuples/tuple-model';

/**
 * One database session. Operations run one at a time; `transaction(fn)` hands `fn` a
 * connection bound to the transaction (nested calls use savepoints).
 */
export class Connection {
  /** `'postgresql' | 'mysql' | 'sqlite'`. */
  readonly dialect: DialectName;
  /** Quoting, types and DDL of this database. */
  readonly sqlDialect: SqlDialect;
  /** Schema (PostgreSQL), database (MySQL) or `main` (SQLite) that unqualified tables live in. */
  readonly defaultNamespace: string;

  /** @internal The statement session the row, schema, tuple and table-diff modules run on. */
  readonly session: Session;

  /** @internal use `connect(url)`. */
  constructor(session: Session) {
    this.session = session;
    this.dialect = session.dialect;
    this.sqlDialect = session.sqlDialect;
    this.defaultNamespace = session.defaultNamespace;
  }

  /** @internal */
  get driver(): Driver {
    return this.session.driver;
  }

  /** True inside `transaction(fn)`. */
  get inTransaction(): boolean {
    return this.session.inTransaction;
  }

  /** Runs `fn` alone on the connection (directly when already inside a transaction). */
  /** @internal */ exclusive<T>(fn: () => Promise<T>): Promise<T> {
    return this.session.exclusive(fn);
  }

  /** Runs a statement; resolves to the number of affected rows. */
  execute(sql: string, params?: readonly unknown[]): Promise<number> {
    return this.session.execute(sql, params);
  }

  /** Runs a query; resolves to its rows as plain objects. */
  query<T extends object = Row>(sql: string, params?: readonly unknown[]): Promise<T[]> {
    return this.session.query<T>(sql, params);
  }

  /**
   * Runs `fn` in a transaction: committed when it resolves, rolled back when it throws.
   * Use the connection passed to `fn` inside it (the outer one waits until the end).
   */
  transaction<T>(fn: (tx: Connection) => Promise<T>): Promise<T> {
    return this.session.transaction((tx) => fn(new Connection(tx)));
  }

  /**
   * Inserts `objects` (models or plain objects; array, iterable or async iterable) into
   * `model`'s table, in batches inside one transaction: COPY on PostgreSQL, multi-row
   * INSERT elsewhere. Resolves to the number of rows inserted.
   */
  insert(model: ModelClass, objects: RowSource<RowObject>): Promise<number> {
    return this.checkedNames(model, () => insertRows(this.session, model, objects));
  }

  /** Inserts or updates by primary key; with `columns`, only those columns (and the keys) are written. */
  upsert(model: ModelClass, objects: RowSource<RowObject>, options?: UpsertOptions): Promise<number> {
    return this.checkedNames(model, () => upsertRows(this.session, model, objects, options));
  }

  /** Deletes by primary key (`keys` are identifier objects or models), many keys per statement. */
  delete(model: ModelClass, keys: RowSource<RowObject>): Promise<number> {
    return this.checkedNames(model, () => deleteRows(this.session, model, keys));
  }

  /**
   * Inserts rows given as arrays (`{ columns, rows, types? }`) into an existing table
   * (`'table'` or `'namespace.table'`), on the same paths as `insert`. Column types come
   * from the catalog (read once per connection) unless `types` gives them.
   */
  insertRows(table: string, options: TupleRowsOptions): Promise<number> {
    return insertTuples(this.session, table, options);
  }

  /** Inserts or updates rows given as arrays, by the table's primary key (which `columns` must include). */
  upsertRows(table: string, options: TupleRowsOptions): Promise<number> {
    return upsertTuples(this.session, table, options);
  }

  /** Deletes the rows whose `columns` (usually the primary key) equal one of `rows`. */
  deleteRows(table: string, options: TupleKeysOptions): Promise<number> {
    return deleteTuples(this.session, table, options);
  }

  /** Reads `model`'s rows as model instances, ordered by primary key. */
  select<M extends DiffSyncModel>(model: ModelClass<M>, options?: SelectOptions): Promise<M[]> {
    return this.checkedNames(model, () => selectRows(this.session, model, options));
  }

  /** Like `select`, as an async iterable. Run nothing else on this connection while iterating. */
  selectStream<M extends DiffSyncModel>(model: ModelClass<M>, options?: SelectOptions): AsyncIterable<M> {
    const check = () => checkTableNames(this.dialect, tableSpecOf(model));
    const rows = () => streamRows(this.session, model, options);
    return {
      [Symbol.asyncIterator]() {
        check();
        return rows()[Symbol.asyncIterator]();
      },
    };
  }

  /**
   * Runs a row operation once `model`'s table, column and key names fit the dialect: a
   * name PostgreSQL would cut (or MySQL refuse) is a `SchemaError` before anything is sent.
   */
  private checkedNames<T>(model: ModelClass, run: () => Promise<T>): Promise<T> {
    try {
      checkTableNames(this.dialect, tableSpecOf(model));
    } catch (error) {
      return Promise.reject(error);
    }
    return run();
  }

  /** Reads the live schema: tables, columns, keys, foreign keys, CHECKs, indexes, enum types. */
  discover(options?: DiscoverOptions): Promise<Catalog> {
    return discover(this.session, options);
  }

  /** Model classes built from the live catalog (see `modelsFromCatalog`). */
  async models(options: CatalogModelOptions = {}): Promise<CatalogModels> {
    const catalog = await discover(this.session, options.namespace !== undefined ? { namespace: options.namespace } : undefined);
    return modelsFromCatalog(catalog, options);
  }

  /** The DDL that brings the database to `models`' schema; empty when it is in sync. Nothing runs. */
  planSchema(models: readonly ModelClass[], options?: PlanOptions): Promise<SchemaPlan> {
    return planSchema(this.session, models, options);
  }

  /** Plans and applies the schema change (one transaction on PostgreSQL and SQLite); resolves to the plan. */
  syncSchema(models: readonly ModelClass[], options?: PlanOptions): Promise<SchemaPlan> {
    invalidateTupleCatalog(this.session);
    return syncSchema(this.session, models, options).finally(() => invalidateTupleCatalog(this.session));
  }

  /** Closes the session. Only the outermost connection closes it. */
  close(): Promise<void> {
    return this.session.close();
  }
}

/**
 * Opens a connection: `postgresql://user@host:5432/db[?schema=name]`, `mysql://user@host:3306/db`,
 * `sqlite:file.db` or `sqlite::memory:`. Failures throw `SqlConnectionError` (never showing the password),
 * for a server within `options.connectTimeout` ms (default 10000); a SQLite file is checked
 * to be a database this process can write.
 *
 * @param url - The database URL (the password never appears in messages).
 * @param options - Connect timeout and session options.
 * @throws {@link SqlConnectionError} when the URL is malformed, the dialect's driver is not
 * installed, or the server cannot be reached or refuses the login.
 *
 * @example
 * ```ts
 * const db = await connect('sqlite:inventory.db');
 * await db.syncSchema([Site, Device]);
 * await db.upsert(Device, [new Device({ site: 'ams', name: 'rtr1', role: 'router' })]);
 * const devices = await db.select(Device, { where: { site: 'ams' } });
 * await db.close();
 * ```
 */
export async function connect(url: string, options?: ConnectOptions): Promise<Connection> {
  const driver = await openDriver(url, options);
  return new Connection(new Session(driver));
}
