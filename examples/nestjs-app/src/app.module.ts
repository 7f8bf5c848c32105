import { DynamicModule, Module } from '@nestjs/common';
import { DiffSyncModule, DiffSyncModuleOptions } from '@diffsync/nestjs';
import { CmdbAdapter, NetworkAdapter } from './adapters';
import { InventoryModule } from './inventory.module';
import { SyncJobService } from './sync-job.service';

@Module({})
export class AppModule {
  /** The application, with the DiffSync options given (LocalStore by default). */
  static register(options: DiffSyncModuleOptions = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [DiffSyncModule.forRoot(options), InventoryModule, DiffSyncModule.forFeature([CmdbAdapter, NetworkAdapter], { imports: [InventoryModule] })],
      providers: [SyncJobService],
      exports: [SyncJobService],
    };
  }
}
