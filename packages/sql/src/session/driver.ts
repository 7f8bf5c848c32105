import type { SqlDialect } from '../schema/dialect';

/** A result row: column name to value. */
export type Row = Record<string, unknown>;

/** The minimal surface each database driver offers the connection. */
export interface Driver {
  readonly dialect: SqlDialect;
  /** The namespace (schema / database / `main`) that unqualified tables live in. */
  readonly defaultNamespace: string;
  execute(sql: string, params?: readonly unknown[]): Promise<number>;
  query<T extends object = Row>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** Streams the rows of a query (falls back to a buffered query where the driver cannot stream). */
  stream?(sql: string, params?: readonly unknown[]): AsyncIterable<Row>;
  /** PostgreSQL only: `COPY … FROM STDIN` fed with text chunks. Returns the row count. */
  copyIn?(sql: string, chunks: AsyncIterable<string | Buffer>): Promise<number>;
  close(): Promise<void>;
}
