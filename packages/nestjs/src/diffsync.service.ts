import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown, Optional } from '@nestjs/common';
import type { ModuleRef } from '@nestjs/core';
import type { Adapter, BaseStore, Diff, DiffOptions, SyncOptions } from '@diffsync/core';
import { attachModuleSettings } from './attach-module-settings';
import { DIFFSYNC_MODULE_OPTIONS } from './diffsync.module-definition';
import type { DiffSyncModuleOptions } from './diffsync-module-options';
import { DiffSyncModuleError } from './errors';
import { assertStoreOption, buildStore } from './store-option';
import type { AdapterClass } from './tokens';
import { checkAdapterModels } from './model-check';

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Builds adapters through Nest's injector, gives them the module's store, logger and
 * validate flag, and runs diffs and syncs between them.
 */
@Injectable()
export class DiffSyncService implements OnApplicationBootstrap, OnApplicationShutdown {
  /** Where each registered adapter class is resolved (the forFeature module that lists it). */
  private readonly registry = new Map<AdapterClass, ModuleRef>();
  /** Adapters handed out whose module-built store is still open. */
  private readonly openStores = new Map<Adapter, BaseStore>();
  private readonly options: DiffSyncModuleOptions;

  constructor(@Optional() @Inject(DIFFSYNC_MODULE_OPTIONS) options?: DiffSyncModuleOptions) {
    if (options === undefined) {
      throw new DiffSyncModuleError(
        'DiffSyncModule has no options: import it as DiffSyncModule.forRoot({ ... }) or ' +
          'DiffSyncModule.forRootAsync({ ... }) (once, usually in AppModule), not as the bare class.',
      );
    }
    assertStoreOption(options.store);
    this.options = options;
  }

  /** @internal called by forFeature's providers at bootstrap. */
  register(adapter: AdapterClass, moduleRef: ModuleRef): void {
    this.registry.set(adapter, moduleRef);
  }

  /** Registered adapter classes, in registration order. */
  registeredAdapters(): AdapterClass[] {
    return [...this.registry.keys()];
  }

  /**
   * A fresh, unloaded adapter built by Nest, with a new store of its own, the module's
   * logger and validate flag. Its store stays open until `release(adapter)` or shutdown.
   */
  async create<A extends Adapter>(adapterClass: AdapterClass<A>): Promise<A> {
    const name = adapterClass?.name ?? String(adapterClass);
    const moduleRef = this.registry.get(adapterClass);
    if (!moduleRef) {
      throw new DiffSyncModuleError(`Adapter ${name} is not registered: add it to DiffSyncModule.forFeature([${name}]) in the module that uses it.`);
    }
    // Adapters are transient providers and resolve() uses a new context id each call:
    // every call builds a new instance.
    const adapter = await moduleRef.resolve<A>(adapterClass, undefined, { strict: true });
    let store: BaseStore;
    try {
      store = await buildStore(this.options.store, adapter);
    } catch (error) {
      throw new DiffSyncModuleError(`Could not build the store of adapter ${name}: ${messageOf(error)}`, { cause: error });
    }
    for (const [other, used] of this.openStores) {
      if (used === store) {
        throw new DiffSyncModuleError(
          `The store factory gave adapter ${name} the store already used by adapter ${other.constructor.name}: ` + 'it must return a new store on each call.',
        );
      }
    }
    this.openStores.set(adapter, store);
    attachModuleSettings(adapter, { store, logger: this.options.logger, validate: this.options.validate === true });
    return adapter;
  }

  /**
   * Close the store the module built for `adapter` (from `create()` or an adapter
   * factory) now instead of at shutdown. Does nothing for an adapter already released.
   */
  async release(adapter: Adapter): Promise<void> {
    const store = this.openStores.get(adapter);
    if (store === undefined) return;
    this.openStores.delete(adapter);
    await store.close();
  }

  /** Create and load both adapters, then `target.diffFrom(source, options)`; closes their stores. */
  async diff<D extends Diff = Diff>(source: AdapterClass, target: AdapterClass, options?: DiffOptions<D>): Promise<D> {
    return this.withPair(source, target, (s, t) => t.diffFrom(s, options));
  }

  /** Create and load both adapters, then `target.syncFrom(source, options)`; closes their stores. */
  async sync<D extends Diff = Diff>(source: AdapterClass, target: AdapterClass, options?: SyncOptions<D>): Promise<D> {
    return this.withPair(source, target, (s, t) => t.syncFrom(s, options));
  }

  /**
   * Build one probe instance of every registered adapter's models (a model that loses its
   * constructor values fails the start). With a `store` option, also build one store per
   * registered adapter (through a real adapter instance, as `create()` does) and close it
   * again: an unreachable store fails the start.
   */
  async onApplicationBootstrap(): Promise<void> {
    for (const adapterClass of this.registry.keys()) checkAdapterModels(adapterClass as unknown as typeof Adapter);
    if (this.options.checkStoreOnBootstrap === false || this.options.store === undefined) return;
    for (const adapterClass of this.registry.keys()) {
      let adapter: Adapter;
      try {
        adapter = await this.create(adapterClass);
      } catch (error) {
        throw new DiffSyncModuleError(`DiffSyncModule.forRoot({ store }) failed at bootstrap: ${messageOf(error)}`, {
          cause: (error as DiffSyncModuleError).cause ?? error,
        });
      }
      await this.release(adapter);
    }
  }

  /** Close every store the module built and has not closed yet. */
  async onApplicationShutdown(): Promise<void> {
    const open = [...this.openStores];
    this.openStores.clear();
    const results = await Promise.allSettled(open.map(([, store]) => store.close()));
    const failed = results.findIndex((r) => r.status === 'rejected');
    if (failed >= 0) {
      const reason: unknown = (results[failed] as PromiseRejectedResult).reason;
      throw new DiffSyncModuleError(`Could not close the store of adapter ${open[failed][0].constructor.name} at shutdown: ${messageOf(reason)}`, {
        cause: reason,
      });
    }
  }

  private async withPair<R>(source: AdapterClass, target: AdapterClass, run: (s: Adapter, t: Adapter) => Promise<R>): Promise<R> {
    const created: Adapter[] = [];
    try {
      const s = await this.create(source);
      created.push(s);
      const t = await this.create(target);
      created.push(t);
      await Promise.all([s.load(), t.load()]);
      return await run(s, t);
    } finally {
      await Promise.all(created.map((a) => this.release(a)));
    }
  }
}
