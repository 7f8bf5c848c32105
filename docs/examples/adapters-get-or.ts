// docs/adapters.md, "Get or create, update or create": load rows that repeat their parents.
import { Device, Inventory, Site } from './adapters-store-access';

/** One row per device, as a CSV export or an API page gives them: sites repeat, a device may too. */
const rows = [
  { site: 'nyc', region: 'us', device: 'rtr1', role: 'edge' },
  { site: 'nyc', region: 'us', device: 'sw1', role: 'leaf' },
  { site: 'sfo', region: 'us-west', device: 'rtr2', role: 'edge' },
  { site: 'nyc', region: 'ignored', device: 'rtr1', role: 'core' }, // a later row wins for rtr1
];

export class RowInventory extends Inventory {
  override async load(): Promise<void> {
    for (const row of rows) {
      // Found: the stored site, attrs ignored. Missing: a new Site({ name, region }), added.
      const [site] = await this.getOrInstantiate(Site, { name: row.site }, { region: row.region });
      // Found: its differing attrs are set (and the store told). Missing: created and added.
      const [device, created] = await this.updateOrInstantiate(Device, { site: row.site, name: row.device }, { role: row.role });
      if (created) site.addChild(device); // only a new object joins its parent's list
    }
  }
}

export async function main(print: (text: string) => void = console.log) {
  const inventory = new RowInventory();
  await inventory.load();
  print(await inventory.str());

  // The same with instances you built: keep the stored one, or copy your instance's attributes onto it.
  const [kept, added] = await inventory.getOrAddModelInstance(new Site({ name: 'nyc', region: 'eu' }));
  const [updated, addedToo] = await inventory.updateOrAddModelInstance(new Site({ name: 'sfo', region: 'us-west-2' }));
  print(`${kept.region} ${added} / ${updated.region} ${addedToo}`);
  return {
    text: await inventory.str(),
    nyc: [kept.region, added],
    sfo: [updated.region, addedToo],
    rtr1: (await inventory.get(Device, 'nyc__rtr1')).role,
    counts: [await inventory.count(Site), await inventory.count(Device)],
  };
}

if (require.main === module) void main();
