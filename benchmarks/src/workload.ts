import { Adapter, Attribute, Children, DiffSyncModel, Identifier, Model } from '@diffsync/core';

/** Deterministic 32-bit PRNG (mulberry32): the same seed gives the same workload. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

@Model('site')
export class Site extends DiffSyncModel {
  @Identifier() name!: string;
  @Attribute() region!: string;
  @Attribute() status!: string;
  @Children('device') devices!: string[];
}

@Model({ name: 'device', shortname: ['name'] })
export class Device extends DiffSyncModel {
  @Identifier() siteName!: string;
  @Identifier() name!: string;
  @Attribute() role!: string;
  @Attribute() vendor!: string;
  @Attribute() osVersion!: string;
  @Children('interface') interfaces!: string[];
}

@Model({ name: 'interface', shortname: ['name'] })
export class Interface extends DiffSyncModel {
  @Identifier() deviceName!: string;
  @Identifier() name!: string;
  @Attribute() description!: string;
  @Attribute() mtu!: number;
  @Attribute() enabled!: boolean;
}

export class BenchAdapter extends Adapter {
  static override models = [Site, Device, Interface];
  static override topLevel = ['site'];
}

export interface InterfaceRow {
  name: string;
  description: string;
  mtu: number;
  enabled: boolean;
}
export interface DeviceRow {
  name: string;
  role: string;
  vendor: string;
  osVersion: string;
  interfaces: InterfaceRow[];
}
export interface SiteRow {
  name: string;
  region: string;
  status: string;
  devices: DeviceRow[];
}

export const DEVICES_PER_SITE = 10;
export const INTERFACES_PER_DEVICE = 8;
const PER_SITE = 1 + DEVICES_PER_SITE * (1 + INTERFACES_PER_DEVICE);

export interface Workload {
  source: SiteRow[];
  target: SiteRow[];
  /** What the diff must find. */
  expected: { create: number; update: number; delete: number };
}

function device(rand: () => number, siteIndex: number, d: number, tag: string): DeviceRow {
  const name = `${tag}${d}-s${siteIndex}`;
  const interfaces: InterfaceRow[] = [];
  for (let i = 0; i < INTERFACES_PER_DEVICE; i++) {
    interfaces.push({ name: `eth${i}`, description: `port ${i} of ${name}`, mtu: rand() < 0.5 ? 1500 : 9000, enabled: rand() < 0.9 });
  }
  return { name, role: rand() < 0.2 ? 'spine' : 'leaf', vendor: rand() < 0.5 ? 'arista' : 'cisco', osVersion: `4.${Math.floor(rand() * 30)}`, interfaces };
}

/**
 * A deep copy built with the same object literals as `device()`, so rows of both sides
 * have one shape each (as rows from one driver do); a spread copy would give the
 * source's rows other hidden classes than the target's, and the one `loadRows` both
 * sides share would be deoptimised when it switches from one side to the other.
 */
function copyDevice(dev: DeviceRow): DeviceRow {
  const interfaces: InterfaceRow[] = [];
  for (const i of dev.interfaces) interfaces.push({ name: i.name, description: i.description, mtu: i.mtu, enabled: i.enabled });
  return { name: dev.name, role: dev.role, vendor: dev.vendor, osVersion: dev.osVersion, interfaces };
}

/**
 * About `objects` models per side: sites of 10 devices of 8 interfaces. The source is
 * the target with 10% of interfaces changed in one attribute, 5% of devices (with their
 * interfaces) missing from the target, and 5% new devices only in the source.
 */
export function makeWorkload(objects: number, seed = 42): Workload {
  const rand = prng(seed);
  const sites = Math.max(1, Math.round(objects / PER_SITE));
  const source: SiteRow[] = [];
  const target: SiteRow[] = [];
  const expected = { create: 0, update: 0, delete: 0 };
  for (let s = 0; s < sites; s++) {
    const base = { name: `site${s}`, region: ['eu', 'us', 'ap'][s % 3], status: 'active' };
    const src: SiteRow = { ...base, devices: [] };
    const dst: SiteRow = { ...base, devices: [] };
    for (let d = 0; d < DEVICES_PER_SITE; d++) {
      const dev = device(rand, s, d, 'dev');
      const roll = (s * DEVICES_PER_SITE + d) % 20;
      if (roll === 0) {
        // only in the source: missing from the target (5%)
        src.devices.push(dev);
        expected.create += 1 + dev.interfaces.length;
        continue;
      }
      if (roll === 1) {
        // only in the target (5%)
        dst.devices.push(dev);
        expected.delete += 1 + dev.interfaces.length;
        continue;
      }
      const changed = copyDevice(dev);
      for (const intf of changed.interfaces) {
        if (rand() < 0.1) {
          intf.description += ' (changed)';
          expected.update += 1;
        }
      }
      src.devices.push(changed);
      dst.devices.push(dev);
    }
    source.push(src);
    target.push(dst);
  }
  return { source, target, expected };
}

/** Load rows into an adapter with the usual add / add / addChild idiom. */
export async function loadRows(adapter: Adapter, rows: SiteRow[]): Promise<void> {
  for (const row of rows) {
    const site = new Site({ name: row.name, region: row.region, status: row.status });
    await adapter.add(site);
    for (const d of row.devices) {
      const dev = new Device({ siteName: row.name, name: d.name, role: d.role, vendor: d.vendor, osVersion: d.osVersion });
      await adapter.add(dev);
      site.addChild(dev);
      const deviceUid = dev.getUniqueId();
      for (const i of d.interfaces) {
        const intf = new Interface({ deviceName: deviceUid, name: i.name, description: i.description, mtu: i.mtu, enabled: i.enabled });
        await adapter.add(intf);
        dev.addChild(intf);
      }
    }
  }
}

export function countRows(rows: SiteRow[]): number {
  let n = 0;
  for (const s of rows) {
    n++;
    for (const d of s.devices) n += 1 + d.interfaces.length;
  }
  return n;
}
