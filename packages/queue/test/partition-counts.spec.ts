import type { Adapter } from '@diffsync/core';
import { GeneratedInventory } from './fixtures/inventory';
import { testQueue } from './support';

/** Version 1 of the generated inventory as the target, held in memory; version 2 is the source. */
class Version1 extends GeneratedInventory {
  constructor(options: ConstructorParameters<typeof Adapter>[0] = {}) {
    super({ ...options, shape: { sites: 50, version: 1 } });
  }
}

describe('SyncQueue results do not depend on the number of partitions', () => {
  it.each([1, 2, 7, 16, 64])('%i partition(s): the merged diff and the summary equal the single-process ones', async (partitions) => {
    const queue = testQueue();
    queue.define('v1-from-v2', (partition) => ({
      source: new GeneratedInventory({ shape: { sites: 50, version: 2 }, partition }),
      target: new Version1({ partition }),
    }));
    try {
      const source = new GeneratedInventory({ shape: { sites: 50, version: 2 } });
      const target = new Version1();
      await Promise.all([source.load(), target.load()]);
      const single = await target.diffFrom(source);
      expect(single.summary()).toMatchObject({ create: expect.any(Number) as number, update: expect.any(Number) as number });
      expect(Math.min(single.summary().create, single.summary().update, single.summary().delete)).toBeGreaterThan(0);

      await queue.work({ concurrency: 4 });
      const result = await (await queue.run('v1-from-v2', { partitions, mode: 'diff', keepDiff: true })).done();
      expect(result.failed).toEqual([]);
      expect(result.partitions).toHaveLength(partitions);
      expect(result.summary).toEqual(single.summary());
      expect(result.diff!.toDict()).toEqual(single.toDict());
      expect(result.diff!.summary()).toEqual(single.summary());
    } finally {
      await queue.cleanup();
    }
  });
});
