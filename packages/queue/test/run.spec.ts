import type { SyncQueue } from '@diffsync/queue';
import type { ScratchSchema } from './support';
import { inventoryFactory, queueKeys, scratchSchema, testQueue, wholeDiff } from './support';

const V1 = { sites: 40, version: 1 };
const V2 = { sites: 40, version: 2 };

describe('SyncQueue run worked in-process (PostgreSQL target)', () => {
  let db: ScratchSchema;
  let queue: SyncQueue & { cleanup(): Promise<void> };
  const disposed: number[] = [];

  beforeAll(async () => {
    db = await scratchSchema();
    queue = testQueue();
    queue.define(
      'v1',
      inventoryFactory(db.url, V1, (p) => disposed.push(p.index)),
    );
    queue.define('v2', inventoryFactory(db.url, V2));
    await queue.work({ concurrency: 2 });
  });
  afterAll(async () => {
    await queue.cleanup();
    await db.cleanup();
  });

  it('syncs every partition, sums their summaries to the single-process summary, and leaves no diff', async () => {
    const expected = (await wholeDiff(db.url, V1)).summary();
    expect(expected.create).toBe(40 * (1 + 4 * 4));

    const run = await queue.run('v1', { partitions: 8, mode: 'sync' });
    const progress: Array<{ done: number; failed: number; total: number }> = [];
    run.on('progress', (p) => progress.push({ done: p.done, failed: p.failed, total: p.total }));
    const result = await run.done();

    expect(result.runId).toBe(run.runId);
    expect(result.name).toBe('v1');
    expect(result.mode).toBe('sync');
    expect(result.failed).toEqual([]);
    expect(result.partitions.map((p) => p.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    for (const p of result.partitions) expect(p.attempts).toBe(1);
    expect(result.summary).toEqual(expected);
    expect(progress[progress.length - 1]).toEqual({ done: 8, failed: 0, total: 8 });
    expect(progress.map((p) => p.done)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(disposed.sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);

    const after = await wholeDiff(db.url, V1);
    expect(after.hasDiffs()).toBe(false);
  });

  it("with mode 'diff' and keepDiff, returns the merged diff, equal to the single-process diff, and changes nothing", async () => {
    const single = await wholeDiff(db.url, V2);
    expect(single.summary()).toMatchObject({
      create: expect.any(Number) as number,
      update: expect.any(Number) as number,
      delete: expect.any(Number) as number,
    });
    expect(single.summary().delete).toBeGreaterThan(0);

    const run = await queue.run('v2', { partitions: 5, mode: 'diff', keepDiff: true });
    const result = await run.done();
    expect(result.failed).toEqual([]);
    expect(result.summary).toEqual(single.summary());
    expect(result.diff).toBeDefined();
    expect(result.diff!.summary()).toEqual(single.summary());
    expect(result.diff!.toDict()).toEqual(single.toDict());
    expect(result.diff!.length).toBe(single.length);

    // a diff run writes nothing
    expect((await wholeDiff(db.url, V2)).toDict()).toEqual(single.toDict());
  });

  it('then syncs version 2 across 3 partitions: the same summary as the diff, and nothing left', async () => {
    const single = (await wholeDiff(db.url, V2)).summary();
    const result = await (await queue.run('v2', { partitions: 3 })).done();
    expect(result.summary).toEqual(single);
    expect((await wholeDiff(db.url, V2)).hasDiffs()).toBe(false);
  });

  it("leaves only BullMQ's queue-level keys in Redis once runs are done and the queue is closed", async () => {
    await queue.close();
    // The runs above were collected by done(): their jobs are gone. What stays is the queue's
    // meta hash and its event stream (capped by BullMQ; see docs/queue.md).
    const keys = await queueKeys(queue);
    expect(keys.filter((k) => !['meta', 'events', 'stalled-check', 'id'].includes(k))).toEqual([]);
    expect(keys).toEqual(expect.arrayContaining(['meta', 'events']));
  });
});
