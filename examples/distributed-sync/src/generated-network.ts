import type { AdapterOptions } from '@diffsync/core';
import { Adapter } from '@diffsync/core';
import { Device, Interface, Site } from '@diffsync/example-network-inventory';

export interface NetworkShape {
  /** Number of sites (each with 5 devices of 8 interfaces, give or take the round's changes). */
  sites: number;
  /** Round 1 is the first inventory; each later round changes descriptions and moves devices. */
  round: number;
}

export interface GeneratedNetworkOptions extends AdapterOptions {
  shape: NetworkShape;
}

/**
 * The source system: a network inventory generated on the fly (standing in for a paged API).
 * A partition-aware `load()`: sites of other partitions are skipped before anything of
 * them is built, so a worker holds only its share.
 */
export class GeneratedNetwork extends Adapter {
  static override models = [Site, Device, Interface];
  static override topLevel = ['site'];
  static override type = 'Network';
  private readonly shape: NetworkShape;

  constructor(options: GeneratedNetworkOptions) {
    super(options);
    this.shape = options.shape;
  }

  override async load(): Promise<void> {
    const { sites, round } = this.shape;
    for (let s = 0; s < sites; s++) {
      const siteName = `site-${String(s).padStart(5, '0')}`;
      if (!this.inPartition('site', siteName)) continue;
      const site = new Site({ name: siteName });
      await this.add(site);
      for (let d = 0; d < 6; d++) {
        // device 5 exists from round 2 on every 7th site; device 0 of every 10th site is gone then
        if (d === 5 && (round < 2 || s % 7 !== 0)) continue;
        if (d === 0 && round >= 2 && s % 10 === 0) continue;
        const deviceName = `${siteName}-r${d}`;
        const device = new Device({ name: deviceName, siteName, role: d === 1 ? 'spine' : 'leaf' });
        await this.add(device);
        site.addChild(device);
        for (let i = 0; i < 8; i++) {
          const changed = (s + d + i) % 10 === 0 ? ` (round ${round})` : '';
          const intf = new Interface({ deviceName, name: `eth${i}`, description: `port ${i} of ${deviceName}${changed}` });
          await this.add(intf);
          device.addChild(intf);
        }
      }
    }
  }
}
