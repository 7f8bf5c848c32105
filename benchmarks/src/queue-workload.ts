import type { Adapter, AdapterOptions } from '@diffsync/core';
import { BenchAdapter, Device, Interface, prng, Site } from './workload';

/*
 * The queue benchmark's workload, generated site by site so that a worker builds only its
 * partition's sites (it never holds the whole data set, not even as rows): sites of
 * 9 devices of 10 interfaces (100 models per site); the source has 10% of the interfaces
 * changed, 5% of the devices only in the source (new) and 5% only in the target (deleted).
 */
export const QUEUE_DEVICES_PER_SITE = 9;
export const QUEUE_INTERFACES_PER_DEVICE = 10;
export const MODELS_PER_SITE = 1 + QUEUE_DEVICES_PER_SITE * (1 + QUEUE_INTERFACES_PER_DEVICE);

export type Side = 'source' | 'target';

export interface GeneratedSideOptions extends AdapterOptions {
  side: Side;
  sites: number;
  /** I/O-bound case: wait this long after every `pageSize` objects loaded (a paged API). */
  pageDelayMs?: number;
  pageSize?: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One side of the workload; `load()` skips other partitions' sites before building them. */
export class GeneratedSide extends BenchAdapter {
  private readonly opts: GeneratedSideOptions;
  private loadedInPage = 0;

  constructor(options: GeneratedSideOptions) {
    super(options);
    this.opts = options;
  }

  private async added(): Promise<void> {
    if (!this.opts.pageDelayMs) return;
    if (++this.loadedInPage >= (this.opts.pageSize ?? 500)) {
      this.loadedInPage = 0;
      await sleep(this.opts.pageDelayMs);
    }
  }

  override async load(): Promise<void> {
    const { sites, side } = this.opts;
    for (let s = 0; s < sites; s++) {
      const siteName = `site${s}`;
      if (!this.inPartition('site', siteName)) continue;
      const rand = prng(s * 2654435761 + 17);
      const site = new Site({ name: siteName, region: ['eu', 'us', 'ap'][s % 3], status: 'active' });
      await this.add(site);
      await this.added();
      for (let d = 0; d < QUEUE_DEVICES_PER_SITE; d++) {
        const roll = (s * QUEUE_DEVICES_PER_SITE + d) % 20;
        const present = roll === 0 ? side === 'source' : roll === 1 ? side === 'target' : true;
        const name = `dev${d}-s${s}`;
        const role = rand() < 0.2 ? 'spine' : 'leaf';
        const vendor = rand() < 0.5 ? 'arista' : 'cisco';
        const osVersion = `4.${Math.floor(rand() * 30)}`;
        const interfaces: Array<[string, number, boolean, boolean]> = [];
        for (let i = 0; i < QUEUE_INTERFACES_PER_DEVICE; i++) interfaces.push([`eth${i}`, rand() < 0.5 ? 1500 : 9000, rand() < 0.9, rand() < 0.1]);
        if (!present) continue;
        const device = new Device({ siteName, name, role, vendor, osVersion });
        await this.add(device);
        await this.added();
        site.addChild(device);
        const deviceUid = device.getUniqueId();
        for (const [intfName, mtu, enabled, changed] of interfaces) {
          const description = `port ${intfName} of ${name}${changed && side === 'source' && roll > 1 ? ' (changed)' : ''}`;
          const intf = new Interface({ deviceName: deviceUid, name: intfName, description, mtu, enabled });
          await this.add(intf);
          await this.added();
          device.addChild(intf);
        }
      }
    }
  }
}

/** Sites for about `models` models per side. */
export function sitesFor(models: number): number {
  return Math.max(1, Math.round(models / MODELS_PER_SITE));
}

export type { Adapter };
