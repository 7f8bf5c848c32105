import { Injectable } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { ObjectStoreException } from '@diffsync/core';
import { AdapterFactory, DiffSyncModule, DiffSyncModuleError, DiffSyncService, InjectAdapterFactory } from '@diffsync/nestjs';
import { OtherAdapter, SourceAdapter, TargetAdapter, TrackedStore, features } from './fixtures';

/** The error a promise rejects with. */
async function rejectionOf(promise: Promise<unknown>): Promise<Error> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: Error) => e,
  );
}

describe('DiffSyncModule misconfiguration', () => {
  it('create/diff/sync with an adapter not registered by forFeature name its class', async () => {
    const app = await Test.createTestingModule({ imports: [DiffSyncModule.forRoot({}), features()] }).compile();
    await app.init();
    const service = app.get(DiffSyncService);
    const error = await rejectionOf(service.create(OtherAdapter));
    expect(error).toBeInstanceOf(DiffSyncModuleError);
    expect(error.message).toBe('Adapter OtherAdapter is not registered: add it to DiffSyncModule.forFeature([OtherAdapter]) in the module that uses it.');
    await expect(service.sync(OtherAdapter, TargetAdapter)).rejects.toThrow(/Adapter OtherAdapter is not registered/);
    await expect(service.diff(SourceAdapter, OtherAdapter)).rejects.toThrow(/Adapter OtherAdapter is not registered/);
    await app.close();
  });

  it('@InjectAdapterFactory of an unregistered adapter fails at bootstrap, naming the adapter and forFeature', async () => {
    @Injectable()
    class NeedsOther {
      constructor(@InjectAdapterFactory(OtherAdapter) readonly make: AdapterFactory) {}
    }
    const error = await rejectionOf(Test.createTestingModule({ imports: [DiffSyncModule.forRoot({}), features()], providers: [NeedsOther] }).compile());
    expect(error.message).toContain('NeedsOther');
    expect(error.message).toContain('register OtherAdapter with DiffSyncModule.forFeature');
  });

  it('forFeature without forRoot fails at bootstrap, naming forRoot', async () => {
    const error = await rejectionOf(Test.createTestingModule({ imports: [features()] }).compile());
    expect(error).toBeInstanceOf(DiffSyncModuleError);
    expect(error.message).toBe(
      'DiffSyncModule.forFeature([SourceAdapter, TargetAdapter]) needs DiffSyncModule.forRoot() or forRootAsync() ' +
        'imported once in the application (usually in AppModule).',
    );
  });

  it('the bare DiffSyncModule class without forRoot fails at bootstrap, naming forRoot', async () => {
    const error = await rejectionOf(Test.createTestingModule({ imports: [DiffSyncModule, features()] }).compile());
    expect(error).toBeInstanceOf(DiffSyncModuleError);
    expect(error.message).toMatch(/import it as DiffSyncModule\.forRoot\(/);
  });

  it('forFeature refuses what is not a class', () => {
    expect(() => DiffSyncModule.forFeature([undefined as never])).toThrow('DiffSyncModule.forFeature() takes adapter classes, got undefined.');
  });

  it('refuses a store instance, which cannot be shared by adapters', async () => {
    const error = await rejectionOf(
      Test.createTestingModule({ imports: [DiffSyncModule.forRoot({ store: new TrackedStore() as never }), features()] }).compile(),
    );
    expect(error).toBeInstanceOf(DiffSyncModuleError);
    expect(error.message).toMatch(/got a TrackedStore instance: every adapter instance needs a store of its own/);
  });

  it('a store factory returning one store for two adapters is refused, naming both', async () => {
    const shared = new TrackedStore();
    const app = await Test.createTestingModule({
      imports: [DiffSyncModule.forRoot({ store: () => shared, checkStoreOnBootstrap: false }), features()],
    }).compile();
    await app.init();
    const service = app.get(DiffSyncService);
    await service.create(SourceAdapter);
    await expect(service.create(TargetAdapter)).rejects.toThrow(
      'The store factory gave adapter TargetAdapter the store already used by adapter SourceAdapter: it must return a new store on each call.',
    );
    await app.close();
  });

  it('an unreachable store fails the application start, naming forRoot and the adapter', async () => {
    const app = await Test.createTestingModule({
      imports: [
        DiffSyncModule.forRoot({
          store: (adapter) => {
            if (adapter instanceof TargetAdapter) throw new ObjectStoreException('Redis store is unavailable.');
            return new TrackedStore({ adapter });
          },
        }),
        features(),
      ],
    }).compile();
    const error = await rejectionOf(app.init());
    expect(error).toBeInstanceOf(DiffSyncModuleError);
    expect(error.message).toBe(
      'DiffSyncModule.forRoot({ store }) failed at bootstrap: Could not build the store of adapter TargetAdapter: Redis store is unavailable.',
    );
    expect(error.cause).toBeInstanceOf(ObjectStoreException);
  });

  it('when the bootstrap check is off, the unreachable store fails the first create(), naming the adapter', async () => {
    const app = await Test.createTestingModule({
      imports: [
        DiffSyncModule.forRoot({
          store: async () => {
            throw new ObjectStoreException('Redis store is unavailable.');
          },
          checkStoreOnBootstrap: false,
        }),
        features(),
      ],
    }).compile();
    await app.init();
    await expect(app.get(DiffSyncService).sync(SourceAdapter, TargetAdapter)).rejects.toThrow(
      'Could not build the store of adapter SourceAdapter: Redis store is unavailable.',
    );
    await app.close();
  });
});
