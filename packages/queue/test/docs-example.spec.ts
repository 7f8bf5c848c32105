import { cmdb, startRun, startWorker } from '../../../docs/examples/queue';
import { redisUrl, uniqueId } from '../../../test-support/services';

describe('docs/examples/queue.ts', () => {
  it('syncs the inventory through a worker and a run started by another SyncQueue', async () => {
    const name = uniqueId('docs');
    const worker = await startWorker(redisUrl(), name);
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      const result = await startRun(redisUrl(), name);
      expect(result.failed).toEqual([]);
      expect(result.partitions).toHaveLength(8);
      expect(result.summary).toEqual({ create: 100, update: 0, delete: 0, 'no-change': 0, skip: 0 });
      expect(log).toHaveBeenLastCalledWith('8/8 partitions');
      expect(Object.keys(cmdb)).toHaveLength(100);
      // a second run finds every device in the target
      expect((await startRun(redisUrl(), name)).summary).toEqual({ create: 0, update: 0, delete: 0, 'no-change': 100, skip: 0 });
    } finally {
      log.mockRestore();
      await worker.obliterate();
      await worker.close();
    }
  });
});
