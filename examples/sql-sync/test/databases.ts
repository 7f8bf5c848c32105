import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from '@diffsync/sql';
import { mysqlUrl, postgresUrl, uniqueId } from '../../../test-support/services';

export type Dialect = 'sqlite' | 'postgresql' | 'mysql';
export const DIALECTS: Dialect[] = ['sqlite', 'postgresql', 'mysql'];

/** An empty database for one test: its own SQLite file, PostgreSQL schema or MariaDB database. */
export interface ScratchDatabase {
  url: string;
  cleanup(): Promise<void>;
}

export async function scratchDatabase(dialect: Dialect): Promise<ScratchDatabase> {
  const id = uniqueId('sqlsync').toLowerCase();
  if (dialect === 'postgresql') {
    const admin = await connect(postgresUrl());
    await admin.execute(`CREATE SCHEMA "${id}"`);
    await admin.close();
    return {
      url: `${postgresUrl()}?schema=${id}`,
      cleanup: async () => {
        const a = await connect(postgresUrl());
        await a.execute(`DROP SCHEMA IF EXISTS "${id}" CASCADE`);
        await a.close();
      },
    };
  }
  if (dialect === 'mysql') {
    const admin = await connect(mysqlUrl());
    await admin.execute(`CREATE DATABASE \`${id}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin`);
    await admin.close();
    const url = new URL(mysqlUrl());
    url.pathname = `/${id}`;
    return {
      url: url.toString(),
      cleanup: async () => {
        const a = await connect(mysqlUrl());
        await a.execute(`DROP DATABASE IF EXISTS \`${id}\``);
        await a.close();
      },
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'diffsync-sql-sync-'));
  return {
    url: `sqlite:${join(dir, 'inventory.db')}`,
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
}
