import type { Driver } from '../session/driver';
import { parseConnectionUrl, redactUrl } from '../session/url';
import { PgDriver } from '../dialects/postgresql/pg-driver';
import { MysqlDriver } from '../dialects/mysql/mysql-driver';
import { SqliteDriver } from '../dialects/sqlite/sqlite-driver';
import { SqlConnectionError } from '../errors';

/** Options of {@link connect}. */
export interface ConnectOptions {
  /**
   * Milliseconds that reaching a PostgreSQL or MySQL server and setting up the session may
   * take before `connect` fails with `SqlConnectionError` (default 10000). SQLite opens
   * files synchronously and ignores it.
   */
  connectTimeout?: number;
}

export const DEFAULT_CONNECT_TIMEOUT = 10_000;

/** Opens the driver a URL names. */
export async function openDriver(url: string, options: ConnectOptions = {}): Promise<Driver> {
  const parsed = parseConnectionUrl(url);
  const timeout = options.connectTimeout ?? DEFAULT_CONNECT_TIMEOUT;
  if (!(Number.isFinite(timeout) && timeout > 0)) {
    throw new SqlConnectionError(`connect(): connectTimeout must be a positive number of milliseconds (got ${String(timeout)}).`);
  }
  switch (parsed.dialect) {
    case 'postgresql':
      return withDeadline(PgDriver.open(parsed.url, parsed.schema, timeout), timeout, parsed.url, 'PostgreSQL');
    case 'mysql':
      return withDeadline(MysqlDriver.open(parsed.url, timeout), timeout, parsed.url, 'MySQL');
    case 'sqlite':
      return SqliteDriver.open(parsed.filename as string);
  }
}

/**
 * The drivers' own timeouts cover the TCP connection and the handshake; this bounds the
 * whole open (session set-up included). A driver that opens after the deadline is closed.
 */
function withDeadline(opening: Promise<Driver>, ms: number, url: string, what: string): Promise<Driver> {
  return new Promise<Driver>((resolve, reject) => {
    let late = false;
    const timer = setTimeout(() => {
      late = true;
      reject(new SqlConnectionError(`Timed out after ${ms} ms connecting to ${what} at ${redactUrl(url)} (connectTimeout); is the server up and reachable?`));
    }, ms);
    opening.then(
      (driver) => {
        clearTimeout(timer);
        if (late) driver.close().catch(() => undefined);
        else resolve(driver);
      },
      (error: unknown) => {
        clearTimeout(timer);
        if (!late) reject(error);
      },
    );
  });
}
