import { Test } from '@nestjs/testing';
import type { Adapter } from '@diffsync/core';
import { DiffSyncModule, DiffSyncModuleError, DiffSyncService } from '@diffsync/nestjs';
import { BorrowingStore, FailingCloseStore, SourceAdapter, TargetAdapter, TrackedStore, UserClient, features } from './fixtures';

describe('store lifecycle', () => {
  beforeEach(() => {
    TrackedStore.created = [];
  });

  it('closes the stores of diff()/sync() right away, and those of create() at shutdown', async () => {
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

  it('release() closes one adapter store now, once', async () => {
    const app = await Test.createTestingModule({
      imports: [DiffSyncModule.forRoot({ store: TrackedStore, checkStoreOnBootstrap: false }), features()],
    }).compile();
    await app.init();
    const service = app.get(DiffSyncService);
    const adapter = await service.create(SourceAdapter);
    const store = adapter.store as TrackedStore;
    const close = jest.spyOn(store, 'close');
    await service.release(adapter);
    expect(store.closed).toBe(true);
    await service.release(adapter);
    await app.close();
    expect(close).toHaveBeenCalledTimes(1);
  });

  it('what the user owns stays open: a client the store factory borrows is not closed', async () => {
    const client = new UserClient();
    const app = await Test.createTestingModule({
      imports: [DiffSyncModule.forRoot({ store: (adapter) => new BorrowingStore({ adapter }, client) }), features()],
    }).compile();
    await app.init();
    const service = app.get(DiffSyncService);
    await service.sync(SourceAdapter, TargetAdapter);
    const kept = await service.create(SourceAdapter);
    await app.close();
    expect((kept.store as BorrowingStore).closed).toBe(true);
    expect(TrackedStore.created.every((s) => s.closed)).toBe(true);
    expect(client.closed).toBe(false);
  });

  it('the bootstrap check builds one store per registered adapter and closes it', async () => {
    const factory = jest.fn((adapter: Adapter) => new TrackedStore({ adapter }));
    const app = await Test.createTestingModule({ imports: [DiffSyncModule.forRoot({ store: factory }), features()] }).compile();
    await app.init();
    expect(factory.mock.calls.map(([adapter]) => adapter.constructor)).toEqual([SourceAdapter, TargetAdapter]);
    expect(TrackedStore.created.every((s) => s.closed)).toBe(true);
    await app.close();
  });

  it('a store that fails to close is reported at shutdown, naming the adapter', async () => {
    const app = await Test.createTestingModule({
      imports: [DiffSyncModule.forRoot({ store: FailingCloseStore, checkStoreOnBootstrap: false }), features()],
    }).compile();
    await app.init();
    await app.get(DiffSyncService).create(TargetAdapter);
    const error = await app.close().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DiffSyncModuleError);
    expect((error as Error).message).toBe('Could not close the store of adapter TargetAdapter at shutdown: connection reset');
  });
});
