export { DiffSyncModule, DiffSyncFeatureModule } from './diffsync.module';
export type { ForFeatureOptions } from './diffsync.module';
export { DiffSyncService } from './diffsync.service';
export { InjectAdapterFactory } from './inject-adapter-factory.decorator';
export { getAdapterFactoryToken } from './tokens';
export type { AdapterClass, AdapterFactory } from './tokens';
export type { DiffSyncModuleOptions, StoreClassOption, StoreFactoryOption } from './diffsync-module-options';
export { DIFFSYNC_MODULE_OPTIONS } from './diffsync.module-definition';
export { DiffSyncModuleError } from './errors';
