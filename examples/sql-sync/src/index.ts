export { InventoryDb, SqlDevice, SqlInterface, SqlSite } from './models';
export { BACKENDS, runSqlSync } from './sql-sync';
export type { BackendName, SqlSyncOptions, SqlSyncResult } from './sql-sync';
export { DEFAULT_URL, main } from './cli';
