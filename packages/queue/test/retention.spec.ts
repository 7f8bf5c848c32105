import IORedis from 'ioredis';
import { Adapter } from '@diffsync/core';
import type { SyncRun } from '@diffsync/queue';
import { redisUrl } from '../../../test-support/services';
import { GeneratedInventory } from './fixtures/inventory';
import { queueKeys, testQueue } from './support';

class EmptyTarget extends Adapter {
  static override models = GeneratedInventory.models;
  static override topLevel = ['site'];
  override async load(): Promise<void> {
    /* empty system */
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('SyncQueue retention of runs nobody collected', () => {
  it("lets BullMQ remove an uncollected run's jobs once older than retentionSeconds", async () => {
    const queue = testQueue({ retentionSeconds: 1 });
    queue.define('half-broken', (partition) => {
      if (partition.index === 1) throw new Error('partition 1 always fails');
      return { source: new GeneratedInventory({ shape: { sites: 6, version: 1 }, partition }), target: new EmptyTarget({ partition }) };
    });
    const redis = new IORedis(redisUrl());
    const finished = async (run: SyncRun) => {
      const completed = `${queue.prefix}:${queue.name}:completed`;
      while ((await redis.zscore(completed, `${run.runId}_run`)) === null) await sleep(50);
    };
    try {
      await queue.work();
      const forgotten = await queue.run('half-broken', { partitions: 2, attempts: 1 });
      await finished(forgotten); // its parent completed; nobody calls done()
      const ofForgotten = async () => (await queueKeys(queue)).filter((k) => k.includes(forgotten.runId));
      expect(await ofForgotten()).toEqual(expect.arrayContaining([`${forgotten.runId}_run`, `${forgotten.runId}_p1`]));

      await sleep(1100);
      // the next run's failed partition and completed parent evict what is older than 1 s
      const next = await (await queue.run('half-broken', { partitions: 2, attempts: 1 })).done();
      expect(next.failed.map((f) => f.index)).toEqual([1]);
      expect(await ofForgotten()).toEqual([]);
      expect(await queueKeys(queue)).toEqual(expect.not.arrayContaining([expect.stringContaining('_p'), expect.stringContaining('_run')]));
    } finally {
      redis.disconnect();
      await queue.cleanup();
    }
  });
});
