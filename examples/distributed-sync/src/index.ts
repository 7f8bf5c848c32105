export { GeneratedNetwork } from './generated-network';
export type { NetworkShape, GeneratedNetworkOptions } from './generated-network';
export { InventoryDb, SqlDevice, SqlInterface, SqlSite } from './models';
export { defineInventorySync, SYNC_NAME } from './inventory-sync';
export { runDistributedSync } from './distributed-sync';
export type { DistributedSyncOptions, DistributedSyncResult, WorkerSettings } from './distributed-sync';
export { DEFAULT_URL, main } from './cli';
