// docs/diff-and-sync.md, "Diff, print, sync": two inventories, one diff, one sync.
import { Adapter, Attribute, Children, DiffSyncModel, Identifier, Model } from '@diffsync/core';

@Model('site')
export class Site extends DiffSyncModel {
  @Identifier() name!: string;
  @Children('device') devices!: string[];
}

@Model('device')
export class Device extends DiffSyncModel {
  @Identifier() name!: string;
  @Attribute() role!: string;
}

type Inventory = Record<string, Record<string, string>>; // site -> device -> role

export class InventoryAdapter extends Adapter {
  static override models = [Site, Device];
  static override topLevel = ['site'];

  constructor(
    private readonly inventory: Inventory,
    name: string,
  ) {
    super({ name });
  }

  override async load(): Promise<void> {
    for (const [siteName, devices] of Object.entries(this.inventory)) {
      const site = new Site({ name: siteName });
      await this.add(site);
      for (const [name, role] of Object.entries(devices)) {
        const device = new Device({ name, role });
        await this.add(device);
        site.addChild(device);
      }
    }
  }
}

export async function main(print: (text: string) => void = console.log) {
  const source = new InventoryAdapter({ nyc: { rtr1: 'edge', sw1: 'leaf' }, sfo: { rtr2: 'edge' } }, 'nautobot');
  const target = new InventoryAdapter({ nyc: { rtr1: 'core' }, rdu: { rtr9: 'edge' } }, 'netbox');
  await source.load();
  await target.load();

  // "+" is the source, "-" is the adapter you call diffFrom on.
  const diff = await target.diffFrom(source);
  print(diff.str());
  print(JSON.stringify(diff.summary()));

  // Apply it: target.syncFrom(source) computes the same diff and runs the CRUD hooks.
  await target.syncFrom(source);
  const after = await target.diffFrom(source);
  print(after.str()); // (no diffs)
  return { text: diff.str(), summary: diff.summary(), dict: diff.toDict(), after: after.summary() };
}

if (require.main === module) void main();
