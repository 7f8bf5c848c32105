import { Injectable, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { ObjectStoreException, SyncLogger } from '@diffsync/core';
import {
  AdapterFactory,
  DiffSyncModule,
  DiffSyncModuleError,
  DiffSyncService,
  InjectAdapterFactory,
} from '@diffsync/nestjs';
import { InventorySource, OtherAdapter, SourceAdapter, TargetAdapter, TrackedStore, adaptersBuilt } from './fixtures';

@Module({ providers: [InventorySource], exports: [InventorySource] })
class InventoryModule {}

function features() {
  return DiffSyncModule.forFeature([SourceAdapter, TargetAdapter], { imports: [InventoryModule] });
}

/** Source (ams, nyc) → target (BackendA: nyc, sfo). */
const EXPECTED = { create: 4, update: 0, delete: 11, 'no-change': 4, skip: 0 };

describe('DiffSyncModule', () => {
  beforeEach(() => {
    TrackedStore.created = [];
  });

  it('forRoot + forFeature: diff and sync build and load both adapters', async () => {
    const app = await Test.createTestingModule({ imports: [DiffSyncModule.forRoot({}), features()] }).compile();
    await app.init();
    const service = app.get(DiffSyncService);
    const diff = await service.diff(SourceAdapter, TargetAdapter);
    expect(diff.summary()).toEqual(EXPECTED);
    const synced = await service.sync(SourceAdapter, TargetAdapter);
    expect(synced.summary()).toEqual(EXPECTED);
    await app.close();
  });

  it('create() gives a fresh DI-built adapter each time, with the module store, logger and validate flag', async () => {
    const logger: SyncLogger = { error: jest.fn(), warn: jest.fn(), info: jest.fn(), debug: jest.fn() };
    const app = await Test.createTestingModule({
      imports: [DiffSyncModule.forRoot({ store: TrackedStore, logger, validate: true }), features()],
    }).compile();
    await app.init();
    const service = app.get(DiffSyncService);
    const a = await service.create(SourceAdapter);
    const b = await service.create(SourceAdapter);
    expect(a).not.toBe(b);
    expect(a.store).not.toBe(b.store);
    expect(a.store).toBeInstanceOf(TrackedStore);
    expect(a.store.adapter).toBe(a);
    expect(a.logger).toBe(logger);
    expect(a.validate).toBe(true);
    expect(a.source).toBeInstanceOf(InventorySource);
    expect(await a.count()).toBe(0); // returned unloaded
    await a.load();
    expect(await a.count('site')).toBe(2);
    expect(await b.count()).toBe(0);
    await app.close();
  });

  it('forRootAsync takes options from a factory with injected providers', async () => {
    @Injectable()
    class Config {
      validate = true;
    }
    @Module({ providers: [Config], exports: [Config] })
    class ConfigModule {}
    const app = await Test.createTestingModule({
      imports: [
        DiffSyncModule.forRootAsync({
          imports: [ConfigModule],
          inject: [Config],
          useFactory: (config: Config) => ({ store: TrackedStore, validate: config.validate }),
        }),
        features(),
      ],
    }).compile();
    await app.init();
    const adapter = await app.get(DiffSyncService).create(TargetAdapter);
    expect(adapter.validate).toBe(true);
    expect(adapter.store).toBeInstanceOf(TrackedStore);
    await app.close();
  });

  it('@InjectAdapterFactory injects a factory of fresh, unloaded adapters', async () => {
    @Injectable()
    class Jobs {
      constructor(@InjectAdapterFactory(SourceAdapter) readonly makeSource: AdapterFactory<SourceAdapter>) {}
    }
    @Module({ imports: [features()], providers: [Jobs], exports: [Jobs] })
    class JobsModule {}
    const app = await Test.createTestingModule({ imports: [DiffSyncModule.forRoot({}), JobsModule] }).compile();
    await app.init();
    const jobs = app.get(Jobs);
    const one = await jobs.makeSource();
    const two = await jobs.makeSource();
    expect(one).toBeInstanceOf(SourceAdapter);
    expect(one).not.toBe(two);
    expect(await one.count()).toBe(0);
    await app.close();
  });

  it('concurrent syncs never share adapters or stores', async () => {
    const app = await Test.createTestingModule({
      imports: [DiffSyncModule.forRoot({ store: TrackedStore }), features()],
    }).compile();
    await app.init();
    const service = app.get(DiffSyncService);
    const before = adaptersBuilt();
    const diffs = await Promise.all(Array.from({ length: 6 }, () => service.sync(SourceAdapter, TargetAdapter)));
    for (const diff of diffs) expect(diff.summary()).toEqual(EXPECTED);
    expect(adaptersBuilt() - before).toBe(12);
    expect(new Set(TrackedStore.created.map((s) => s.adapter)).size).toBe(TrackedStore.created.length);
    await app.close();
  });

  it('closes the stores it built: right after diff/sync, and at shutdown for create()', async () => {
    const app = await Test.createTestingModule({
      imports: [DiffSyncModule.forRoot({ store: TrackedStore, checkStoreOnBootstrap: false }), features()],
    }).compile();
    await app.init();
    const service = app.get(DiffSyncService);
    await service.diff(SourceAdapter, TargetAdapter);
    expect(TrackedStore.created).toHaveLength(2);
    expect(TrackedStore.created.every((s) => s.closed)).toBe(true);
    const kept = await service.create(TargetAdapter);
    expect((kept.store as TrackedStore).closed).toBe(false);
    await app.close();
    expect((kept.store as TrackedStore).closed).toBe(true);
  });

  it('a store factory is called once per adapter', async () => {
    const factory = jest.fn((adapter) => new TrackedStore({ adapter, name: `for-${adapter.constructor.name}` }));
    const app = await Test.createTestingModule({
      imports: [DiffSyncModule.forRoot({ store: factory, checkStoreOnBootstrap: false }), features()],
    }).compile();
    await app.init();
    const adapter = await app.get(DiffSyncService).create(SourceAdapter);
    expect(factory).toHaveBeenCalledTimes(1);
    expect(factory).toHaveBeenCalledWith(adapter);
    expect(adapter.store.name).toBe('for-SourceAdapter');
    await app.close();
  });
});

describe('DiffSyncModule misconfiguration', () => {
  it('create/diff/sync with an adapter not registered by forFeature name its class', async () => {
    const app = await Test.createTestingModule({ imports: [DiffSyncModule.forRoot({}), features()] }).compile();
    await app.init();
    const service = app.get(DiffSyncService);
    await expect(service.create(OtherAdapter)).rejects.toThrow(DiffSyncModuleError);
    await expect(service.create(OtherAdapter)).rejects.toThrow(/OtherAdapter is not registered.*forFeature/);
    await expect(service.sync(OtherAdapter, TargetAdapter)).rejects.toThrow(/OtherAdapter/);
    await app.close();
  });

  it('@InjectAdapterFactory of an unregistered adapter fails at bootstrap, naming the adapter', async () => {
    @Injectable()
    class NeedsOther {
      constructor(@InjectAdapterFactory(OtherAdapter) readonly make: AdapterFactory) {}
    }
    const compile = Test.createTestingModule({
      imports: [DiffSyncModule.forRoot({}), features()],
      providers: [NeedsOther],
    }).compile();
    await expect(compile).rejects.toThrow(/OtherAdapter/);
  });

  it('forFeature without forRoot fails at bootstrap, naming forRoot', async () => {
    const compile = Test.createTestingModule({ imports: [features()] }).compile();
    await expect(compile).rejects.toThrow(/forRoot/);
  });

  it('refuses a store instance, which cannot be shared by adapters', async () => {
    const compile = Test.createTestingModule({
      imports: [DiffSyncModule.forRoot({ store: new TrackedStore() as never }), features()],
    }).compile();
    await expect(compile).rejects.toThrow(/store of its own/);
  });

  it('an unreachable store fails the application start', async () => {
    const app = await Test.createTestingModule({
      imports: [
        DiffSyncModule.forRoot({
          store: () => {
            throw new ObjectStoreException('Redis store is unavailable.');
          },
        }),
        features(),
      ],
    }).compile();
    const error = await app.init().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DiffSyncModuleError);
    expect((error as Error).message).toMatch(/forRoot\(\{ store \}\).*Redis store is unavailable/);
    expect((error as Error).cause).toBeInstanceOf(ObjectStoreException);
  });
});
