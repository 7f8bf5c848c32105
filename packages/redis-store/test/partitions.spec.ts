import { createClient } from 'redis';
import fc from 'fast-check';
import { Diff, InvalidArgumentError, partitionOf } from '@diffsync/core';
import type { RedisClientLike, RedisMultiLike } from '@diffsync/redis-store';
import { RedisStore } from '@diffsync/redis-store';
import { PSite, PartAdapter, decoded, partitionedDiffAndSync, sortedElements } from '../../../test-support/partitioned-stores';
import { keyOf, redisFixture } from './redis-test-support';

const redis = redisFixture('partitions');
afterAll(() => redis.cleanup());

describe('RedisStore: a partitioned diff and sync', () => {
  it.each([2, 3, 5])('count %i: each partition = the whole diff restricted to it, decodes only its objects; merged = whole; syncs converge', async (count) => {
    const ids = { a: redis.storeId(), b: redis.storeId() };
    const outcome = await partitionedDiffAndSync((side) => RedisStore.connect({ url: redis.url(), storeId: ids[side] }), count);
    const { whole, runs } = outcome;
    expect(whole.hasDiffs()).toBe(true);
    const wholeElements = sortedElements(whole);
    for (const run of runs) {
      const restricted = wholeElements.filter((e) => partitionOf(e.name, count) === run.partition.index);
      expect(sortedElements(run.diff)).toEqual(restricted);
      // Only the partition's sites (both sides) and their devices were built from stored values.
      expect(run.decoded).toEqual(run.expected);
    }
    expect(runs.reduce((n, r) => n + r.decoded.site, 0)).toBe(80 + 60 - 20); // every site of A and B, once per side
    const merged = Diff.merge(...runs.map((r) => r.diff));
    expect(sortedElements(merged)).toEqual(wholeElements);
    expect(merged.summary()).toEqual(whole.summary());
    expect(outcome.leftover).toBe(false);
    expect(outcome.after).toEqual(outcome.target);
  });
});

/** A real node-redis client that records every command the store sends (MULTI's commands included). */
async function recordingClient(): Promise<{ client: RedisClientLike; commands: string[][]; close: () => Promise<void> }> {
  const real = createClient({ url: redis.url() });
  await real.connect();
  const commands: string[][] = [];
  const client: RedisClientLike = {
    get isOpen() {
      return real.isOpen;
    },
    connect: () => real.connect(),
    sendCommand: (args) => {
      commands.push([...args]);
      return real.sendCommand([...args]);
    },
    multi: () => {
      const multi = real.multi();
      const recorder: RedisMultiLike = {
        addCommand: (args) => {
          commands.push([...args]);
          multi.addCommand([...args]);
          return recorder;
        },
        exec: () => multi.exec(),
      };
      return recorder;
    },
    on: (event, listener) => real.on(event, listener),
  };
  return { client, commands, close: async () => void (await real.close()) };
}

describe('RedisStore.getAllInPartition', () => {
  async function filledStore(names: string[]): Promise<string> {
    const store = await redis.connect();
    const a = new PartAdapter({ store });
    for (const name of names) await a.add(new PSite({ name, region: 'eu' }));
    await store.close();
    return store.storeId;
  }

  it("fetches and decodes only the partition's values: uids listed, HMGET of the kept ones", async () => {
    const names = Array.from({ length: 400 }, (_, i) => `site-${i}`);
    const storeId = await filledStore(names);
    for (const index of [0, 3]) {
      const rec = await recordingClient();
      const store = await RedisStore.connect({ client: rec.client, storeId });
      try {
        new PartAdapter({ store });
        rec.commands.length = 0;
        decoded.site = 0;
        const got = await store.getAllInPartition({ model: 'psite', partition: { index, count: 8 } });
        const expected = names.filter((n) => partitionOf(n, 8) === index);
        expect(got.map((o) => o.getUniqueId())).toEqual(expected);
        expect(decoded.site).toBe(expected.length);
        expect(expected.length).toBeLessThan(names.length / 4);
        // No command that returns the whole hash's values; the values asked for are the partition's.
        const sent = rec.commands.map((c) => c[0].toUpperCase());
        for (const whole of ['HGETALL', 'HVALS', 'HSCAN']) expect(sent).not.toContain(whole);
        const asked = rec.commands.filter((c) => c[0].toUpperCase() === 'HMGET').flatMap((c) => c.slice(2));
        expect(asked.sort()).toEqual([...expected].sort());
        // The same instances later reads hand out (one identity map).
        expect(await store.getByUids({ model: 'psite', uids: [expected[0]] })).toEqual([got[0]]);
      } finally {
        await store.close({ flush: false });
        await rec.close();
      }
    }
  });

  it('refuses a partition that is not { index, count }', async () => {
    const store = await redis.connect();
    new PartAdapter({ store });
    for (const partition of [
      { index: 2, count: 2 },
      { index: 0, count: 0 },
      { index: -1, count: 3 },
      { index: 0.5, count: 3 },
    ]) {
      await expect(store.getAllInPartition({ model: 'psite', partition })).rejects.toThrow(InvalidArgumentError);
    }
    await expect(store.getAllInPartition({ model: 'psite', partition: { index: 3, count: 2 } })).rejects.toThrow(
      /the partition index must be an integer from 0 to 1 \(count 2\), got 3/,
    );
    await store.destroy();
  });

  it('finds values without an order entry, as getAll does', async () => {
    const names = Array.from({ length: 40 }, (_, i) => `site-${i}`);
    const storeId = await filledStore(names);
    const raw = createClient({ url: redis.url() });
    await raw.connect();
    const data = keyOf(storeId, 'data:psite');
    await raw.hSet(data, 'stray-1', JSON.stringify({ name: 'stray-1', region: 'us' })); // written by something else
    await raw.hSet(data, 'stray-2', JSON.stringify({ name: 'stray-2', region: 'us' }));
    await raw.close();
    for (const count of [2, 3]) {
      const whole = await RedisStore.connect({ url: redis.url(), storeId });
      new PartAdapter({ store: whole });
      const all = (await whole.getAll({ model: 'psite' })).map((o) => o.getUniqueId());
      expect(all).toContain('stray-1');
      for (let index = 0; index < count; index++) {
        const store = await RedisStore.connect({ url: redis.url(), storeId });
        new PartAdapter({ store });
        const got = (await store.getAllInPartition({ model: 'psite', partition: { index, count } })).map((o) => o.getUniqueId());
        expect(got).toEqual(all.filter((uid) => partitionOf(uid, count) === index));
        await store.close({ flush: false });
      }
      await whole.close({ flush: false });
    }
  });

  // Random adds, removals, re-adds and attribute changes, some flushed, some pending: every
  // partition gives getAll's objects (the same instances, in getAll's order) of that partition.
  it('equals getAll filtered by partitionOf, with pending and flushed writes mixed (property)', async () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('add' as const), n: fc.nat(40) }),
      fc.record({ kind: fc.constant('remove' as const), n: fc.nat(40) }),
      fc.record({ kind: fc.constant('update' as const), n: fc.nat(40) }),
      fc.record({ kind: fc.constant('flush' as const) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(op, { maxLength: 60 }), fc.boolean(), async (ops, reopen) => {
        let store = await redis.connect();
        let adapter = new PartAdapter({ store });
        for (const o of ops) {
          if (o.kind === 'flush') {
            await store.flush();
            continue;
          }
          const name = o.n % 3 === 0 ? `東京-${o.n}` : `s${o.n}`;
          const found = (await store.getMany({ model: 'psite', uids: [name] })).get(name) as PSite | undefined;
          if (o.kind === 'add' && !found) await adapter.add(new PSite({ name, region: 'eu' }));
          if (o.kind === 'remove' && found) await adapter.remove(found);
          if (o.kind === 'update' && found) found.region = found.region === 'eu' ? 'us' : 'eu';
        }
        if (reopen) {
          await store.close();
          store = await RedisStore.connect({ url: redis.url(), storeId: store.storeId });
          adapter = new PartAdapter({ store });
        }
        for (const count of [7, 3, 2, 1]) {
          // The partitions first, so that they decode values getAll has not tracked yet.
          const parts = [];
          for (let index = 0; index < count; index++) parts.push(await store.getAllInPartition({ model: 'psite', partition: { index, count } }));
          const all = await store.getAll({ model: 'psite' });
          parts.forEach((got, index) => {
            const want = all.filter((o) => partitionOf(o.getUniqueId(), count) === index);
            expect(got.length).toBe(want.length);
            got.forEach((o, i) => expect(o).toBe(want[i]));
          });
        }
        await store.destroy();
      }),
      { numRuns: 60 },
    );
  });
});
