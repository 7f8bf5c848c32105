import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { ModuleRef } from '@nestjs/core';
import { Adapter, BaseStore, Diff, DiffOptions, LocalStore, SyncOptions } from '@diffsync/core';
import { DIFFSYNC_MODULE_OPTIONS } from './diffsync.module-definition';
import type { DiffSyncModuleOptions, StoreClassOption, StoreFactoryOption } from './diffsync-module-options';
import { DiffSyncModuleError } from './errors';
import type { AdapterClass } from './tokens';

/** A bare adapter used only to check the store option at bootstrap. */
class StoreProbeAdapter extends Adapter {}

function isStoreClass(store: unknown): store is StoreClassOption {
  return typeof store === 'function' && (store === BaseStore || store.prototype instanceof BaseStore);
}

/**
 * Builds adapters through Nest's injector, gives them the module's store, logger and
 * validate flag, and runs diffs and syncs between them.
 */
@Injectable()
export class DiffSyncService implements OnApplicationBootstrap, OnApplicationShutdown {
  /** Where each registered adapter class is resolved (the forFeature module that lists it). */
  private readonly registry = new Map<AdapterClass, ModuleRef>();
  /** Stores built for adapters this module created and not yet closed. */
  private readonly ownedStores = new Set<BaseStore>();

  constructor(@Inject(DIFFSYNC_MODULE_OPTIONS) private readonly options: DiffSyncModuleOptions) {
    const store = options.store;
    if (store !== undefined && typeof store !== 'function') {
      throw new DiffSyncModuleError(
        'DiffSyncModule.forRoot({ store }) takes a BaseStore subclass or a factory (adapter) => store: every adapter ' +
          'instance needs a store of its own, so one store instance cannot be shared.',
      );
    }
  }

  /** @internal called by forFeature's providers at bootstrap. */
  register(adapter: AdapterClass, moduleRef: ModuleRef): void {
    this.registry.set(adapter, moduleRef);
  }

  /** Registered adapter classes. */
  registeredAdapters(): AdapterClass[] {
    return [...this.registry.keys()];
  }

  /** A fresh, unloaded adapter built by Nest, with the module's store, logger and validate flag. */
  async create<A extends Adapter>(adapterClass: AdapterClass<A>): Promise<A> {
    const moduleRef = this.registry.get(adapterClass);
    if (!moduleRef) {
      throw new DiffSyncModuleError(
        `Adapter ${adapterClass?.name ?? String(adapterClass)} is not registered: add it to ` +
          `DiffSyncModule.forFeature([${adapterClass?.name ?? '...'}]) in the module that uses it.`,
      );
    }
    // Transient provider: every resolve() gives a new instance.
    const adapter = await moduleRef.resolve<A>(adapterClass, undefined, { strict: true });
    await this.equip(adapter);
    return adapter;
  }

  /** Create and load both adapters, then `target.diffFrom(source, options)`. */
  async diff<D extends Diff = Diff>(source: AdapterClass, target: AdapterClass, options?: DiffOptions<D>): Promise<D> {
    return this.withPair(source, target, (s, t) => t.diffFrom(s, options));
  }

  /** Create and load both adapters, then `target.syncFrom(source, options)`. */
  async sync<D extends Diff = Diff>(source: AdapterClass, target: AdapterClass, options?: SyncOptions<D>): Promise<D> {
    return this.withPair(source, target, (s, t) => t.syncFrom(s, options));
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.options.checkStoreOnBootstrap === false || this.options.store === undefined) return;
    const probe = new StoreProbeAdapter();
    let store: BaseStore;
    try {
      store = await this.buildStore(probe);
    } catch (error) {
      throw new DiffSyncModuleError(
        `DiffSyncModule.forRoot({ store }) could not build a store at bootstrap: ${(error as Error).message}`,
        { cause: error },
      );
    }
    await this.release(store);
  }

  async onApplicationShutdown(): Promise<void> {
    const stores = [...this.ownedStores];
    this.ownedStores.clear();
    await Promise.all(stores.map((s) => s.close()));
  }

  private async withPair<R>(source: AdapterClass, target: AdapterClass, run: (s: Adapter, t: Adapter) => Promise<R>): Promise<R> {
    const s = await this.create(source);
    const t = await this.create(target);
    try {
      await Promise.all([s.load(), t.load()]);
      return await run(s, t);
    } finally {
      await Promise.all([this.release(s.store), this.release(t.store)]);
    }
  }

  private async equip(adapter: Adapter): Promise<void> {
    let store: BaseStore;
    try {
      store = await this.buildStore(adapter);
    } catch (error) {
      throw new DiffSyncModuleError(
        `Could not build the store of adapter ${adapter.constructor.name}: ${(error as Error).message}`,
        { cause: error },
      );
    }
    // Nest builds adapters with `super()` and no options: give them the module's settings.
    const writable = adapter as unknown as { store: BaseStore; logger: unknown; validate: boolean };
    writable.store = store;
    store.adapter = adapter;
    if (this.options.logger) writable.logger = this.options.logger;
    writable.validate = this.options.validate === true;
  }

  private async buildStore(adapter: Adapter): Promise<BaseStore> {
    const option = this.options.store;
    let store: unknown;
    if (option === undefined) store = new LocalStore({ adapter });
    else if (isStoreClass(option)) store = new option({ adapter });
    else store = await (option as StoreFactoryOption)(adapter);
    if (!(store instanceof BaseStore)) {
      throw new DiffSyncModuleError(`the store factory returned ${String(store)}, not a BaseStore.`);
    }
    this.ownedStores.add(store);
    return store;
  }

  /**
   * Close a store built for one of our adapters. What a store owns is its own affair:
   * a RedisStore given the user's client leaves that client open.
   */
  private async release(store: BaseStore): Promise<void> {
    if (this.ownedStores.delete(store)) await store.close();
  }
}
