import {
  Adapter,
  AdapterOptions,
  Attribute,
  BaseStore,
  Children,
  Diff,
  DiffElementJSON,
  DiffSyncModel,
  Identifier,
  Model,
  Partition,
  partitionOf,
} from '@diffsync/core';

/**
 * A partitioned diff and sync through persistent stores (SqliteStore, RedisStore), for the
 * store packages' tests: every model constructor call is counted, so a test can prove that a
 * partition's diff decoded nothing of the other partitions.
 */
export const decoded = { site: 0, device: 0 };

@Model('psite')
export class PSite extends DiffSyncModel {
  @Identifier() name!: string;
  @Attribute() region!: string;
  @Children('pdevice') devices!: string[];
  constructor(init?: object) {
    super(init);
    decoded.site++;
  }
}

@Model({ name: 'pdevice', shortname: ['name'] })
export class PDevice extends DiffSyncModel {
  @Identifier() siteName!: string;
  @Identifier() name!: string;
  @Attribute() role!: string;
  constructor(init?: object) {
    super(init);
    decoded.device++;
  }
}

/** `{ site: { region, devices: { device: role } } }` */
export type PartInventory = Record<string, { region: string; devices: Record<string, string> }>;

export class PartAdapter extends Adapter {
  static override models = [PSite, PDevice];
  static override topLevel = ['psite'];

  constructor(options: AdapterOptions = {}) {
    super(options);
  }

  async loadInventory(data: PartInventory): Promise<void> {
    for (const [name, { region, devices }] of Object.entries(data)) {
      const site = new PSite({ name, region });
      await this.add(site);
      for (const [device, role] of Object.entries(devices)) {
        const d = new PDevice({ siteName: name, name: device, role });
        await this.add(d);
        site.addChild(d);
      }
    }
  }
}

/** Sites 0…59 (A) and 20…79 (B), 3 devices each; B changes some regions and roles and adds a device here and there. */
export function partInventories(): { a: PartInventory; b: PartInventory } {
  const a: PartInventory = {};
  const b: PartInventory = {};
  for (let i = 0; i < 80; i++) {
    const name = i % 7 === 0 ? `場所-${i}` : `site-${i}`;
    const devices: Record<string, string> = { [`${name}-r1`]: 'router', [`${name}-s1`]: 'switch', [`${name}-s2`]: 'switch' };
    if (i < 60) a[name] = { region: 'eu', devices: { ...devices } };
    if (i >= 20) {
      const changed = { ...devices };
      if (i % 5 === 0) changed[`${name}-s1`] = 'core';
      if (i % 6 === 0) changed[`${name}-x9`] = 'firewall';
      if (i % 9 === 0) delete changed[`${name}-s2`];
      b[name] = { region: i % 4 === 0 ? 'us' : 'eu', devices: changed };
    }
  }
  return { a, b };
}

/** How many objects of `data` belong to `partition` (top-level sites in it, and their devices). */
export function objectsInPartition(data: PartInventory, partition: Partition): { site: number; device: number } {
  const out = { site: 0, device: 0 };
  for (const [name, { devices }] of Object.entries(data)) {
    if (partitionOf(name, partition.count) !== partition.index) continue;
    out.site++;
    out.device += Object.keys(devices).length;
  }
  return out;
}

/** A diff's elements sorted by type and name (the order of groups and partitions does not matter). */
export function sortedElements(diff: Diff): DiffElementJSON[] {
  const key = (e: DiffElementJSON) => `${e.type}\u0000${e.name}`;
  return [...diff.toJSON().elements].sort((x, y) => (key(x) < key(y) ? -1 : key(x) > key(y) ? 1 : 0));
}

export interface PartitionRun {
  partition: Partition;
  /** The partition's diff, computed on stores opened afresh (nothing cached). */
  diff: Diff;
  /** Models constructed while computing it. */
  decoded: { site: number; device: number };
  /** The partition's objects in A and B together: what it had to decode. */
  expected: { site: number; device: number };
}

export interface PartitionedOutcome {
  whole: Diff;
  runs: PartitionRun[];
  /** A after syncing every partition one after the other, each on stores opened afresh. */
  after: unknown;
  /** B as loaded: what A must equal after the syncs. */
  target: unknown;
  leftover: boolean;
}

/**
 * Fills side A and B (`open(side)` must give a store on the same data for the same side
 * every time it is called), diffs them whole, then diffs and syncs them partition by
 * partition, each on stores opened afresh through partitioned adapters.
 */
export async function partitionedDiffAndSync(open: (side: 'a' | 'b') => Promise<BaseStore>, count: number): Promise<PartitionedOutcome> {
  const data = partInventories();
  const adapters = async (partition?: Partition) => {
    const a = new PartAdapter({ name: 'A', store: await open('a'), partition });
    const b = new PartAdapter({ name: 'B', store: await open('b'), partition });
    return { a, b, close: () => Promise.all([a.store.close(), b.store.close()]) };
  };
  const filled = await adapters();
  await filled.a.loadInventory(data.a);
  await filled.b.loadInventory(data.b);
  await filled.close();

  const all = await adapters();
  const whole = await all.a.diffFrom(all.b);
  const target = await all.b.toDict();
  await all.close();

  const runs: PartitionRun[] = [];
  for (let index = 0; index < count; index++) {
    const partition = { index, count };
    const one = await adapters(partition);
    decoded.site = 0;
    decoded.device = 0;
    const diff = await one.a.diffFrom(one.b);
    const counted = { ...decoded };
    const inA = objectsInPartition(data.a, partition);
    const inB = objectsInPartition(data.b, partition);
    runs.push({ partition, diff, decoded: counted, expected: { site: inA.site + inB.site, device: inA.device + inB.device } });
    await one.a.syncFrom(one.b, { diff });
    await one.close();
  }

  const end = await adapters();
  const after = await end.a.toDict();
  const leftover = (await end.a.diffFrom(end.b)).hasDiffs();
  await end.close();
  return { whole, runs, after, target, leftover };
}
