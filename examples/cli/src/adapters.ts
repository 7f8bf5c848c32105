import { readFileSync } from 'node:fs';
import type { AdapterOptions } from '@diffsync/core';
import { Adapter } from '@diffsync/core';
import { SqlAdapter } from '@diffsync/sql';
import { Device, Site } from './models';

/** One site of an inventory export. */
export interface SiteRecord {
  name: string;
  region: string;
  devices: Array<{ name: string; role: string; serial: string }>;
}

/** An inventory exported as a JSON file (read only: a source of syncs). */
export class JsonInventory extends Adapter {
  static override models = [Site, Device];
  static override topLevel = ['site'];

  private readonly file: string;

  constructor(options: AdapterOptions & { file: string }) {
    super(options);
    this.file = options.file;
  }

  override async load(): Promise<void> {
    const sites = JSON.parse(readFileSync(this.file, 'utf8')) as SiteRecord[];
    for (const record of sites) {
      const site = new Site({ name: record.name, region: record.region });
      await this.add(site);
      for (const d of record.devices) {
        const device = new Device({ siteName: record.name, name: d.name, role: d.role, serial: d.serial });
        await this.add(device);
        site.addChild(device);
      }
    }
  }
}

/** The same inventory in SQL tables (`sites`, `devices`): the target of the syncs. */
export class InventoryDb extends SqlAdapter {
  static override models = [Site, Device];
  static override topLevel = ['site'];
}
