import { Readable } from 'node:stream';
import type { Connection as CoreConnection } from 'mysql2';
import { createConnection, Connection as MysqlConnection, ResultSetHeader } from 'mysql2/promise';
import { Driver, Row } from '../../connection/driver';
import { queryError, SqlConnectionError } from '../../errors';
import { redactUrl } from '../../connection/url';
import { MysqlDialect } from './mysql-dialect';

/** Errors that mean local infile is switched off: ER_NOT_ALLOWED_COMMAND, MySQL's client flag, MariaDB's capability. */
const LOCAL_INFILE_REFUSED = new Set([1148, 3948, 4166]);
const LOAD_DATA_PACKET = 1024 * 1024;

export class MysqlDriver implements Driver {
  readonly dialect = new MysqlDialect();
  private loadDataRefused = false;

  private constructor(
    private readonly conn: MysqlConnection,
    readonly defaultNamespace: string,
  ) {}

  static async open(url: string, connectTimeout: number): Promise<MysqlDriver> {
    let conn: MysqlConnection;
    try {
      conn = await createConnection({
        uri: url,
        connectTimeout,
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

  /**
   * The rows of a query as they arrive (mysql2's row stream, paused while the consumer is
   * busy). Stopping early reads and drops the rest, so the connection stays usable.
   */
  async *stream(sql: string, params?: readonly unknown[]): AsyncIterable<Row> {
    // The promise wrapper keeps the callback connection, whose queries can stream.
    const core = (this.conn as unknown as { connection: CoreConnection }).connection;
    const rows = core.query(sql, params as unknown[] | undefined).stream({ highWaterMark: 1000 });
    let done = false;
    try {
      for await (const row of rows) yield row as Row;
      done = true;
    } catch (error) {
      done = true;
      throw queryError(error, sql);
    } finally {
      if (!done) {
        rows.removeAllListeners('data');
        rows.on('error', () => undefined);
        rows.resume();
      }
    }
  }

  /**
   * `LOAD DATA LOCAL INFILE` fed from `chunks` (the statement's file name is ignored).
   * Resolves to the rows loaded and the warning count, or to `undefined` without reading
   * `chunks` when the server or client has local infile disabled (then use INSERT).
   */
  async loadData(sql: string, chunks: AsyncIterable<string | Buffer>): Promise<{ rows: number; warnings: number } | undefined> {
    if (this.loadDataRefused) return undefined;
    let streamError: unknown;
    async function* guarded(): AsyncGenerator<Buffer> {
      try {
        for await (const chunk of chunks) {
          const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
          // mysql2 sends each piece as one packet: keep them well under max_allowed_packet.
          for (let at = 0; at < bytes.length; at += LOAD_DATA_PACKET) yield bytes.subarray(at, at + LOAD_DATA_PACKET);
        }
      } catch (error) {
        streamError = error;
        throw error;
      }
    }
    let header: ResultSetHeader;
    try {
      const [res] = await this.conn.query({ sql, infileStreamFactory: () => Readable.from(guarded(), { objectMode: false }) });
      header = res as ResultSetHeader;
    } catch (error) {
      if (streamError !== undefined) throw queryError(streamError, sql);
      if (LOCAL_INFILE_REFUSED.has((error as { errno?: number }).errno ?? 0)) {
        this.loadDataRefused = true;
        return undefined;
      }
      throw queryError(error, sql);
    }
    // mysql2 ends the file early when the stream fails; the rows sent so far were loaded.
    if (streamError !== undefined) throw queryError(streamError, sql);
    return { rows: header.affectedRows, warnings: header.warningStatus };
  }

  async close(): Promise<void> {
    await this.conn.end();
  }
}
