import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { createConnection, type Connection as MysqlConnection } from 'mysql2/promise';
import Database from 'better-sqlite3';
import type { BenchRowShape } from './sql-model';

/** Hand-written bulk operations on the 7-column table through each raw driver. */
export interface RawSide {
  readonly method: Record<'insert' | 'upsert' | 'delete', string>;
  insert(rows: readonly BenchRowShape[]): Promise<void>;
  upsert(rows: readonly BenchRowShape[]): Promise<void>;
  delete(ids: readonly number[]): Promise<void>;
  close(): Promise<void>;
}

const COLUMNS = ['id', 'name', 'count', 'score', 'active', 'updatedAt', 'note'];

function pgEscape(text: string): string {
  return /[\\\n\r\t]/.test(text) ? text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t') : text;
}

async function* pgCopyText(rows: readonly BenchRowShape[], perWrite: number): AsyncGenerator<string> {
  for (let start = 0; start < rows.length; start += perWrite) {
    let text = '';
    const end = Math.min(rows.length, start + perWrite);
    for (let i = start; i < end; i++) {
      const r = rows[i];
      text +=
        `${r.id}\t${pgEscape(r.name)}\t${r.count}\t${r.score}\t${r.active ? 't' : 'f'}\t${r.updatedAt.toISOString()}\t` +
        `${r.note === null ? '\\N' : pgEscape(r.note)}\n`;
    }
    yield text;
  }
}

export async function rawPostgres(url: string, schema: string): Promise<RawSide> {
  const client = new Client({ connectionString: url });
  await client.connect();
  await client.query(`SET search_path TO "${schema}"`);
  const list = COLUMNS.map((c) => `"${c}"`).join(', ');
  const copy = async (sql: string, rows: readonly BenchRowShape[]) => {
    await pipeline(Readable.from(pgCopyText(rows, 2000), { objectMode: false }), client.query(copyFrom(sql)));
  };
  const tx = async (fn: () => Promise<void>) => {
    await client.query('BEGIN');
    try {
      await fn();
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    }
  };
  return {
    method: {
      insert: 'COPY, 2,000 rows per write',
      upsert: 'COPY into temp + INSERT … SELECT … ON CONFLICT',
      delete: '= ANY($1), 10,000 keys',
    },
    insert: (rows) => tx(() => copy(`COPY bench_rows (${list}) FROM STDIN`, rows)),
    upsert: (rows) =>
      tx(async () => {
        await client.query(`CREATE TEMP TABLE raw_stage (LIKE bench_rows) ON COMMIT DROP`);
        await copy(`COPY raw_stage (${list}) FROM STDIN`, rows);
        const set = COLUMNS.slice(1).map((c) => `"${c}" = excluded."${c}"`).join(', ');
        await client.query(`INSERT INTO bench_rows (${list}) SELECT ${list} FROM raw_stage ON CONFLICT ("id") DO UPDATE SET ${set}`);
      }),
    delete: (ids) =>
      tx(async () => {
        for (let i = 0; i < ids.length; i += 10000) {
          await client.query('DELETE FROM bench_rows WHERE "id" = ANY($1)', [ids.slice(i, i + 10000)]);
        }
      }),
    close: () => client.end(),
  };
}

function mysqlRow(r: BenchRowShape): unknown[] {
  return [r.id, r.name, r.count, r.score, r.active ? 1 : 0, r.updatedAt, r.note];
}

export async function rawMysql(url: string): Promise<RawSide> {
  const conn: MysqlConnection = await createConnection({ uri: url, timezone: 'Z', charset: 'UTF8MB4_BIN' });
  await conn.query("SET SESSION time_zone = '+00:00'");
  const list = COLUMNS.map((c) => `\`${c}\``).join(', ');
  const tx = async (fn: () => Promise<void>) => {
    await conn.query('START TRANSACTION');
    try {
      await fn();
      await conn.query('COMMIT');
    } catch (error) {
      await conn.query('ROLLBACK');
      throw error;
    }
  };
  const multiRow = async (suffix: string, rows: readonly BenchRowShape[]) => {
    for (let i = 0; i < rows.length; i += 2000) {
      await conn.query(`INSERT INTO bench_rows (${list}) VALUES ?${suffix}`, [rows.slice(i, i + 2000).map(mysqlRow)]);
    }
  };
  const set = COLUMNS.slice(1).map((c) => `\`${c}\` = VALUES(\`${c}\`)`).join(', ');
  return {
    method: {
      insert: 'multi-row INSERT, 2,000 rows',
      upsert: 'multi-row INSERT … ON DUPLICATE KEY UPDATE, 2,000 rows',
      delete: 'IN (…), 5,000 keys',
    },
    insert: (rows) => tx(() => multiRow('', rows)),
    upsert: (rows) => tx(() => multiRow(` ON DUPLICATE KEY UPDATE ${set}`, rows)),
    delete: (ids) =>
      tx(async () => {
        for (let i = 0; i < ids.length; i += 5000) await conn.query('DELETE FROM bench_rows WHERE `id` IN (?)', [ids.slice(i, i + 5000)]);
      }),
    close: () => conn.end(),
  };
}

export async function rawSqlite(filename: string): Promise<RawSide> {
  const db = new Database(filename);
  db.pragma('foreign_keys = ON');
  const list = COLUMNS.map((c) => `"${c}"`).join(', ');
  const marks = COLUMNS.map(() => '?').join(', ');
  const set = COLUMNS.slice(1).map((c) => `"${c}" = excluded."${c}"`).join(', ');
  const insert = db.prepare(`INSERT INTO bench_rows (${list}) VALUES (${marks})`);
  const upsert = db.prepare(`INSERT INTO bench_rows (${list}) VALUES (${marks}) ON CONFLICT ("id") DO UPDATE SET ${set}`);
  const del = db.prepare('DELETE FROM bench_rows WHERE "id" = ?');
  const write = (stmt: Database.Statement, rows: readonly BenchRowShape[]) =>
    db.transaction(() => {
      for (const r of rows) stmt.run(r.id, r.name, r.count, r.score, r.active ? 1 : 0, r.updatedAt.toISOString(), r.note);
    })();
  return {
    method: {
      insert: 'prepared INSERT, one transaction',
      upsert: 'prepared INSERT … ON CONFLICT, one transaction',
      delete: 'prepared DELETE … WHERE id = ?, one transaction',
    },
    insert: async (rows) => write(insert, rows),
    upsert: async (rows) => write(upsert, rows),
    delete: async (ids) =>
      db.transaction(() => {
        for (const id of ids) del.run(id);
      })(),
    close: async () => db.close(),
  };
}
