import type { Database } from 'better-sqlite3';
import { SqliteStoreFileError } from './errors';

/** Version of the file layout this package writes. Bump it with a migration below. */
export const SCHEMA_VERSION = 1;

/** Name of the table that holds every store's objects. */
export const OBJECTS_TABLE = 'diffsync_objects';
/** Name of the key/value table that holds the schema version. */
export const META_TABLE = 'diffsync_meta';

/** Upgrades a file from schema `from` to `from + 1`; runs inside the upgrade transaction. */
export interface SchemaMigration {
  from: number;
  migrate(db: Database): void;
}

/**
 * Migrations from older layouts, in order. Version 1 is the first layout, so there
 * is none yet; a future layout change appends `{ from: 1, migrate(db) { ... } }`.
 */
export const MIGRATIONS: readonly SchemaMigration[] = [];

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

function readVersion(db: Database): number | undefined {
  const table = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(META_TABLE);
  if (!table) return undefined;
  const row = db.prepare(`SELECT value FROM ${META_TABLE} WHERE key = 'schema_version'`).get() as { value: string } | undefined;
  return row ? Number(row.value) : undefined;
}

function writeVersion(db: Database, version: number): void {
  db.prepare(`INSERT INTO ${META_TABLE} (key, value) VALUES ('schema_version', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`).run(
    String(version),
  );
}

/**
 * Creates the schema in a new file, migrates an older one, and refuses a file written
 * by a newer version of this package. Only a file that needs work is write-locked.
 */
export function ensureSchema(
  db: Database,
  filename: string,
  migrations: readonly SchemaMigration[] = MIGRATIONS,
  target: number = SCHEMA_VERSION,
): void {
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
