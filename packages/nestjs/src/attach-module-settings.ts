import type { Adapter, BaseStore, SyncLogger } from '@diffsync/core';

/** What the module gives every adapter it hands out. */
export interface ModuleSettings {
  store: BaseStore;
  logger?: SyncLogger;
  validate: boolean;
}

/** Give a Nest-built adapter (constructed with `super()` and no options) the module's settings. */
export function attachModuleSettings(adapter: Adapter, settings: ModuleSettings): void {
  adapter.attachStore(settings.store);
  if (settings.logger) adapter.logger = settings.logger;
  adapter.validate = settings.validate;
}
