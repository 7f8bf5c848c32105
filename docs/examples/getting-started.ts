// docs/getting-started.md: models, two adapters, a diff and a sync.
import { Adapter, Attribute, Children, DiffSyncModel, Identifier, Model } from '@diffsync/core';

@Model('site')
export class Site extends DiffSyncModel<Site> {
  @Identifier() name!: string;
  @Attribute() region!: string;
  @Children('device') devices!: string[];
}

@Model({ name: 'device', shortname: ['name'] }) // diffs name devices by `name` within their site
export class Device extends DiffSyncModel<Device> {
  @Identifier() site!: string;
  @Identifier() name!: string;
  @Attribute({ default: 'leaf' }) role!: string;
}

type Rows = Array<{ site: string; region: string; devices: Record<string, string> }>;

/** One adapter per system; here both read arrays, in real life a CMDB, an API, a file... */
export class Inventory extends Adapter {
  static override models = [Site, Device];
  static override topLevel = ['site'];

  constructor(
    private readonly rows: Rows,
    name: string,
  ) {
    super({ name });
  }

  override async load(): Promise<void> {
    for (const row of this.rows) {
      const site = new Site({ name: row.site, region: row.region });
      await this.add(site);
      for (const [name, role] of Object.entries(row.devices)) {
        const device = new Device({ site: row.site, name, role });
        await this.add(device);
        site.addChild(device);
      }
    }
  }
}

export async function main(print: (line: string) => void = console.log) {
  const cmdb = new Inventory(
    [
      { site: 'ams', region: 'eu', devices: { rtr1: 'spine', rtr2: 'leaf' } },
      { site: 'nyc', region: 'us', devices: { rtr9: 'spine' } },
    ],
    'cmdb',
  );
  const network = new Inventory([{ site: 'ams', region: 'eu', devices: { rtr1: 'leaf', old1: 'leaf' } }], 'network');
  await Promise.all([cmdb.load(), network.load()]);

  const diff = await network.diffFrom(cmdb); // "+" = cmdb (source), "-" = network
  print(diff.str());
  print(JSON.stringify(diff.summary()));

  await network.syncFrom(cmdb, { diff }); // create/update/delete through the models' hooks
  const after = await network.diffFrom(cmdb);
  print(after.str()); // (no diffs)
  return { text: diff.str(), summary: diff.summary(), after: after.str() };
}

// Run it: `npx tsc && node dist/getting-started.js` (a test imports main() instead).
if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
