import type { Database, Statement } from 'better-sqlite3';
import { ROW_TEXT } from './row-codec';
import { COLLECTIONS_TABLE as C, META_TABLE as M, ROWS_TABLE as R, STORES_TABLE as S } from './schema';
import { PARTITION_FUNCTION } from './partition';

/** A stored row as read back: the JSON text `[uid, data]` (see `parseRow`). */
export type ObjectRow = string;

/**
 * Every statement the store runs, prepared once per connection. Rows are addressed by
 * `coll`, the integer id of a (store_id, model) pair in the collections table.
 */
export class Statements {
  readonly collId: Statement<[string, string]>;
  readonly addColl: Statement<[string, string]>;
  readonly selectOne: Statement<[number, string]>;
  readonly selectAll: Statement<[number]>;
  readonly selectUids: Statement<[number, string]>;
  /** The rows of one partition (`coll, count, index`), in seq order; needs `registerPartitionFunction`. */
  readonly selectPartition: Statement<[number, number, number]>;
  readonly storedUids: Statement<[number, string]>;
  readonly seqOf: Statement<[number, string]>;
  readonly exists: Statement<[number, string]>;
  readonly anyOfModel: Statement<[number]>;
  readonly nextSeq: Statement<[]>;
  readonly setNextSeq: Statement<[number]>;
  readonly insert: Statement<[number, string, number, string]>;
  readonly upsert: Statement<[number, string, number, string]>;
  readonly updateData: Statement<[string, number, string]>;
  readonly remove: Statement<[number, string]>;
  readonly countModel: Statement<[number]>;
  readonly countAll: Statement<[string]>;
  readonly modelNames: Statement<[string]>;
  readonly storeVersion: Statement<[string]>;
  readonly setStoreVersion: Statement<[string, number]>;

  constructor(db: Database) {
    this.collId = db.prepare(`SELECT id FROM ${C} WHERE store_id = ? AND model = ?`).pluck(true);
    this.addColl = db.prepare(`INSERT INTO ${C} (store_id, model) VALUES (?, ?)`);
    this.selectOne = db.prepare(`SELECT ${ROW_TEXT} FROM ${R} WHERE coll = ? AND uid = ?`).pluck(true);
    this.selectAll = db.prepare(`SELECT ${ROW_TEXT} FROM ${R} WHERE coll = ? ORDER BY seq`).pluck(true);
    this.selectPartition = db.prepare(`SELECT ${ROW_TEXT} FROM ${R} WHERE coll = ? AND ${PARTITION_FUNCTION}(uid, ?) = ? ORDER BY seq`).pluck(true);
    this.selectUids = db.prepare(`SELECT ${ROW_TEXT} FROM ${R} WHERE coll = ? AND uid IN (SELECT value FROM json_each(?))`).pluck(true);
    this.storedUids = db.prepare(`SELECT uid FROM ${R} WHERE coll = ? AND uid IN (SELECT value FROM json_each(?))`).pluck(true);
    this.seqOf = db.prepare(`SELECT seq FROM ${R} WHERE coll = ? AND uid = ?`).pluck(true);
    this.exists = db.prepare(`SELECT 1 FROM ${R} WHERE coll = ? AND uid = ?`).pluck(true);
    this.anyOfModel = db.prepare(`SELECT 1 FROM ${R} WHERE coll = ? LIMIT 1`).pluck(true);
    this.nextSeq = db.prepare(`SELECT CAST(value AS INTEGER) FROM ${M} WHERE key = 'next_seq'`).pluck(true);
    this.setNextSeq = db.prepare(`UPDATE ${M} SET value = CAST(? AS TEXT) WHERE key = 'next_seq'`);
    this.insert = db.prepare(`INSERT INTO ${R} (coll, uid, seq, data) VALUES (?, ?, ?, ?)`);
    this.upsert = db.prepare(`INSERT INTO ${R} (coll, uid, seq, data) VALUES (?, ?, ?, ?) ON CONFLICT (coll, uid) DO UPDATE SET data = excluded.data`);
    this.updateData = db.prepare(`UPDATE ${R} SET data = ? WHERE coll = ? AND uid = ?`);
    this.remove = db.prepare(`DELETE FROM ${R} WHERE coll = ? AND uid = ?`);
    this.countModel = db.prepare(`SELECT COUNT(*) FROM ${R} WHERE coll = ?`).pluck(true);
    this.countAll = db.prepare(`SELECT COUNT(*) FROM ${R} WHERE coll IN (SELECT id FROM ${C} WHERE store_id = ?)`).pluck(true);
    this.storeVersion = db.prepare(`SELECT version FROM ${S} WHERE store_id = ?`).pluck(true);
    this.setStoreVersion = db.prepare(`INSERT INTO ${S} (store_id, version) VALUES (?, ?) ON CONFLICT (store_id) DO UPDATE SET version = excluded.version`);
    this.modelNames = db.prepare(`SELECT c.model FROM ${C} c JOIN ${R} r ON r.coll = c.id WHERE c.store_id = ? GROUP BY c.id ORDER BY MIN(r.seq)`).pluck(true);
  }
}
