import { Injectable, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { AdapterFactory, DiffSyncModule, DiffSyncService, InjectAdapterFactory, getAdapterFactoryToken } from '@diffsync/nestjs';
import { EXPECTED, SourceAdapter, TargetAdapter, TrackedStore, adaptersBuilt, features } from './fixtures';

describe('adapter factories and isolation', () => {
  beforeEach(() => {
    TrackedStore.created = [];
  });

  it('@InjectAdapterFactory injects a factory of fresh, unloaded adapters with their own stores', async () => {
    @Injectable()
    class Jobs {
      constructor(@InjectAdapterFactory(SourceAdapter) readonly makeSource: AdapterFactory<SourceAdapter>) {}
    }
    @Module({ imports: [features()], providers: [Jobs], exports: [Jobs] })
    class JobsModule {}
    const app = await Test.createTestingModule({ imports: [DiffSyncModule.forRoot({ store: TrackedStore }), JobsModule] }).compile();
    await app.init();
    const jobs = app.get(Jobs);
    const one = await jobs.makeSource();
    const two = await jobs.makeSource();
    expect(one).toBeInstanceOf(SourceAdapter);
    expect(one).not.toBe(two);
    expect(one.store).not.toBe(two.store);
    expect(one.store).toBeInstanceOf(TrackedStore);
    expect(await one.count()).toBe(0);
    await app.close();
  });

  it('getAdapterFactoryToken gives one stable token per class, usable with moduleRef.get()', async () => {
    expect(getAdapterFactoryToken(SourceAdapter)).toBe(getAdapterFactoryToken(SourceAdapter));
    expect(getAdapterFactoryToken(SourceAdapter)).not.toBe(getAdapterFactoryToken(TargetAdapter));
    expect(getAdapterFactoryToken(SourceAdapter).description).toContain('SourceAdapter');
    const app = await Test.createTestingModule({ imports: [DiffSyncModule.forRoot({}), features()] }).compile();
    await app.init();
    const make = app.get<AdapterFactory<TargetAdapter>>(getAdapterFactoryToken(TargetAdapter), { strict: false });
    expect(await make()).toBeInstanceOf(TargetAdapter);
    await app.close();
  });

  it('concurrent syncs never share adapters or stores', async () => {
    const app = await Test.createTestingModule({
      imports: [DiffSyncModule.forRoot({ store: TrackedStore }), features()],
    }).compile();
    await app.init();
    const service = app.get(DiffSyncService);
    const before = adaptersBuilt();
    // Each sync changes its target: a shared target or store would make later syncs find less to do.
    const diffs = await Promise.all(Array.from({ length: 6 }, () => service.sync(SourceAdapter, TargetAdapter)));
    for (const diff of diffs) expect(diff.summary()).toEqual(EXPECTED);
    expect(adaptersBuilt() - before).toBe(12);
    const stores = TrackedStore.created.filter((s) => s.adapter instanceof TargetAdapter || s.adapter instanceof SourceAdapter);
    expect(new Set(stores.map((s) => s.adapter)).size).toBe(stores.length);
    await app.close();
  });

  it('adapters created concurrently and synced by hand keep their own data', async () => {
    const app = await Test.createTestingModule({ imports: [DiffSyncModule.forRoot({}), features()] }).compile();
    await app.init();
    const service = app.get(DiffSyncService);
    const pairs = await Promise.all([1, 2, 3].map(async () => [await service.create(SourceAdapter), await service.create(TargetAdapter)] as const));
    await Promise.all(pairs.map(async ([s, t]) => Promise.all([s.load(), t.load()])));
    await pairs[0][1].syncFrom(pairs[0][0]);
    expect((await pairs[0][1].diffFrom(pairs[0][0])).hasDiffs()).toBe(false);
    for (const [s, t] of pairs.slice(1)) expect((await t.diffFrom(s)).summary()).toEqual(EXPECTED);
    await app.close();
  });
});
