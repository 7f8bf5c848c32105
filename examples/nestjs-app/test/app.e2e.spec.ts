import { Test } from '@nestjs/testing';
import { LocalStore } from '@diffsync/core';
import { AppModule, InventorySourceService, SyncJobService } from '../src';

/** Backend-B (source) into Backend-A (target), as the network-inventory example computes it. */
const EXPECTED = { create: 7, update: 1, delete: 1, 'no-change': 13, skip: 0 };

describe('nestjs-app with LocalStore', () => {
  it('syncs the network from the CMDB on demand', async () => {
    const app = await Test.createTestingModule({ imports: [AppModule.register({ store: LocalStore })] }).compile();
    await app.init();
    const job = app.get(SyncJobService);
    const preview = await job.preview();
    expect(preview).toContain('site: atl MISSING in Network');
    const report = await job.run();
    expect(report.summary).toEqual(EXPECTED);
    expect(report.remaining).toBe('(no diffs)');
    // Each run starts from fresh adapters: the second run finds the same work to do.
    expect((await job.run()).summary).toEqual(EXPECTED);
    await app.close();
  });

  it('concurrent on-demand runs do not see each other', async () => {
    const app = await Test.createTestingModule({ imports: [AppModule.register()] }).compile();
    await app.init();
    const job = app.get(SyncJobService);
    const reports = await Promise.all([job.run(), job.run(), job.run()]);
    for (const report of reports) {
      expect(report.summary).toEqual(EXPECTED);
      expect(report.remaining).toBe('(no diffs)');
    }
    await app.close();
  });

  it('the source adapter reads through the injected service', async () => {
    const app = await Test.createTestingModule({ imports: [AppModule.register()] }).compile();
    await app.init();
    const fetch = jest.spyOn(app.get(InventorySourceService), 'fetchInventory');
    await app.get(SyncJobService).run();
    expect(fetch).toHaveBeenCalledTimes(1);
    await app.close();
  });
});

describe('nestjs-app with an overridden data source', () => {
  it('the CMDB adapter syncs whatever the injected service provides', async () => {
    const cmdbData = { nyc: { 'nyc-spine1': { role: 'spine', interfaces: { eth0: 'Interface 0' } } } };
    const app = await Test.createTestingModule({ imports: [AppModule.register()] })
      .overrideProvider(InventorySourceService)
      .useValue({ fetchInventory: async () => cmdbData })
      .compile();
    await app.init();
    const report = await app.get(SyncJobService).run();
    expect(report.remaining).toBe('(no diffs)');
    // Only nyc / nyc-spine1 / eth0 is kept; everything else in Backend-A is deleted.
    expect(report.summary).toEqual({ create: 0, update: 0, delete: 12, 'no-change': 3, skip: 0 });
    await app.close();
  });
});
