import type { Database, Statement } from 'better-sqlite3';
import { META_TABLE as M, OBJECTS_TABLE as T } from './schema';

/** A stored row as read back: `[seq, uid, data]`. */
export type ObjectRow = [number, string, string];

/** Every statement the store runs, prepared once per connection. */
export class Statements {
  readonly selectOne: Statement<[string, string, string]>;
  readonly selectAll: Statement<[string, string]>;
  readonly selectUids: Statement<[string, string, string]>;
  readonly exists: Statement<[string, string, string]>;
  readonly anyOfModel: Statement<[string, string]>;
  readonly nextSeq: Statement<[]>;
  readonly setNextSeq: Statement<[number]>;
  readonly insert: Statement<[string, string, string, number, string]>;
  readonly upsert: Statement<[string, string, string, number, string]>;
  readonly updateData: Statement<[string, string, string, string]>;
  readonly remove: Statement<[string, string, string]>;
  readonly countModel: Statement<[string, string]>;
  readonly countAll: Statement<[string]>;
  readonly modelNames: Statement<[string]>;

  constructor(db: Database) {
    this.selectOne = db.prepare(`SELECT seq, uid, data FROM ${T} WHERE store_id = ? AND model = ? AND uid = ?`).raw(true);
    this.selectAll = db.prepare(`SELECT seq, uid, data FROM ${T} WHERE store_id = ? AND model = ? ORDER BY seq`).raw(true);
    this.selectUids = db
      .prepare(`SELECT seq, uid, data FROM ${T} WHERE store_id = ? AND model = ? AND uid IN (SELECT value FROM json_each(?))`)
      .raw(true);
    this.exists = db.prepare(`SELECT 1 FROM ${T} WHERE store_id = ? AND model = ? AND uid = ?`).pluck(true);
    this.anyOfModel = db.prepare(`SELECT 1 FROM ${T} WHERE store_id = ? AND model = ? LIMIT 1`).pluck(true);
    this.nextSeq = db.prepare(`SELECT CAST(value AS INTEGER) FROM ${M} WHERE key = 'next_seq'`).pluck(true);
    this.setNextSeq = db.prepare(`UPDATE ${M} SET value = CAST(? AS TEXT) WHERE key = 'next_seq'`);
    this.insert = db.prepare(`INSERT INTO ${T} (store_id, model, uid, seq, data) VALUES (?, ?, ?, ?, ?)`);
    this.upsert = db.prepare(
      `INSERT INTO ${T} (store_id, model, uid, seq, data) VALUES (?, ?, ?, ?, ?) ON CONFLICT (store_id, model, uid) DO UPDATE SET data = excluded.data`,
    );
    this.updateData = db.prepare(`UPDATE ${T} SET data = ? WHERE store_id = ? AND model = ? AND uid = ?`);
    this.remove = db.prepare(`DELETE FROM ${T} WHERE store_id = ? AND model = ? AND uid = ?`);
    this.countModel = db.prepare(`SELECT COUNT(*) FROM ${T} WHERE store_id = ? AND model = ?`).pluck(true);
    this.countAll = db.prepare(`SELECT COUNT(*) FROM ${T} WHERE store_id = ?`).pluck(true);
    this.modelNames = db.prepare(`SELECT model FROM ${T} WHERE store_id = ? GROUP BY model ORDER BY MIN(seq)`).pluck(true);
  }
}
