import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ModelCodec, type BaseStore } from '@diffsync/core';
import { BenchAdapter, Interface } from './workload';
import { median, timeIt } from './measure';

type SqliteStoreCtor = new (o: { filename: string; storeId?: string }) => BaseStore;
type Database = {
  pragma(s: string): unknown;
  exec(s: string): void;
  prepare(s: string): { run(...a: unknown[]): unknown; all(): Array<{ data: string }> };
  transaction(fn: () => void): () => void;
  close(): void;
};

function models(n: number): Interface[] {
  const out: Interface[] = [];
  for (let i = 0; i < n; i++) {
    out.push(new Interface({ deviceName: `dev${Math.floor(i / 8)}`, name: `eth${i % 8}`, description: `port ${i}`, mtu: 1500, enabled: true }));
  }
  return out;
}

/**
 * Load `n` models into a SqliteStore (add + flush) and read them back through a fresh
 * store, next to raw better-sqlite3 inserting and selecting the same JSON payloads in one
 * transaction each. Same files dir, same run, same durability settings: the raw side uses
 * the pragmas SqliteStore sets on a file (WAL, synchronous = NORMAL), so neither side
 * skips an fsync the other pays for.
 */
export async function sqliteVsRaw(n: number, runs: number): Promise<{ n: number; oursMs: number; rawMs: number; ratio: number }> {
  const { SqliteStore } = require('@diffsync/sqlite-store') as { SqliteStore: SqliteStoreCtor };

  const BetterSqlite = require('better-sqlite3') as new (f: string) => Database;
  const dir = mkdtempSync(join(tmpdir(), 'diffsync-sqlite-bench-'));
  const objs = models(n);
  const ours: number[] = [];
  const raw: number[] = [];
  try {
    for (let r = 0; r < runs + 1; r++) {
      const file = join(dir, `ours-${r}.db`);
      const storeId = randomUUID();
      const [o] = await timeIt(async () => {
        const a = new BenchAdapter({ store: new SqliteStore({ filename: file, storeId }) });
        for (const obj of objs) await a.add(new Interface(obj));
        await a.flush();
        await a.store.close();
        const b = new BenchAdapter({ store: new SqliteStore({ filename: file, storeId }) });
        const all = await b.getAll(Interface);
        if (all.length !== n) throw new Error(`read ${all.length} of ${n}`);
        await b.store.close();
      });
      const rawFile = join(dir, `raw-${r}.db`);
      const [w] = await timeIt(() => {
        const db = new BetterSqlite(rawFile);
        db.pragma('journal_mode = WAL');
        db.pragma('synchronous = NORMAL');
        db.exec('CREATE TABLE t (model TEXT, uid TEXT, data TEXT, PRIMARY KEY (model, uid)) WITHOUT ROWID');
        const insert = db.prepare('INSERT INTO t (model, uid, data) VALUES (?, ?, ?)');
        db.transaction(() => {
          for (const obj of objs) insert.run('interface', obj.getUniqueId(), JSON.stringify(ModelCodec.encode(obj)));
        })();
        db.close();
        const db2 = new BetterSqlite(rawFile);
        const rows = (db2.prepare('SELECT data FROM t').all() as Array<{ data: string }>).map((row) => JSON.parse(row.data) as unknown);
        if (rows.length !== n) throw new Error('raw read failed');
        db2.close();
      });
      if (r > 0) {
        ours.push(o);
        raw.push(w);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const oursMs = median(ours);
  const rawMs = median(raw);
  return { n, oursMs, rawMs, ratio: oursMs / rawMs };
}
