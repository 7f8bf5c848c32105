import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSchemaSpec, connect, Connection, DialectName } from '@diffsync/sql';
import { mysqlUrl, postgresUrl, uniqueId } from '../../../test-support/services';

export const DIALECTS: DialectName[] = ['postgresql', 'mysql', 'sqlite'];

/** An empty database of one dialect for one test: its own PG schema, MariaDB database or SQLite file. */
export interface TestDatabase {
  readonly dialect: DialectName;
  readonly url: string;
  /** A unique prefix for extra namespaces (PostgreSQL schemas are dropped by prefix). */
  readonly id: string;
  connect(): Promise<Connection>;
  cleanup(): Promise<void>;
}

export async function freshDatabase(dialect: DialectName): Promise<TestDatabase> {
  const id = uniqueId('sql').toLowerCase();
  const opened: Connection[] = [];
  const open = async (url: string) => {
    const c = await connect(url);
    opened.push(c);
    return c;
  };
  const closeAll = async () => {
    for (const c of opened) await c.close().catch(() => undefined);
  };
  if (dialect === 'postgresql') {
    const admin = await connect(postgresUrl());
    await admin.execute(`CREATE SCHEMA "${id}"`);
    await admin.close();
    const url = `${postgresUrl()}?schema=${id}`;
    return {
      dialect,
      url,
      id,
      connect: () => open(url),
      cleanup: async () => {
        await closeAll();
        const a = await connect(postgresUrl());
        const schemas = await a.query<{ nspname: string }>('SELECT nspname FROM pg_namespace WHERE starts_with(nspname, $1)', [id]);
        for (const s of schemas) await a.execute(`DROP SCHEMA "${s.nspname}" CASCADE`);
        await a.close();
      },
    };
  }
  if (dialect === 'mysql') {
    const admin = await connect(mysqlUrl());
    await admin.execute(`CREATE DATABASE \`${id}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin`);
    await admin.close();
    const base = new URL(mysqlUrl());
    base.pathname = `/${id}`;
    const url = base.toString();
    return {
      dialect,
      url,
      id,
      connect: () => open(url),
      cleanup: async () => {
        await closeAll();
        const a = await connect(mysqlUrl());
        await a.execute(`DROP DATABASE IF EXISTS \`${id}\``);
        await a.close();
      },
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'diffsync-sql-'));
  const url = `sqlite:${join(dir, `${id}.db`)}`;
  return {
    dialect,
    url,
    id,
    connect: () => open(url),
    cleanup: async () => {
      await closeAll();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Runs `fn` with a fresh database and a connection to it, cleaning up afterwards. */
export async function withDatabase<T>(dialect: DialectName, fn: (db: Connection, t: TestDatabase) => Promise<T>): Promise<T> {
  const t = await freshDatabase(dialect);
  try {
    const db = await t.connect();
    return await fn(db, t);
  } finally {
    await t.cleanup();
  }
}

/** Creates the tables of `models` with the generated DDL. */
export async function createTables(db: Connection, models: Parameters<typeof buildSchemaSpec>[0]): Promise<void> {
  for (const s of db.sqlDialect.createSchemaStatements(buildSchemaSpec(models))) await db.execute(s);
}
