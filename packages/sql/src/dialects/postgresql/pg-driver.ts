import type { Client, CustomTypesConfig } from 'pg';
import { parsePgTimestamp } from '../../values/iso-time';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Driver, Row } from '../../session/driver';
import { QueryError, queryError, SqlConnectionError, truncateStatement } from '../../errors';
import { redactUrl } from '../../session/url';
import { loadPg, loadPgCopyStreams, loadPgCursor } from '../../session/driver-packages';
import { PostgresDialect } from './pg-dialect';

const TIMESTAMPTZ_OID = 1184;

/**
 * pg's parsers, except `timestamptz`: parsed exactly for any year (BC years, years past
 * 9999) and any session time zone, where pg's own parser is off for some of them.
 */
const types: CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === TIMESTAMPTZ_OID && format !== 'binary'
      ? parsePgTimestamp
      : (loadPg().types.getTypeParser(oid, format ?? 'text') as (value: string) => unknown)) as CustomTypesConfig['getTypeParser'],
};

/** Rows fetched per round trip when streaming a query. */
const STREAM_BATCH = 2000;

/** Server codes and socket errors that mean the session is gone (admin shutdown, crash, network). */
const LOST_CODES = new Set(['57P01', '57P02', '57P03', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ECONNREFUSED']);
const LOST_MESSAGE = /Connection terminated|not queryable|terminating connection|server closed the connection/i;

function isConnectionLoss(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code;
  if (typeof code === 'string' && LOST_CODES.has(code)) return true;
  return error instanceof Error && LOST_MESSAGE.test(error.message);
}

export class PgDriver implements Driver {
  readonly dialect = new PostgresDialect();
  /** The error that ended the session, once it has ended. */
  private lost: unknown;

  private constructor(
    private readonly client: Client,
    readonly defaultNamespace: string,
  ) {}

  static async open(url: string, schema: string | undefined, connectTimeout: number): Promise<PgDriver> {
    const { Client: PgClient } = loadPg();
    loadPgCopyStreams(); // fail now, not at the first bulk write, when it is missing
    const client = new PgClient({ connectionString: url, connectionTimeoutMillis: connectTimeout, types });
    client.on('error', () => undefined); // a dropped connection surfaces on the next query
    try {
      await client.connect();
    } catch (error) {
      await client.end().catch(() => undefined);
      throw new SqlConnectionError(`Cannot connect to PostgreSQL at ${redactUrl(url)}: ${(error as Error).message}`, { cause: error });
    }
    try {
      if (schema !== undefined) {
        await client.query(`SET search_path TO "${schema.split('"').join('""')}"`);
      }
      const res = await client.query<{ s: string | null }>('SELECT current_schema() AS s');
      const current = res.rows[0]?.s;
      if (!current) {
        throw new SqlConnectionError(`PostgreSQL schema '${schema ?? '(search_path)'}' does not exist at ${redactUrl(url)}: create it first or fix ?schema=.`);
      }
      const driver = new PgDriver(client, current);
      client.on('error', (error) => {
        driver.lost ??= error;
      });
      return driver;
    } catch (error) {
      await client.end().catch(() => undefined);
      if (error instanceof SqlConnectionError) throw error;
      throw new SqlConnectionError(`Cannot set up the PostgreSQL session at ${redactUrl(url)}: ${(error as Error).message}`, { cause: error });
    }
  }

  async execute(sql: string, params?: readonly unknown[]): Promise<number> {
    try {
      const res = await this.client.query(sql, params as unknown[] | undefined);
      return res.rowCount ?? 0;
    } catch (error) {
      throw this.fail(error, sql);
    }
  }

  /**
   * A QueryError for `error`. When the session is gone (backend terminated, server down,
   * network cut) it says so: the server has rolled back whatever transaction was open.
   */
  private fail(error: unknown, sql: string): Error {
    if (!isConnectionLoss(error) && this.lost === undefined) return queryError(error, sql);
    const cause = this.lost ?? error;
    const reason = cause instanceof Error ? cause.message : String(cause);
    const statement = truncateStatement(sql);
    return new QueryError(
      `The connection to PostgreSQL was lost (${reason}); the server rolled back any open transaction, so nothing of it was written. ` +
        `Connect again to go on.\n  statement: ${statement}`,
      statement,
      { cause: error },
    );
  }

  async query<T extends object = Row>(sql: string, params?: readonly unknown[]): Promise<T[]> {
    try {
      const res = await this.client.query(sql, params as unknown[] | undefined);
      return res.rows as T[];
    } catch (error) {
      throw this.fail(error, sql);
    }
  }

  /** The rows of a query through a server-side cursor, STREAM_BATCH rows per round trip. */
  async *stream(sql: string, params?: readonly unknown[]): AsyncIterable<Row> {
    const cursor = this.client.query(new (loadPgCursor())<Row>(sql, params as unknown[] | undefined, { types }));
    try {
      for (;;) {
        let rows: Row[];
        try {
          rows = await cursor.read(STREAM_BATCH);
        } catch (error) {
          throw this.fail(error, sql);
        }
        if (rows.length === 0) return;
        for (const row of rows) yield row;
      }
    } finally {
      await cursor.close().catch(() => undefined);
    }
  }

  /** `COPY … FROM STDIN`, text (strings) or binary (Buffers) data. */
  async copyIn(sql: string, chunks: AsyncIterable<string | Buffer>): Promise<number> {
    const stream = this.client.query(loadPgCopyStreams().from(sql));
    try {
      await pipeline(Readable.from(chunks, { objectMode: false }), stream);
      return stream.rowCount;
    } catch (error) {
      throw this.fail(error, sql);
    }
  }

  async close(): Promise<void> {
    await this.client.end();
  }
}
