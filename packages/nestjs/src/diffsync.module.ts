import { DynamicModule, Module, ModuleMetadata, Provider, Scope } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { DiffSyncConfigurableModule } from './diffsync.module-definition';
import { DiffSyncService } from './diffsync.service';
import { DiffSyncModuleError } from './errors';
import { AdapterClass, getAdapterFactoryToken } from './tokens';

/** Options of `DiffSyncModule.forFeature()`. */
export interface ForFeatureOptions {
  /** Modules whose exported providers the adapters' constructors inject. */
  imports?: ModuleMetadata['imports'];
  /** Extra providers the adapters' constructors inject. */
  providers?: Provider[];
}

/**
 * `DiffSyncModule.forRoot({ store, logger, validate })` (or `forRootAsync`) once, global;
 * `DiffSyncModule.forFeature([AdapterA, AdapterB], { imports })` where adapters are used.
 */
@Module({ providers: [DiffSyncService], exports: [DiffSyncService] })
export class DiffSyncModule extends DiffSyncConfigurableModule {
  /**
   * The global module: the options every adapter of `forFeature` gets (store, logger,
   * validate). Import it once, usually in AppModule.
   *
   * @example
   * ```ts
   * @Module({
   *   imports: [
   *     DiffSyncModule.forRoot({ store: LocalStore, validate: true }),
   *     DiffSyncModule.forFeature([NetboxAdapter, LabAdapter], { imports: [HttpModule] }),
   *   ],
   * })
   * class AppModule {}
   * ```
   */
  declare static forRoot: (typeof DiffSyncConfigurableModule)['forRoot'];
  /**
   * `forRoot` with options computed by a factory (`useFactory`, `inject`, `imports`), for
   * options read from a ConfigService.
   */
  declare static forRootAsync: (typeof DiffSyncConfigurableModule)['forRootAsync'];

  /**
   * Register adapter classes as injectable providers of the importing module; each
   * instance gets a store built from the `forRoot` options.
   *
   * @param adapters - Adapter subclasses (their constructors may inject providers).
   * @param options - Modules and providers the adapters' constructors inject.
   * @throws {@link DiffSyncModuleError} when an entry is not an adapter class.
   */
  static forFeature(adapters: AdapterClass[], options: ForFeatureOptions = {}): DynamicModule {
    for (const adapter of adapters) {
      if (typeof adapter !== 'function') {
        throw new DiffSyncModuleError(`DiffSyncModule.forFeature() takes adapter classes, got ${String(adapter)}.`);
      }
    }
    const names = adapters.map((a) => a.name).join(', ');
    const providers: Provider[] = adapters.flatMap((adapter): Provider[] => [
      { provide: adapter, useClass: adapter, scope: Scope.TRANSIENT },
      {
        provide: getAdapterFactoryToken(adapter),
        inject: [ModuleRef, { token: DiffSyncService, optional: true }],
        useFactory: (moduleRef: ModuleRef, service: DiffSyncService | undefined) => {
          if (service === undefined) {
            throw new DiffSyncModuleError(
              `DiffSyncModule.forFeature([${names}]) needs DiffSyncModule.forRoot() or forRootAsync() ` +
                'imported once in the application (usually in AppModule).',
            );
          }
          service.register(adapter, moduleRef);
          return () => service.create(adapter);
        },
      },
    ]);
    return {
      module: DiffSyncFeatureModule,
      imports: options.imports ?? [],
      providers: [...providers, ...(options.providers ?? [])],
      exports: adapters.map(getAdapterFactoryToken),
    };
  }
}

/** Holds the adapters of one forFeature() call. */
@Module({})
export class DiffSyncFeatureModule {}
