import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Connection, DialectName } from '@diffsync/sql';
import { buildSchemaSpec, connect } from '@diffsync/sql';
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
  // One handle shape for every dialect: its URL, and what removes the namespace afterwards.
  const handle = (url: string, drop: () => Promise<void>): TestDatabase => ({
    dialect,
    url,
    id,
    connect: () => open(url),
    cleanup: async () => {
      await closeAll();
      await drop();
    },
  });
  const asAdmin = async (adminUrl: string, fn: (admin: Connection) => Promise<void>): Promise<void> => {
    const admin = await connect(adminUrl);
    try {
      await fn(admin);
    } finally {
      await admin.close();
    }
  };
  if (dialect === 'postgresql') {
    await asAdmin(postgresUrl(), (a) => a.execute(`CREATE SCHEMA "${id}"`).then(() => undefined));
    return handle(`${postgresUrl()}?schema=${id}`, () =>
      asAdmin(postgresUrl(), async (a) => {
        const schemas = await a.query<{ nspname: string }>('SELECT nspname FROM pg_namespace WHERE starts_with(nspname, $1)', [id]);
        for (const s of schemas) await a.execute(`DROP SCHEMA "${s.nspname}" CASCADE`);
      }),
    );
  }
  if (dialect === 'mysql') {
    await asAdmin(mysqlUrl(), (a) => a.execute(`CREATE DATABASE \`${id}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin`).then(() => undefined));
    const base = new URL(mysqlUrl());
    base.pathname = `/${id}`;
    return handle(base.toString(), () => asAdmin(mysqlUrl(), (a) => a.execute(`DROP DATABASE IF EXISTS \`${id}\``).then(() => undefined)));
  }
  const dir = mkdtempSync(join(tmpdir(), 'diffsync-sql-'));
  return handle(`sqlite:${join(dir, `${id}.db`)}`, async () => rmSync(dir, { recursive: true, force: true }));
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
