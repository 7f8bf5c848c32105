import type { Database } from 'better-sqlite3';
import { SqliteStoreFileError } from './errors';

/** Version of the file layout this package writes. Bump it with a migration below. */
export const SCHEMA_VERSION = 3;

/** Name of the key/value table that holds the schema version and the next insertion sequence number. */
export const META_TABLE = 'diffsync_meta';
/** Name of the table that gives each (store_id, model) pair a small integer id (schema 2+). */
export const COLLECTIONS_TABLE = 'diffsync_collections';
/** Name of the table that holds every store's objects, keyed by collection id and uid (schema 2+). */
export const ROWS_TABLE = 'diffsync_rows';
/**
 * Name of the table that holds each storeId's version (schema 3+): a number that every
 * committed flush of that storeId increases by one, checked by the flush in the same write
 * transaction (optimistic concurrency). A storeId without a row is at version 0.
 */
export const STORES_TABLE = 'diffsync_stores';
/**
 * Name under which every store's objects read as `(store_id, model, uid, seq, data)`:
 * the table of schema 1, a read-only view over the two tables above from schema 2 on.
 */
export const OBJECTS_TABLE = 'diffsync_objects';

/** Upgrades a file from schema `from` to `from + 1`; runs inside the upgrade transaction. */
export interface SchemaMigration {
  /** The schema version this migration upgrades from (to `from + 1`). */
  from: number;
  /** Upgrades the file's tables, inside the migration's transaction. */
  migrate(db: Database): void;
}

const CREATE_V1 = `
CREATE TABLE IF NOT EXISTS ${OBJECTS_TABLE} (
  store_id TEXT NOT NULL,
  model    TEXT NOT NULL,
  uid      TEXT NOT NULL,
  seq      INTEGER NOT NULL,
  data     TEXT NOT NULL,
  PRIMARY KEY (store_id, model, uid)
) WITHOUT ROWID;
INSERT OR IGNORE INTO ${META_TABLE} (key, value) VALUES ('next_seq', '1');
`;

/**
 * Schema 1 to 2: the store id and model name, repeated as text in every row's key, move to
 * a collections table; rows are keyed by the collection's integer id and uid (smaller rows
 * and index, cheaper inserts and scans). Sequence numbers and data are kept as they are,
 * and `diffsync_objects` stays readable as a view with the columns of schema 1.
 */
const V1_TO_V2: SchemaMigration = {
  from: 1,
  migrate(db) {
    db.exec(`
      CREATE TABLE ${COLLECTIONS_TABLE} (
        id       INTEGER PRIMARY KEY,
        store_id TEXT NOT NULL,
        model    TEXT NOT NULL,
        UNIQUE (store_id, model)
      );
      CREATE TABLE ${ROWS_TABLE} (
        coll INTEGER NOT NULL,
        uid  TEXT NOT NULL,
        seq  INTEGER NOT NULL,
        data TEXT NOT NULL,
        PRIMARY KEY (coll, uid)
      ) WITHOUT ROWID;
      INSERT INTO ${COLLECTIONS_TABLE} (store_id, model)
        SELECT store_id, model FROM ${OBJECTS_TABLE} GROUP BY store_id, model ORDER BY MIN(seq);
      INSERT INTO ${ROWS_TABLE} (coll, uid, seq, data)
        SELECT c.id, o.uid, o.seq, o.data FROM ${OBJECTS_TABLE} o
        JOIN ${COLLECTIONS_TABLE} c ON c.store_id = o.store_id AND c.model = o.model;
      DROP TABLE ${OBJECTS_TABLE};
      CREATE VIEW ${OBJECTS_TABLE} (store_id, model, uid, seq, data) AS
        SELECT c.store_id, c.model, r.uid, r.seq, r.data FROM ${ROWS_TABLE} r
        JOIN ${COLLECTIONS_TABLE} c ON c.id = r.coll;
    `);
  },
};

/**
 * Schema 2 to 3: a version per storeId, for optimistic concurrency between writers. Existing
 * storeIds start at version 0 (no row), like new ones; the objects are not touched. A store
 * of an older package cannot open the migrated file, so no writer skips the version check.
 */
const V2_TO_V3: SchemaMigration = {
  from: 2,
  migrate(db) {
    db.exec(`
      CREATE TABLE ${STORES_TABLE} (
        store_id TEXT PRIMARY KEY,
        version  INTEGER NOT NULL
      ) WITHOUT ROWID;
    `);
  },
};

/** Migrations from older layouts, in order; a new file is created at version 1 and migrated up. */
export const MIGRATIONS: readonly SchemaMigration[] = [V1_TO_V2, V2_TO_V3];

function readVersion(db: Database): number | undefined {
  const table = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(META_TABLE);
  if (!table) return undefined;
  const row = db.prepare(`SELECT value FROM ${META_TABLE} WHERE key = 'schema_version'`).get() as { value: string } | undefined;
  return row ? Number(row.value) : undefined;
}

function writeVersion(db: Database, version: number): void {
  db.prepare(`INSERT INTO ${META_TABLE} (key, value) VALUES ('schema_version', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`).run(String(version));
}

/**
 * Creates the schema in a new file, migrates an older one, and refuses a file written
 * by a newer version of this package. Only a file that needs work is write-locked.
 */
export function ensureSchema(db: Database, filename: string, migrations: readonly SchemaMigration[] = MIGRATIONS, target: number = SCHEMA_VERSION): void {
  const seen = readVersion(db);
  if (seen === target) return;
  checkNotNewer(seen, target, filename);
  db.transaction(() => {
    const version = readVersion(db); // again, under the write lock: another process may have done it
    checkNotNewer(version, target, filename);
    if (version === undefined) {
      db.exec(`CREATE TABLE IF NOT EXISTS ${META_TABLE} (key TEXT PRIMARY KEY, value TEXT NOT NULL);`);
      db.exec(CREATE_V1);
      let current = 1;
      for (; current < target; current++) migrationFrom(migrations, current, filename).migrate(db);
      writeVersion(db, current);
      return;
    }
    for (let current = version; current < target; current++) {
      migrationFrom(migrations, current, filename).migrate(db);
      writeVersion(db, current + 1);
    }
  }).immediate();
}

function checkNotNewer(version: number | undefined, target: number, filename: string): void {
  if (version === undefined) return;
  if (!Number.isInteger(version) || version < 1) {
    throw new SqliteStoreFileError(`'${filename}' has an unreadable diffsync schema version (${String(version)}) in ${META_TABLE}.`);
  }
  if (version > target) {
    throw new SqliteStoreFileError(
      `'${filename}' was written by a newer @diffsync/sqlite-store (schema version ${version}; ` +
        `this version reads up to ${target}). Upgrade @diffsync/sqlite-store to open it.`,
    );
  }
}

function migrationFrom(migrations: readonly SchemaMigration[], version: number, filename: string): SchemaMigration {
  const found = migrations.find((m) => m.from === version);
  if (!found) {
    throw new SqliteStoreFileError(`'${filename}' has diffsync schema version ${version} and no migration from it is known.`);
  }
  return found;
}
