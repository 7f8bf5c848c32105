export { SqliteStore } from './sqlite-store';
export type { SqliteStoreOptions } from './sqlite-store-options';
export { SqliteStoreLockedError, SqliteStoreFileError, SqliteStoreDecodeError } from './errors';
export { SCHEMA_VERSION, MIGRATIONS, OBJECTS_TABLE, ROWS_TABLE, COLLECTIONS_TABLE, META_TABLE, STORES_TABLE, ensureSchema } from './schema';
export type { SchemaMigration } from './schema';
