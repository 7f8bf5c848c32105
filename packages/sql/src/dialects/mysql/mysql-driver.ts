import { createConnection, Connection as MysqlConnection, ResultSetHeader } from 'mysql2/promise';
import { Driver, Row } from '../../connection/driver';
import { queryError, SqlConnectionError } from '../../errors';
import { redactUrl } from '../../connection/url';
import { MysqlDialect } from './mysql-dialect';

export class MysqlDriver implements Driver {
  readonly dialect = new MysqlDialect();

  private constructor(
    private readonly conn: MysqlConnection,
    readonly defaultNamespace: string,
  ) {}

  static async open(url: string): Promise<MysqlDriver> {
    let conn: MysqlConnection;
    try {
      conn = await createConnection({
        uri: url,
        timezone: 'Z',
        supportBigNumbers: true,
        bigNumberStrings: false,
        charset: 'UTF8MB4_BIN',
        multipleStatements: false,
      });
    } catch (error) {
      throw new SqlConnectionError(`Cannot connect to MySQL at ${redactUrl(url)}: ${(error as Error).message}`, { cause: error });
    }
    conn.on('error', () => undefined);
    try {
      await conn.query("SET SESSION time_zone = '+00:00'");
      const [rows] = await conn.query('SELECT DATABASE() AS db');
      const db = (rows as Array<{ db: string | null }>)[0]?.db;
      if (!db) {
        throw new SqlConnectionError(`MySQL URL ${redactUrl(url)} names no database: add '/<database>' to the URL.`);
      }
      return new MysqlDriver(conn, db);
    } catch (error) {
      await conn.end().catch(() => undefined);
      if (error instanceof SqlConnectionError) throw error;
      throw new SqlConnectionError(`Cannot set up the MySQL session at ${redactUrl(url)}: ${(error as Error).message}`, { cause: error });
    }
  }

  async execute(sql: string, params?: readonly unknown[]): Promise<number> {
    try {
      const [res] = await this.conn.query(sql, params as unknown[] | undefined);
      return (res as ResultSetHeader).affectedRows ?? 0;
    } catch (error) {
      throw queryError(error, sql);
    }
  }

  async query<T extends object = Row>(sql: string, params?: readonly unknown[]): Promise<T[]> {
    try {
      const [rows] = await this.conn.query(sql, params as unknown[] | undefined);
      return rows as T[];
    } catch (error) {
      throw queryError(error, sql);
    }
  }

  async close(): Promise<void> {
    await this.conn.end();
  }
}
