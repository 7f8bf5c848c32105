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
  /** Other insert methods, timed too: the fastest raw insert is the yardstick. */
  readonly moreInserts?: ReadonlyArray<{ method: string; insert(rows: readonly BenchRowShape[]): Promise<void> }>;
  close(): Promise<void>;
}

const PG_EPOCH_MS = Date.UTC(2000, 0, 1);

/** PostgreSQL binary COPY data for the 7-column table, ~2,000 rows per write. */
async function* pgCopyBinary(rows: readonly BenchRowShape[], perWrite: number): AsyncGenerator<Buffer> {
  let buf = Buffer.allocUnsafe(1 << 20);
  let pos = 0;
  const ensure = (n: number) => {
    if (pos + n <= buf.length) return;
    const next = Buffer.allocUnsafe(Math.max(buf.length * 2, pos + n));
    buf.copy(next, 0, 0, pos);
    buf = next;
  };
  const text = (s: string) => {
    ensure(4 + s.length * 3);
    const n = buf.write(s, pos + 4, 'utf8');
    buf.writeInt32BE(n, pos);
    pos += 4 + n;
  };
  pos += Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1').copy(buf, 0);
  pos = buf.writeInt32BE(0, pos);
  pos = buf.writeInt32BE(0, pos);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    ensure(64);
    pos = buf.writeInt16BE(7, pos);
    pos = buf.writeInt32BE(4, pos);
    pos = buf.writeInt32BE(r.id, pos);
    text(r.name);
    ensure(64);
    pos = buf.writeInt32BE(4, pos);
    pos = buf.writeInt32BE(r.count, pos);
    pos = buf.writeInt32BE(8, pos);
    pos = buf.writeDoubleBE(r.score, pos);
    pos = buf.writeInt32BE(1, pos);
    buf[pos++] = r.active ? 1 : 0;
    pos = buf.writeInt32BE(8, pos);
    pos = buf.writeBigInt64BE(BigInt(r.updatedAt.getTime() - PG_EPOCH_MS) * 1000n, pos);
    if (r.note === null) pos = buf.writeInt32BE(-1, pos);
    else text(r.note);
    if ((i + 1) % perWrite === 0) {
      yield Buffer.from(buf.subarray(0, pos));
      pos = 0;
    }
  }
  ensure(2);
  pos = buf.writeInt16BE(-1, pos);
  yield Buffer.from(buf.subarray(0, pos));
}

/** MariaDB LOAD DATA text for the 7-column table (tab-separated, backslash escapes, \N for NULL). */
function* mysqlLoadData(rows: readonly BenchRowShape[], perWrite: number): Generator<Buffer> {
  const esc = (t: string) => (/[\\\n\r\t]/.test(t) ? t.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t') : t);
  for (let start = 0; start < rows.length; start += perWrite) {
    let text = '';
    const end = Math.min(rows.length, start + perWrite);
    for (let i = start; i < end; i++) {
      const r = rows[i];
      const ts = r.updatedAt.toISOString();
      text +=
        `${r.id}\t${esc(r.name)}\t${r.count}\t${r.score}\t${r.active ? 1 : 0}\t${ts.slice(0, 10)} ${ts.slice(11, 23)}\t` +
        `${r.note === null ? '\\N' : esc(r.note)}\n`;
    }
    yield Buffer.from(text);
  }
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
    moreInserts: [
      {
        method: 'binary COPY, 2,000 rows per write',
        insert: (rows) =>
          tx(async () => {
            await pipeline(
              Readable.from(pgCopyBinary(rows, 2000), { objectMode: false }),
              client.query(copyFrom(`COPY bench_rows (${list}) FROM STDIN (FORMAT binary)`)),
            );
          }),
      },
    ],
    upsert: (rows) =>
      tx(async () => {
        await client.query(`CREATE TEMP TABLE raw_stage (LIKE bench_rows) ON COMMIT DROP`);
        await copy(`COPY raw_stage (${list}) FROM STDIN`, rows);
        const set = COLUMNS.slice(1)
          .map((c) => `"${c}" = excluded."${c}"`)
          .join(', ');
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
  const set = COLUMNS.slice(1)
    .map((c) => `\`${c}\` = VALUES(\`${c}\`)`)
    .join(', ');
  return {
    method: {
      insert: 'multi-row INSERT, 2,000 rows',
      upsert: 'multi-row INSERT … ON DUPLICATE KEY UPDATE, 2,000 rows',
      delete: 'IN (…), 5,000 keys',
    },
    insert: (rows) => tx(() => multiRow('', rows)),
    moreInserts: [
      {
        method: 'LOAD DATA LOCAL INFILE from a stream',
        insert: (rows) =>
          tx(async () => {
            const [res] = await conn.query({
              sql: `LOAD DATA LOCAL INFILE 'bench' INTO TABLE bench_rows CHARACTER SET utf8mb4 (${list})`,
              infileStreamFactory: () => Readable.from(mysqlLoadData(rows, 2000)),
            });
            const header = res as { affectedRows: number; warningStatus: number };
            if (header.affectedRows !== rows.length || header.warningStatus !== 0) {
              throw new Error(`LOAD DATA loaded ${header.affectedRows} rows with ${header.warningStatus} warnings`);
            }
          }),
      },
    ],
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
  const set = COLUMNS.slice(1)
    .map((c) => `"${c}" = excluded."${c}"`)
    .join(', ');
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
    close: async () => {
      db.close();
    },
  };
}
