import type * as Pg from 'pg';
import type PgCursor from 'pg-cursor';
import type * as PgCopyStreams from 'pg-copy-streams';
import type * as Mysql2Promise from 'mysql2/promise';
import type BetterSqlite3 from 'better-sqlite3';
import { SqlConnectionError } from '../errors';

/**
 * The database drivers are optional peer dependencies of @diffsync/sql: a user installs the
 * ones of the dialects they connect to. Each is loaded the first time a connection of its
 * dialect opens, so importing @diffsync/sql never needs a driver, and a missing one fails
 * with a message naming what to install.
 */
const DIALECT_PACKAGES = {
  PostgreSQL: ['pg', 'pg-copy-streams'],
  MySQL: ['mysql2'],
  SQLite: ['better-sqlite3'],
} as const;

export type DriverDialect = keyof typeof DIALECT_PACKAGES;

/**
 * The `SqlConnectionError` for a driver package that `require` could not find, or
 * `undefined` when `error` is something else (a module the driver itself needs, a driver
 * that fails while loading): those are rethrown as they are.
 */
export function missingDriverError(error: unknown, dialect: DriverDialect): SqlConnectionError | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  if (code !== 'MODULE_NOT_FOUND' && code !== 'ERR_MODULE_NOT_FOUND') return undefined;
  const missing = /Cannot find (?:module|package) '([^']+)'/.exec(String((error as Error).message))?.[1];
  const packages: readonly string[] = DIALECT_PACKAGES[dialect];
  const name = packages.find((p) => missing === p || missing?.startsWith(`${p}/`));
  if (name === undefined) return undefined;
  return new SqlConnectionError(
    `Connecting to ${dialect} needs the '${name}' package, an optional peer dependency of @diffsync/sql that is not installed: ` +
      `run \`npm install ${packages.join(' ')}\` in your project.`,
    { cause: error },
  );
}

const loaded = new Map<string, unknown>();

function load<T>(dialect: DriverDialect, id: string): T {
  if (loaded.has(id)) return loaded.get(id) as T;
  let module: T;
  try {
    module = require(id) as T;
  } catch (error) {
    throw missingDriverError(error, dialect) ?? error;
  }
  loaded.set(id, module);
  return module;
}

/** `pg` (needed by `pg-cursor` too). */
export const loadPg = (): typeof Pg => load<typeof Pg>('PostgreSQL', 'pg');
/** `pg-cursor`, a dependency of @diffsync/sql that needs `pg`. */
export const loadPgCursor = (): typeof PgCursor => load<typeof PgCursor>('PostgreSQL', 'pg-cursor');
export const loadPgCopyStreams = (): typeof PgCopyStreams => load<typeof PgCopyStreams>('PostgreSQL', 'pg-copy-streams');
export const loadMysql2 = (): typeof Mysql2Promise => load<typeof Mysql2Promise>('MySQL', 'mysql2/promise');
export const loadBetterSqlite3 = (): typeof BetterSqlite3 => load<typeof BetterSqlite3>('SQLite', 'better-sqlite3');
