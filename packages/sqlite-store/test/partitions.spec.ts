import fc from 'fast-check';
import { Diff, InvalidArgumentError, partitionOf } from '@diffsync/core';
import { SqliteStore } from '@diffsync/sqlite-store';
import { PSite, PartAdapter, decoded, partitionedDiffAndSync, sortedElements } from '../../../test-support/partitioned-stores';
import { tempFolder } from './temp-files';

const temp = tempFolder('partitions');
afterAll(() => temp.cleanup());

describe('SqliteStore: a partitioned diff and sync', () => {
  it.each([2, 3, 5])('count %i: each partition = the whole diff restricted to it, decodes only its objects; merged = whole; syncs converge', async (count) => {
    const filename = temp.file('partitioned.sqlite');
    const outcome = await partitionedDiffAndSync(async (side) => new SqliteStore({ filename, storeId: `part-${side}` }), count);
    const { whole, runs } = outcome;
    expect(whole.hasDiffs()).toBe(true);
    const wholeElements = sortedElements(whole);
    for (const run of runs) {
      const restricted = wholeElements.filter((e) => partitionOf(e.name, count) === run.partition.index);
      expect(sortedElements(run.diff)).toEqual(restricted);
      // Only the partition's sites (both sides) and their devices were built from rows.
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

describe('SqliteStore.getAllInPartition', () => {
  async function filledStore(names: string[]): Promise<{ filename: string; storeId: string }> {
    const filename = temp.file('store.sqlite');
    const store = new SqliteStore({ filename });
    const a = new PartAdapter({ store });
    for (const name of names) await a.add(new PSite({ name, region: 'eu' }));
    await store.close();
    return { filename, storeId: store.storeId };
  }

  it("reads and decodes only the partition's rows of a store opened afresh", async () => {
    const names = Array.from({ length: 400 }, (_, i) => `site-${i}`);
    const where = await filledStore(names);
    for (const index of [0, 3]) {
      const store = new SqliteStore(where);
      new PartAdapter({ store });
      decoded.site = 0;
      const got = await store.getAllInPartition({ model: 'psite', partition: { index, count: 8 } });
      const expected = names.filter((n) => partitionOf(n, 8) === index);
      expect(got.map((o) => o.getUniqueId())).toEqual(expected);
      expect(decoded.site).toBe(expected.length);
      expect(expected.length).toBeLessThan(names.length / 4);
      // The same instances later reads hand out (one identity map).
      expect(await store.getByUids({ model: 'psite', uids: [expected[0]] })).toEqual([got[0]]);
      await store.close();
    }
  });

  it('refuses a partition that is not { index, count }', async () => {
    const store = new SqliteStore();
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
    await store.close();
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
        const filename = temp.file('property.sqlite');
        let store = new SqliteStore({ filename });
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
          store = new SqliteStore({ filename, storeId: store.storeId });
          adapter = new PartAdapter({ store });
        }
        for (const count of [7, 3, 2, 1]) {
          // The partitions first, so that they decode rows getAll has not tracked yet.
          const parts = [];
          for (let index = 0; index < count; index++) parts.push(await store.getAllInPartition({ model: 'psite', partition: { index, count } }));
          const all = await store.getAll({ model: 'psite' });
          parts.forEach((got, index) => {
            const want = all.filter((o) => partitionOf(o.getUniqueId(), count) === index);
            expect(got.length).toBe(want.length);
            got.forEach((o, i) => expect(o).toBe(want[i]));
          });
        }
        await store.close({ flush: false });
      }),
      { numRuns: 150 },
    );
  });
});
