export { AppModule } from './app.module';
export { SyncJobService } from './sync-job.service';
export type { SyncReport } from './sync-job.service';
export { CmdbAdapter, NetworkAdapter } from './adapters';
export { InventorySourceService } from './inventory-source.service';
export { InventoryModule } from './inventory.module';
export { redisStorePerAdapter } from './redis-store-option';
