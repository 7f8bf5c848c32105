import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AdapterOptions } from '@diffsync/core';
import { Adapter } from '@diffsync/core';
import { Device, Interface, Site } from './models';

/** `{ site: { device: { role, interfaces: { name: description } } } }` */
export type InventoryData = Record<string, Record<string, { role: string; interfaces: Record<string, string> }>>;

/** Folder of the example's JSON inventories. */
export const DATA_DIR = join(__dirname, '..', 'data');

export function readInventory(file: string): InventoryData {
  return JSON.parse(readFileSync(file, 'utf8')) as InventoryData;
}

export interface InventoryAdapterOptions extends AdapterOptions {
  /** Inventory to load instead of the adapter's bundled JSON file. */
  data?: InventoryData;
}

/** Loads one JSON inventory: sites, their devices, their interfaces. */
export abstract class InventoryAdapter extends Adapter {
  static override models = [Site, Device, Interface];
  static override topLevel = ['site'];
  /** File name in DATA_DIR. */
  static dataFile = '';
  protected data?: InventoryData;

  constructor(options: InventoryAdapterOptions = {}) {
    super(options);
    this.data = options.data;
  }

  override async load(): Promise<void> {
    const cls = this.constructor as typeof InventoryAdapter;
    const data = this.data ?? readInventory(join(DATA_DIR, cls.dataFile));
    for (const [siteName, devices] of Object.entries(data)) {
      const site = new Site({ name: siteName });
      await this.add(site);
      for (const [deviceName, device] of Object.entries(devices)) {
        const dev = new Device({ name: deviceName, role: device.role, siteName });
        await this.add(dev);
        site.addChild(dev);
        for (const [intfName, description] of Object.entries(device.interfaces)) {
          const intf = new Interface({ name: intfName, deviceName, description });
          await this.add(intf);
          dev.addChild(intf);
        }
      }
    }
  }
}

export class BackendA extends InventoryAdapter {
  static override type = 'Backend A';
  static override dataFile = 'backend-a.json';
}

export class BackendB extends InventoryAdapter {
  static override dataFile = 'backend-b.json';
}

export class BackendC extends InventoryAdapter {
  static override dataFile = 'backend-c.json';
}
