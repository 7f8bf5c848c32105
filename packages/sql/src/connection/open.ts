import { Driver } from './driver';
import { parseConnectionUrl } from './url';
import { PgDriver } from '../dialects/postgresql/pg-driver';
import { MysqlDriver } from '../dialects/mysql/mysql-driver';
import { SqliteDriver } from '../dialects/sqlite/sqlite-driver';

/** Opens the driver a URL names. */
export async function openDriver(url: string): Promise<Driver> {
  const parsed = parseConnectionUrl(url);
  switch (parsed.dialect) {
    case 'postgresql':
      return PgDriver.open(parsed.url, parsed.schema);
    case 'mysql':
      return MysqlDriver.open(parsed.url);
    case 'sqlite':
      return SqliteDriver.open(parsed.filename as string);
  }
}
