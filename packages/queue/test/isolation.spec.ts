import { Adapter } from '@diffsync/core';
import type { RunProgress } from '@diffsync/queue';
import { GeneratedInventory } from './fixtures/inventory';
import { testQueue } from './support';

class EmptyTarget extends Adapter {
  static override models = GeneratedInventory.models;
  static override topLevel = ['site'];
  override async load(): Promise<void> {
    /* empty system */
  }
}

/** A sync of `sites` generated sites into an empty target; `ran` records who ran what. */
function define(queue: ReturnType<typeof testQueue>, name: string, sites: number, ran: string[]) {
  queue.define(name, (partition) => {
    ran.push(`${queue.name}/${name}/${partition.index}`);
    return { source: new GeneratedInventory({ shape: { sites, version: 1 }, partition }), target: new EmptyTarget({ partition }) };
  });
}

const perSite = 1 + 4 * 4;

describe('SyncQueue isolation', () => {
  it('keeps two concurrent runs of one queue apart: own partitions, own summaries, own progress', async () => {
    const queue = testQueue();
    const ran: string[] = [];
    define(queue, 'small', 10, ran);
    define(queue, 'large', 30, ran);
    try {
      await queue.work({ concurrency: 3 });
      const [small, large] = await Promise.all([queue.run('small', { partitions: 4 }), queue.run('large', { partitions: 7 })]);
      expect(small.runId).not.toBe(large.runId);
      const seen: Record<string, RunProgress[]> = { small: [], large: [] };
      small.on('progress', (p) => seen.small.push(p));
      large.on('progress', (p) => seen.large.push(p));
      const [a, b] = await Promise.all([small.done(), large.done()]);
      expect(a.partitions.map((p) => p.index)).toEqual([0, 1, 2, 3]);
      expect(b.partitions.map((p) => p.index)).toEqual([0, 1, 2, 3, 4, 5, 6]);
      expect(a.summary.create).toBe(10 * perSite);
      expect(b.summary.create).toBe(30 * perSite);
      expect(seen.small.every((p) => p.runId === small.runId && p.total === 4)).toBe(true);
      expect(seen.large.every((p) => p.runId === large.runId && p.total === 7)).toBe(true);
      expect(seen.small.at(-1)).toMatchObject({ done: 4, failed: 0, summary: a.summary });
      expect(seen.large.at(-1)).toMatchObject({ done: 7, failed: 0, summary: b.summary });
    } finally {
      await queue.cleanup();
    }
  });

  it("keeps two queues on one Redis apart: a queue's workers never take the other queue's partitions", async () => {
    const one = testQueue();
    const two = testQueue();
    const ranOne: string[] = [];
    const ranTwo: string[] = [];
    define(one, 'inventory', 8, ranOne);
    define(two, 'inventory', 12, ranTwo);
    try {
      await Promise.all([one.work({ concurrency: 2 }), two.work({ concurrency: 2 })]);
      const [r1, r2] = await Promise.all([one.run('inventory', { partitions: 3 }), two.run('inventory', { partitions: 5 })]);
      const [a, b] = await Promise.all([r1.done(), r2.done()]);
      expect(a.summary.create).toBe(8 * perSite);
      expect(b.summary.create).toBe(12 * perSite);
      expect(ranOne.sort()).toEqual([0, 1, 2].map((i) => `${one.name}/inventory/${i}`));
      expect(ranTwo.sort()).toEqual([0, 1, 2, 3, 4].map((i) => `${two.name}/inventory/${i}`));
    } finally {
      await one.cleanup();
      await two.cleanup();
    }
  });
});
