import { ConfigurableModuleBuilder } from '@nestjs/common';
import type { DiffSyncModuleOptions } from './diffsync-module-options';

export const {
  ConfigurableModuleClass: DiffSyncConfigurableModule,
  MODULE_OPTIONS_TOKEN: DIFFSYNC_MODULE_OPTIONS,
  OPTIONS_TYPE: DIFFSYNC_OPTIONS_TYPE,
  ASYNC_OPTIONS_TYPE: DIFFSYNC_ASYNC_OPTIONS_TYPE,
} = new ConfigurableModuleBuilder<DiffSyncModuleOptions>()
  .setClassMethodName('forRoot')
  .setExtras({}, (definition) => ({ ...definition, global: true }))
  .build();
