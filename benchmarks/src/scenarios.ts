import type { DiffSyncModel, ValueMap } from '@diffsync/core';
import { Adapter } from '@diffsync/core';
import { BenchAdapter, Device, Site } from './workload';
import { timeIt } from './measure';

/** 40,000 devices under one site: load and diff stay linear (diffsync's add_child is quadratic). */
export async function manyChildren(count: number): Promise<{ count: number; loadMs: number; diffMs: number }> {
  const build = async () => {
    const a = new BenchAdapter();
    const site = new Site({ name: 'big', region: 'eu', status: 'active' });
    await a.add(site);
    for (let i = 0; i < count; i++) {
      const dev = new Device({ siteName: 'big', name: `d${i}`, role: 'leaf', vendor: 'x', osVersion: '1' });
      await a.add(dev);
      site.addChild(dev);
    }
    return a;
  };
  const [loadMs, a] = await timeIt(build);
  const b = await build();
  const [diffMs] = await timeIt(() => a.diffFrom(b));
  return { count, loadMs, diffMs };
}

class SlowDevice extends Device {
  static override async create(adapter: Adapter, ids: ValueMap, attrs: ValueMap): Promise<DiffSyncModel | null> {
    await new Promise((r) => setTimeout(r, 1));
    return super.create(adapter, ids, attrs);
  }
}

class SlowAdapter extends Adapter {
  static override models = [Site, SlowDevice];
  static override topLevel = ['site'];
}

/** `creates` device creates whose hook awaits a 1 ms timer, synced with the given concurrency. */
export async function concurrencyRun(creates: number, concurrency: number): Promise<number> {
  const src = new SlowAdapter();
  const dst = new SlowAdapter();
  for (const a of [src, dst]) await a.add(new Site({ name: 's', region: 'eu', status: 'active' }));
  const site = await src.get(Site, 's');
  for (let i = 0; i < creates; i++) {
    const dev = new SlowDevice({ siteName: 's', name: `d${i}`, role: 'leaf', vendor: 'x', osVersion: '1' });
    await src.add(dev);
    site.addChild(dev);
  }
  const [ms] = await timeIt(() => dst.syncFrom(src, { concurrency }));
  return ms;
}
