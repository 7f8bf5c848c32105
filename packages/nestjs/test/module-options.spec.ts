import { Injectable, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Adapter, SyncLogger } from '@diffsync/core';
import { WINSTON_MODULE_PROVIDER, WinstonModule } from 'nest-winston';
import { Writable } from 'node:stream';
import * as winston from 'winston';
import { DiffSyncModule, DiffSyncService } from '@diffsync/nestjs';
import { EXPECTED, InventorySource, SourceAdapter, TargetAdapter, TrackedStore, features } from './fixtures';

/** A winston transport keeping the messages it gets. */
function memoryTransport(): { transport: winston.transport; messages: string[] } {
  const messages: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      messages.push((JSON.parse(chunk.toString()) as { message: string }).message);
      done();
    },
  });
  return { transport: new winston.transports.Stream({ stream, format: winston.format.json() }), messages };
}

describe('DiffSyncModule options', () => {
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
    expect(service.registeredAdapters()).toEqual([SourceAdapter, TargetAdapter]);
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
    expect(a.source).toBe(b.source); // injected providers keep their own (singleton) scope
    expect(await a.count()).toBe(0); // returned unloaded
    await a.load();
    expect(await a.count('site')).toBe(2);
    expect(await b.count()).toBe(0);
    await app.close();
  });

  it('without options an adapter gets a LocalStore, validate false and the default logger', async () => {
    const app = await Test.createTestingModule({ imports: [DiffSyncModule.forRoot({}), features()] }).compile();
    await app.init();
    const adapter = await app.get(DiffSyncService).create(TargetAdapter);
    expect(adapter.store.constructor.name).toBe('LocalStore');
    expect(adapter.store.adapter).toBe(adapter);
    expect(adapter.validate).toBe(false);
    expect(typeof adapter.logger.info).toBe('function');
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
          useFactory: async (config: Config) => ({ store: TrackedStore, validate: config.validate }),
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

  it('forRootAsync also takes useClass (an options factory with create())', async () => {
    @Injectable()
    class DiffSyncConfig {
      create() {
        return { store: TrackedStore, validate: true };
      }
    }
    const app = await Test.createTestingModule({
      imports: [DiffSyncModule.forRootAsync({ useClass: DiffSyncConfig }), features()],
    }).compile();
    await app.init();
    const adapter = await app.get(DiffSyncService).create(SourceAdapter);
    expect(adapter.store).toBeInstanceOf(TrackedStore);
    expect(adapter.validate).toBe(true);
    await app.close();
  });

  it('forRootAsync can hand the nest-winston logger to every adapter', async () => {
    const { transport, messages } = memoryTransport();
    const app = await Test.createTestingModule({
      imports: [
        WinstonModule.forRoot({ level: 'info', transports: [transport] }),
        DiffSyncModule.forRootAsync({
          inject: [WINSTON_MODULE_PROVIDER],
          useFactory: (logger: winston.Logger) => ({ logger }),
        }),
        features(),
      ],
    }).compile();
    await app.init();
    const service = app.get(DiffSyncService);
    expect((await service.create(SourceAdapter)).logger).toBe(app.get(WINSTON_MODULE_PROVIDER));
    await service.sync(SourceAdapter, TargetAdapter);
    expect(messages).toContain('Beginning sync');
    await app.close();
  });

  it('a store factory is called once per adapter, with that adapter', async () => {
    const factory = jest.fn((adapter: Adapter) => new TrackedStore({ adapter, name: `for-${adapter.constructor.name}` }));
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
