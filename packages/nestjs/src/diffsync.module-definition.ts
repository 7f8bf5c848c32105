import { ConfigurableModuleBuilder } from '@nestjs/common';
import type { DiffSyncModuleOptions } from './diffsync-module-options';

/** The module definition built by Nest's ConfigurableModuleBuilder. */
export const {
  ConfigurableModuleClass: DiffSyncConfigurableModule,
  /** Injection token of the {@link DiffSyncModuleOptions} given to `forRoot` / `forRootAsync`. */
  MODULE_OPTIONS_TOKEN: DIFFSYNC_MODULE_OPTIONS,
  OPTIONS_TYPE: DIFFSYNC_OPTIONS_TYPE,
  ASYNC_OPTIONS_TYPE: DIFFSYNC_ASYNC_OPTIONS_TYPE,
} = new ConfigurableModuleBuilder<DiffSyncModuleOptions>()
  .setClassMethodName('forRoot')
  .setExtras({}, (definition) => ({ ...definition, global: true }))
  .build();
