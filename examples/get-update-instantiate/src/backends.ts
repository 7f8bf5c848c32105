import { Adapter } from '@diffsync/core';
import { Device, Interface, Site } from './models';

/** One record per device, naming its site and listing its interfaces (`name: description`). */
export interface DeviceRecord {
  name: string;
  role: string;
  site: string;
  interfaces: Record<string, string>;
}

const intf = (eth0: string, eth1: string, more: Record<string, string> = {}) => ({ eth0, eth1, ...more });

export const BACKEND_DATA_A: DeviceRecord[] = [
  { name: 'nyc-spine1', role: 'spine', site: 'nyc', interfaces: intf('Interface 0', 'Interface 1') },
  { name: 'nyc-spine2', role: 'spine', site: 'nyc', interfaces: intf('Interface 0', 'Interface 1') },
  { name: 'sfo-spine1', role: 'spine', site: 'sfo', interfaces: intf('Interface 0', 'Interface 1') },
  { name: 'sfo-spine2', role: 'spine', site: 'sfo', interfaces: intf('TBD', 'ddd', { eth2: 'Interface 2' }) },
];

export const BACKEND_DATA_B: DeviceRecord[] = [
  { name: 'atl-spine1', role: 'spine', site: 'atl', interfaces: intf('Interface 0', 'Interface 1') },
  { name: 'atl-spine2', role: 'spine', site: 'atl', interfaces: intf('Interface 0', 'Interface 1') },
  { name: 'nyc-spine1', role: 'spine', site: 'nyc', interfaces: intf('Interface 0/0', 'Interface 1') },
  { name: 'nyc-spine2', role: 'spine', site: 'nyc', interfaces: intf('Interface 0', 'Interface 1') },
  { name: 'sfo-spine1', role: 'leaf', site: 'sfo', interfaces: intf('Interface 0', 'Interface 1') },
  { name: 'sfo-spine2', role: 'spine', site: 'sfo', interfaces: intf('TBD', 'ddd') },
];

/** Devices are the top level; sites and interfaces hang below them. */
abstract class DeviceRecords extends Adapter {
  static override models = [Site, Device, Interface];
  static override topLevel = ['device'];
}

export class BackendA extends DeviceRecords {
  static override type = 'Backend A';

  override async load(): Promise<void> {
    for (const record of BACKEND_DATA_A) {
      const [device] = await this.getOrInstantiate(Device, { name: record.name }, { role: record.role, siteName: record.site });
      // A site is stored once, as the child of the first device loaded at it.
      const [site, newSite] = await this.getOrInstantiate(Site, { name: record.site });
      if (newSite) device.addChild(site);
      for (const [name, description] of Object.entries(record.interfaces)) {
        // Found: its description is brought up to date. Missing: created and added.
        const [iface, created] = await this.updateOrInstantiate(Interface, { name, deviceName: record.name }, { description });
        if (created) device.addChild(iface);
      }
    }
  }
}

export class BackendB extends DeviceRecords {
  static override type = 'Backend B';

  override async load(): Promise<void> {
    for (const record of BACKEND_DATA_B) {
      const [device] = await this.getOrInstantiate(Device, { name: record.name }, { role: record.role, siteName: record.site });
      const [site, newSite] = await this.getOrInstantiate(Site, { name: record.site });
      if (newSite) device.addChild(site);
      for (const [name, description] of Object.entries(record.interfaces)) {
        // Found: kept as it is (the description given here is ignored). Missing: created and added.
        const [iface, created] = await this.getOrInstantiate(Interface, { name, deviceName: record.name }, { description });
        if (created) device.addChild(iface);
      }
    }
  }
}
