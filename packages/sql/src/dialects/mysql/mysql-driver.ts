import { Readable } from 'node:stream';
import type { Connection as CoreConnection } from 'mysql2';
import type { Connection as MysqlConnection, ResultSetHeader } from 'mysql2/promise';
import { loadMysql2 } from '../../session/driver-packages';
import type { TypeCast } from 'mysql2';
import type { Driver, Row } from '../../session/driver';
import { QueryError, queryError, SqlConnectionError, truncateStatement } from '../../errors';
import { redactUrl } from '../../session/url';
import { MysqlDialect } from './mysql-dialect';

/** Errors that mean local infile is switched off: ER_NOT_ALLOWED_COMMAND, MySQL's client flag, MariaDB's capability. */
const LOCAL_INFILE_REFUSED = new Set([1148, 3948, 4166]);
const LOAD_DATA_PACKET = 1024 * 1024;

/**
 * DOUBLE columns as `Number(text)`: mysql2's own float parser loses the last digit of some
 * doubles (90.28571428571429 read as 90.28571428571428) while the server's text is exact.
 * JSON columns (MySQL 8's JSON type, MariaDB's LONGTEXT marked json) as their text, parsed
 * once by the row codec: mysql2 would parse them, and a JSON string would be parsed twice.
 */
const typeCast: TypeCast = (field, next) => {
  if (field.type === 'DOUBLE') {
    const text = field.string();
    return text === null ? null : Number(text);
  }
  if (field.type === 'JSON' || (field as { extendedFormat?: string }).extendedFormat === 'json') return field.string('utf8');
  return next();
};

const TRANSACTION_END = /^\s*(COMMIT|ROLLBACK)\s*$/i;
const TRANSACTION_START = /^\s*(START TRANSACTION|BEGIN)\b/i;

/** Bytes a statement may take besides the rows; what mysql2 adds around the SQL text. */
const PACKET_OVERHEAD = 64;

export class MysqlDriver implements Driver {
  readonly dialect = new MysqlDialect();
  private loadDataRefused = false;
  /** Set when the server or network closed the connection; the next call opens a new one. */
  private broken = false;
  /** Between START TRANSACTION and COMMIT / ROLLBACK (as Connection.transaction sends them). */
  private inTransaction = false;

  private constructor(
    private conn: MysqlConnection,
    private readonly url: string,
    readonly defaultNamespace: string,
    /** The server's `max_allowed_packet`: the largest statement it accepts, in bytes. */
    readonly maxPacket: number,
    /** How long opening a session may take, in ms (reconnects use it too). */
    private readonly connectTimeout: number,
  ) {
    this.watch(conn);
  }

  private watch(conn: MysqlConnection): void {
    conn.on('error', () => {
      if (conn === this.conn) this.broken = true;
    });
    conn.on('end', () => {
      if (conn === this.conn) this.broken = true;
    });
  }

  private static async session(url: string, connectTimeout: number): Promise<{ conn: MysqlConnection; db: string; maxPacket: number }> {
    const { createConnection } = loadMysql2();
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
        typeCast,
        jsonStrings: true,
      });
    } catch (error) {
      throw new SqlConnectionError(`Cannot connect to MySQL at ${redactUrl(url)}: ${(error as Error).message}`, { cause: error });
    }
    conn.on('error', () => undefined);
    try {
      await conn.query("SET SESSION time_zone = '+00:00'");
      const [rows] = await conn.query('SELECT DATABASE() AS db, @@max_allowed_packet AS packet');
      const row = (rows as Array<{ db: string | null; packet: number | string }>)[0];
      if (!row?.db) {
        throw new SqlConnectionError(`MySQL URL ${redactUrl(url)} names no database: add '/<database>' to the URL.`);
      }
      return { conn, db: row.db, maxPacket: Number(row.packet) };
    } catch (error) {
      await conn.end().catch(() => undefined);
      if (error instanceof SqlConnectionError) throw error;
      throw new SqlConnectionError(`Cannot set up the MySQL session at ${redactUrl(url)}: ${(error as Error).message}`, { cause: error });
    }
  }

  static async open(url: string, connectTimeout: number): Promise<MysqlDriver> {
    const { conn, db, maxPacket } = await MysqlDriver.session(url, connectTimeout);
    return new MysqlDriver(conn, url, db, maxPacket, connectTimeout);
  }

  /**
   * The live connection: a new session when the last one was closed by the server. Inside a
   * transaction a lost session is an error (the server rolled the transaction back; running
   * the rest in a new session would commit half of it), until the caller's ROLLBACK ends it.
   */
  private async live(sql: string): Promise<MysqlConnection> {
    const core = (this.conn as unknown as { connection: { _fatalError?: unknown; _closing?: boolean } }).connection;
    if (this.broken || core._fatalError || core._closing) {
      if (this.inTransaction && !TRANSACTION_END.test(sql)) {
        throw new QueryError(
          `Query failed: the MySQL connection was lost inside a transaction (the server rolled it back); nothing more is sent in it.\n  statement: ${truncateStatement(sql)}`,
          truncateStatement(sql),
        );
      }
      this.inTransaction = false;
      const old = this.conn;
      old.destroy();
      const { conn } = await MysqlDriver.session(this.url, this.connectTimeout);
      this.conn = conn;
      this.broken = false;
      this.watch(conn);
    }
    return this.conn;
  }

  /**
   * The statement with its parameters spliced in by mysql2's escaping, as mysql2 would send
   * it; refused when the server would drop the connection for it (max_allowed_packet).
   */
  private statement(conn: MysqlConnection, sql: string, params?: readonly unknown[]): string {
    const text = params === undefined ? sql : conn.format(sql, params);
    if (text.length * 3 + PACKET_OVERHEAD > this.maxPacket) {
      const bytes = Buffer.byteLength(text) + PACKET_OVERHEAD;
      if (bytes > this.maxPacket) {
        throw new QueryError(
          `Query refused before sending: the statement takes ${bytes} bytes, over the server's max_allowed_packet of ${this.maxPacket} bytes` +
            `\n  statement: ${truncateStatement(sql)}`,
          truncateStatement(sql),
        );
      }
    }
    return text;
  }

  async execute(sql: string, params?: readonly unknown[]): Promise<number> {
    const conn = await this.live(sql);
    const text = this.statement(conn, sql, params);
    try {
      const [res] = await conn.query(text);
      if (TRANSACTION_START.test(sql)) this.inTransaction = true;
      else if (TRANSACTION_END.test(sql)) this.inTransaction = false;
      return (res as ResultSetHeader).affectedRows ?? 0;
    } catch (error) {
      throw this.failed(error, sql);
    }
  }

  /** The QueryError for a failed call; a fatal error (connection lost) makes the next call reconnect. */
  private failed(error: unknown, sql: string): Error {
    if ((error as { fatal?: boolean }).fatal) this.broken = true;
    if (TRANSACTION_END.test(sql)) this.inTransaction = false;
    return queryError(error, sql);
  }

  async query<T extends object = Row>(sql: string, params?: readonly unknown[]): Promise<T[]> {
    const conn = await this.live(sql);
    const text = this.statement(conn, sql, params);
    try {
      const [rows] = await conn.query(text);
      return rows as T[];
    } catch (error) {
      throw this.failed(error, sql);
    }
  }

  /**
   * The rows of a query as they arrive (mysql2's row stream, paused while the consumer is
   * busy). Stopping early reads and drops the rest, so the connection stays usable.
   */
  async *stream(sql: string, params?: readonly unknown[]): AsyncIterable<Row> {
    // The promise wrapper keeps the callback connection, whose queries can stream.
    const conn = await this.live(sql);
    const text = this.statement(conn, sql, params);
    const core = (conn as unknown as { connection: CoreConnection }).connection;
    const rows = core.query(text).stream({ highWaterMark: 1000 });
    let done = false;
    try {
      for await (const row of rows) yield row as Row;
      done = true;
    } catch (error) {
      done = true;
      throw this.failed(error, sql);
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
    const conn = await this.live(sql);
    try {
      const [res] = await conn.query({ sql, infileStreamFactory: () => Readable.from(guarded(), { objectMode: false }) });
      header = res as ResultSetHeader;
    } catch (error) {
      if (streamError !== undefined) throw queryError(streamError, sql);
      if (LOCAL_INFILE_REFUSED.has((error as { errno?: number }).errno ?? 0)) {
        this.loadDataRefused = true;
        return undefined;
      }
      throw this.failed(error, sql);
    }
    // mysql2 ends the file early when the stream fails; the rows sent so far were loaded.
    if (streamError !== undefined) throw queryError(streamError, sql);
    return { rows: header.affectedRows, warnings: header.warningStatus };
  }

  async close(): Promise<void> {
    if (this.broken) {
      this.conn.destroy();
      return;
    }
    await this.conn.end();
  }
}
