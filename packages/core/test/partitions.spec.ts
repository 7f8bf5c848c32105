import { Diff, DiffSyncFlags, InvalidArgumentError, LocalStore, ObjectAlreadyExists, partitionOf } from '../src';
import type { DiffJSON, ModelRef, Partition, SyncLogger } from '../src';
import { DATA_A, DATA_B, hookControl, recordCallbacks, RecordingLogger, Unused } from './fixtures/backends';
import type { PartData } from './fixtures/partitioned';
import { normalized, PartA, PartB } from './fixtures/partitioned';

const A: PartData = { sites: DATA_A, unused: ['u1', 'u2', 'u3', 'u4'] };
const B: PartData = { sites: DATA_B };

async function loaded(partition?: Partition, logger?: SyncLogger): Promise<{ a: PartA; b: PartB }> {
  const a = new PartA(A, { partition, logger });
  const b = new PartB(B, { partition, logger });
  await Promise.all([a.load(), b.load()]);
  return { a, b };
}

function partitionsOf(count: number): Partition[] {
  return Array.from({ length: count }, (_, index) => ({ index, count }));
}

describe('the partition option of an adapter', () => {
  it('is undefined by default and a frozen copy when given', () => {
    expect(new PartA(A).partition).toBeUndefined();
    const given = { index: 1, count: 4 };
    const a = new PartA(A, { partition: given });
    expect(a.partition).toEqual({ index: 1, count: 4 });
    expect(a.partition).not.toBe(given);
    expect(Object.isFrozen(a.partition)).toBe(true);
  });

  it.each([
    [{ index: 4, count: 4 }, /index must be an integer from 0 to 3/],
    [{ index: -1, count: 4 }, /index must be an integer from 0 to 3/],
    [{ index: 0.5, count: 4 }, /index must be an integer/],
    [{ index: '1', count: 4 }, /index must be an integer/],
    [{ count: 4 }, /index must be an integer/],
    [{ index: 0, count: 0 }, /count must be a positive integer/],
    [{ index: 0, count: 1.5 }, /count must be a positive integer/],
    [{ index: 0 }, /count must be a positive integer/],
    [null, /must be an object \{ index, count \}/],
    ['0/4', /must be an object \{ index, count \}/],
  ])('refuses %p', (partition, message) => {
    expect(() => new PartA(A, { partition: partition as unknown as Partition })).toThrow(InvalidArgumentError);
    expect(() => new PartA(A, { partition: partition as unknown as Partition })).toThrow(message);
  });
});

describe('adapter.inPartition', () => {
  it('is true for everything when the adapter is not partitioned', () => {
    const a = new PartA(A);
    for (const name of ['nyc', 'sfo', 'rdu', 'x', '']) expect(a.inPartition('site', name)).toBe(true);
  });

  it('follows partitionOf(uid, count) for a name, a class, an instance, a uid or identifiers', () => {
    for (const p of partitionsOf(3)) {
      const a = new PartA(A, { partition: p });
      for (const name of ['u1', 'u2', 'u3', 'u4', 'nyc', 'sfo', 'rdu', 'atl']) {
        const expected = partitionOf(name, 3) === p.index;
        expect(a.inPartition('unused', name)).toBe(expected);
        expect(a.inPartition(Unused, name)).toBe(expected);
        expect(a.inPartition(new Unused({ name }), { name })).toBe(expected);
        expect(a.inPartition('site', { name })).toBe(expected);
      }
    }
  });

  it('refuses a model that is not top-level, partitioned or not', () => {
    for (const a of [new PartA(A), new PartA(A, { partition: { index: 0, count: 2 } })]) {
      expect(() => a.inPartition('device', 'nyc-leaf1')).toThrow(InvalidArgumentError);
      expect(() => a.inPartition('device', 'nyc-leaf1')).toThrow(/"device" is not a top-level model.*topLevel: \[site, unused\]/);
      expect(() => a.inPartition('nope', 'x')).toThrow(InvalidArgumentError);
    }
  });

  it('refuses identifiers that miss an identifier', () => {
    const a = new PartA(A, { partition: { index: 0, count: 2 } });
    expect(() => a.inPartition('site', {})).toThrow();
  });
});

describe('diffFrom / syncFrom with a partition', () => {
  it.each([1, 2, 3, 5])('count %i: loading one partition = loading all and passing it; the merge = the whole diff', async (count) => {
    const whole = await loaded();
    const wholeDiff = await whole.a.diffFrom(whole.b);
    const parts: Diff[] = [];
    let built = 0;
    for (const partition of partitionsOf(count)) {
      const logOne = new RecordingLogger();
      const logAll = new RecordingLogger();
      const one = await loaded(partition, logOne);
      const all = await loaded(undefined, logAll);
      built += one.a.built + one.b.built;
      const cbOne = recordCallbacks();
      const cbAll = recordCallbacks();
      const diffOne = await one.a.diffFrom(one.b, { callback: cbOne.cb, flags: DiffSyncFlags.LOG_UNCHANGED_RECORDS });
      const diffAll = await all.a.diffFrom(all.b, { partition, callback: cbAll.cb, flags: DiffSyncFlags.LOG_UNCHANGED_RECORDS });
      expect(diffAll.toJSON()).toEqual(diffOne.toJSON());
      expect(diffAll.summary()).toEqual(diffOne.summary());
      expect(cbAll.calls).toEqual(cbOne.calls);
      expect(logAll.events).toEqual(logOne.events);
      // Only this partition's top-level objects produce elements.
      for (const element of diffOne.getChildren()) expect(partitionOf(element.name, count)).toBe(partition.index);
      parts.push(diffOne);
    }
    expect(built).toBe(whole.a.built + whole.b.built);
    const merged = Diff.merge(...parts);
    expect(normalized(merged)).toEqual(normalized(wholeDiff));
    expect(merged.summary()).toEqual(wholeDiff.summary());
    expect(merged.length).toBe(wholeDiff.length);
  });

  it('loads only the partition: other partitions build nothing', async () => {
    const whole = await loaded();
    const sites = Object.keys(DATA_A).filter((s) => partitionOf(s, 2) === 0);
    const one = await loaded({ index: 0, count: 2 });
    const siteNames = (await one.a.getAll('site')).map((s) => s.getUniqueId()).sort();
    expect(siteNames).toEqual(sites.sort());
    expect(one.a.built).toBeLessThan(whole.a.built);
  });

  it('syncing each partition in turn gives the state of one whole sync, with the same hook calls', async () => {
    const whole = await loaded();
    whole.a.hooks = hookControl();
    await whole.a.syncFrom(whole.b);
    const expected = await whole.a.toDict();

    for (const count of [2, 3, 4]) {
      const target = await loaded();
      target.a.hooks = hookControl();
      const hookLogs: string[][] = [];
      const pieces: Record<string, Record<string, unknown>>[] = [];
      for (const partition of partitionsOf(count)) {
        await target.a.syncFrom(target.b, { partition });
        const one = await loaded(partition);
        one.a.hooks = hookControl();
        await one.a.syncFrom(one.b);
        hookLogs.push(one.a.hooks.log);
        pieces.push(await one.a.toDict());
      }
      expect(await target.a.toDict()).toEqual(expected);
      expect(target.a.hooks.log.slice().sort()).toEqual(whole.a.hooks.log.slice().sort());
      expect(hookLogs.flat().sort()).toEqual(whole.a.hooks.log.slice().sort());
      const union: Record<string, Record<string, unknown>> = {};
      for (const piece of pieces) for (const [type, objs] of Object.entries(piece)) Object.assign((union[type] ??= {}), objs);
      expect(union).toEqual(expected);
      // Nothing is left to do in any partition, nor overall.
      expect((await target.a.diffFrom(target.b)).hasDiffs()).toBe(false);
    }
  });

  it('calls syncComplete only for a partition whose sync attempted a change', async () => {
    const calls: Partition[] = [];
    class Recording extends PartA {
      override syncComplete(): void {
        calls.push(this.partition as Partition);
      }
    }
    const data: PartData = { sites: { nyc: { devices: {} }, sfo: { devices: {} } } };
    const count = 8;
    const changed = partitionOf('sfo', count);
    for (const partition of partitionsOf(count)) {
      const a = new Recording(data, { partition });
      const b = new PartB({ sites: { nyc: { devices: {} }, sfo: { devices: { 'sfo-x': { role: 'leaf', interfaces: {} } } } } }, { partition });
      await Promise.all([a.load(), b.load()]);
      await a.syncFrom(b);
    }
    expect(calls).toEqual([{ index: changed, count }]);
  });

  it('uses the partition of the one partitioned adapter and refuses conflicting partitions', async () => {
    const a = new PartA(A, { partition: { index: 0, count: 2 } });
    const b = new PartB(B);
    await Promise.all([a.load(), b.load()]);
    const diff = await a.diffFrom(b);
    for (const element of diff.getChildren()) expect(partitionOf(element.name, 2)).toBe(0);
    await expect(a.diffFrom(b, { partition: { index: 0, count: 2 } })).resolves.toBeInstanceOf(Diff);

    const other = new PartB(B, { partition: { index: 1, count: 2 } });
    await expect(a.diffFrom(other)).rejects.toThrow(InvalidArgumentError);
    await expect(a.syncFrom(other)).rejects.toThrow(/PartB holds partition 1\/2 but PartA holds partition 0\/2/);
    await expect(a.diffFrom(b, { partition: { index: 1, count: 2 } })).rejects.toThrow(/ask for partition 1\/2 but PartA holds partition 0\/2/);
    await expect(a.diffFrom(b, { partition: { index: 0, count: 3 } })).rejects.toThrow(InvalidArgumentError);
    await expect(b.diffFrom(b, { partition: { index: 2, count: 2 } })).rejects.toThrow(/index must be an integer from 0 to 1/);
  });

  it('refuses a precomputed diff holding objects outside the partition, and applies one inside it', async () => {
    const all = await loaded();
    const wholeDiff = await all.a.diffFrom(all.b);
    const partition = { index: partitionOf('atl', 2), count: 2 };
    await expect(all.a.syncFrom(all.b, { diff: wholeDiff, partition })).rejects.toThrow(/holds site "\w+", which is in partition/);
    const own = await all.a.diffFrom(all.b, { partition });
    const rebuilt = Diff.fromJSON(JSON.parse(JSON.stringify(own)) as DiffJSON);
    await all.a.syncFrom(all.b, { diff: rebuilt, partition });
    expect(await all.a.getOrNone('site', 'atl')).not.toBeNull();
    expect((await all.a.diffFrom(all.b, { partition })).hasDiffs()).toBe(false);
  });
});

describe('store.getAllInPartition', () => {
  it('is what a partitioned diff reads for each top-level type (stores override it to read only the partition)', async () => {
    const reads: string[] = [];
    class RecordingStore extends LocalStore {
      override async getAll(args: { model: ModelRef }) {
        reads.push(`getAll ${String(args.model)}`);
        return super.getAll(args);
      }
      override async getAllInPartition(args: { model: ModelRef; partition: Partition }) {
        reads.push(`getAllInPartition ${String(args.model)} ${args.partition.index}/${args.partition.count}`);
        return super.getAllInPartition(args);
      }
    }
    const a = new PartA(A, { store: RecordingStore, partition: { index: 1, count: 2 } });
    const b = new PartB(B, { store: RecordingStore, partition: { index: 1, count: 2 } });
    await Promise.all([a.load(), b.load()]);
    reads.length = 0;
    await a.diffFrom(b);
    // site on both sides, unused (A only: counted as skipped); each getAll comes from the default getAllInPartition.
    expect(reads.filter((r) => r.startsWith('getAllInPartition')).sort()).toEqual(
      ['getAllInPartition site 1/2', 'getAllInPartition site 1/2', 'getAllInPartition unused 1/2'].sort(),
    );
    expect(reads.filter((r) => r.startsWith('getAll ')).length).toBe(3);
  });
});

describe('Diff.merge', () => {
  it('sums modelsProcessed and summaries, keeps group order consistent, and shares the elements', async () => {
    const parts: Diff[] = [];
    for (const partition of partitionsOf(3)) {
      const { a, b } = await loaded(partition);
      parts.push(await a.diffFrom(b));
    }
    const merged = Diff.merge(...parts);
    expect(merged.modelsProcessed).toBe(parts.reduce((n, d) => n + d.modelsProcessed, 0));
    const sum = { create: 0, update: 0, delete: 0, 'no-change': 0, skip: 0 };
    for (const part of parts) for (const [k, v] of Object.entries(part.summary())) sum[k as keyof typeof sum] += v;
    expect(merged.summary()).toEqual(sum);
    expect(merged.length).toBe(parts.reduce((n, d) => n + d.length, 0));
    const first = [...parts.flatMap((p) => [...p.getChildren()])];
    expect(first.every((el) => [...merged.getChildren()].includes(el))).toBe(true);
    expect(merged.groups()).toEqual(['site']); // 'unused' is top-level in A only: skipped, no elements
  });

  it('orders a group first seen in a later diff before the groups that follow it there', () => {
    const d1 = Diff.fromJSON({ format: 'diffsync-ts/diff', version: 1, modelsProcessed: 1, elements: [el('device', 'd1')] });
    const d2 = Diff.fromJSON({ format: 'diffsync-ts/diff', version: 1, modelsProcessed: 2, elements: [el('site', 's1'), el('device', 'd2')] });
    const merged = Diff.merge(d1, d2);
    expect(merged.groups()).toEqual(['site', 'device']);
    expect([...merged.getChildren()].map((e) => e.name)).toEqual(['s1', 'd1', 'd2']);
    expect(merged.modelsProcessed).toBe(3);
  });

  it('refuses an element present twice', async () => {
    const { a, b } = await loaded();
    const diff = await a.diffFrom(b);
    expect(() => Diff.merge(diff, diff)).toThrow(ObjectAlreadyExists);
  });

  it('of nothing is an empty diff; keeps a shared subclass; refuses non-diffs', () => {
    const empty = Diff.merge();
    expect(empty).toBeInstanceOf(Diff);
    expect(empty.length).toBe(0);
    expect(empty.summary()).toEqual({ create: 0, update: 0, delete: 0, 'no-change': 0, skip: 0 });
    class MyDiff extends Diff {}
    expect(Diff.merge(new MyDiff(), new MyDiff())).toBeInstanceOf(MyDiff);
    expect(MyDiff.merge(new Diff())).toBeInstanceOf(MyDiff);
    expect(Diff.merge(new MyDiff(), new Diff()).constructor).toBe(Diff);
    expect(() => Diff.merge({} as Diff)).toThrow(InvalidArgumentError);
    expect(() => Diff.merge(null as unknown as Diff)).toThrow(/argument 0 is not a Diff/);
  });
});

function el(type: string, name: string) {
  return { type, name, keys: { name }, sourceName: 's', destName: 'd', source: {} };
}
