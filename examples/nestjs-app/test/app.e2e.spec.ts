import { Test } from '@nestjs/testing';
import { LocalStore } from '@diffsync/core';
import { AppModule, InventorySourceService, SyncJobService } from '../src';

/** Backend-B (source) into Backend-A (target), as the network-inventory example computes it. */
const EXPECTED = { create: 7, update: 1, delete: 1, 'no-change': 13, skip: 0 };

describe('nestjs-app', () => {
  it('syncs the network from the CMDB on demand with LocalStore', async () => {
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

  it('the source adapter reads through the injected service', async () => {
    const app = await Test.createTestingModule({ imports: [AppModule.register()] }).compile();
    await app.init();
    const fetch = jest.spyOn(app.get(InventorySourceService), 'fetchInventory');
    await app.get(SyncJobService).run();
    expect(fetch).toHaveBeenCalledTimes(1);
    await app.close();
  });
});
