// docs/scaling.md: partition-aware load() for a REST API and for a file; diff per partition, merge.
import { createReadStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Adapter, AdapterOptions, Attribute, Children, Diff, DiffSyncModel, Identifier, Model, partitionOf } from '@diffsync/core';

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

/** A stand-in for an HTTP API: pages of sites, and one request per site for its devices. */
export class FakeApi {
  requests: string[] = [];
  constructor(private readonly sites: Record<string, Record<string, string>>) {}
  async get(path: string): Promise<unknown> {
    this.requests.push(path);
    const names = Object.keys(this.sites);
    const page = /^\/sites\?page=(\d+)$/.exec(path);
    if (page) return names.slice(Number(page[1]) * 2, Number(page[1]) * 2 + 2).map((name) => ({ name })); // 2 per page
    const site = decodeURIComponent(/^\/sites\/(.+)\/devices$/.exec(path)?.[1] ?? '');
    return Object.entries(this.sites[site] ?? {}).map(([name, role]) => ({ name, role }));
  }
}

/** Reads sites from the API; devices are requested only for the sites of its partition. */
export class ApiInventory extends Adapter {
  static override models = [Site, Device];
  static override topLevel = ['site'];

  constructor(
    private readonly api: FakeApi,
    options: AdapterOptions = {},
  ) {
    super({ name: 'api', ...options });
  }

  override async load(): Promise<void> {
    for (let page = 0; ; page++) {
      const sites = (await this.api.get(`/sites?page=${page}`)) as Array<{ name: string }>;
      if (sites.length === 0) break;
      for (const { name } of sites) {
        if (!this.inPartition('site', { name })) continue; // another partition's subtree: no request, no model
        const site = new Site({ name });
        await this.add(site);
        const devices = (await this.api.get(`/sites/${encodeURIComponent(name)}/devices`)) as Array<{ name: string; role: string }>;
        for (const d of devices) {
          const device = new Device(d);
          await this.add(device);
          site.addChild(device);
        }
      }
    }
  }
}

/** Reads a JSON-lines file, one site per line: `{"name":"nyc","devices":{"rtr1":"edge"}}`. */
export class FileInventory extends Adapter {
  static override models = [Site, Device];
  static override topLevel = ['site'];

  constructor(
    private readonly path: string,
    options: AdapterOptions = {},
  ) {
    super({ name: 'file', ...options });
  }

  override async load(): Promise<void> {
    // Streamed line by line: only the partition's sites are ever turned into models.
    for await (const line of createInterface({ input: createReadStream(this.path), crlfDelay: Infinity })) {
      if (line.trim() === '') continue;
      const row = JSON.parse(line) as { name: string; devices: Record<string, string> };
      if (!this.inPartition(Site, row.name)) continue;
      const site = new Site({ name: row.name });
      await this.add(site);
      for (const [name, role] of Object.entries(row.devices)) {
        const device = new Device({ name, role });
        await this.add(device);
        site.addChild(device);
      }
    }
  }
}

export async function main(print: (text: string) => void = console.log) {
  const api = new FakeApi({
    nyc: { rtr1: 'edge', sw1: 'leaf' },
    sfo: { rtr2: 'edge' },
    rdu: { rtr3: 'core' },
    lax: {},
    東京: { rtr5: 'edge' },
    chi: { sw9: 'leaf' },
  });
  const dir = mkdtempSync(join(tmpdir(), 'diffsync-scaling-'));
  const file = join(dir, 'inventory.jsonl');
  const lines = [
    { name: 'nyc', devices: { rtr1: 'core' } },
    { name: 'sfo', devices: { rtr2: 'edge' } },
    { name: 'atl', devices: { rtr4: 'edge' } },
    { name: '東京', devices: {} },
  ];
  writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
  try {
    // One process could run each partition; here they run one after the other.
    const count = 3;
    const diffs: Diff[] = [];
    const deviceRequests: number[] = [];
    for (let index = 0; index < count; index++) {
      const partition = { index, count };
      api.requests = [];
      const source = new ApiInventory(api, { partition });
      const target = new FileInventory(file, { partition });
      await Promise.all([source.load(), target.load()]);
      const diff = await target.diffFrom(source); // covers this partition only
      deviceRequests.push(api.requests.filter((r) => r.endsWith('/devices')).length);
      print(`partition ${index}/${count}: ${JSON.stringify(diff.summary())}`);
      diffs.push(diff);
    }
    const merged = Diff.merge(...diffs);

    // The same diff in one piece, for comparison; and one partition of fully loaded adapters.
    const fullTarget = await loaded(new FileInventory(file));
    const fullSource = await loaded(new ApiInventory(api));
    const whole = await fullTarget.diffFrom(fullSource);
    const nycPartition = { index: partitionOf('nyc', count), count };
    const nyc = await fullTarget.diffFrom(fullSource, { partition: nycPartition }); // = diffs[nycPartition.index]
    print(`merged: ${JSON.stringify(merged.summary())}`);
    print(`whole:  ${JSON.stringify(whole.summary())}`);
    print(`nyc is in partition ${nycPartition.index}: ${JSON.stringify(nyc.summary())}`);
    const names = (d: Diff) => [...d.getChildren()].map((e) => e.name).sort();
    return {
      merged: merged.summary(),
      whole: whole.summary(),
      mergedSites: names(merged),
      wholeSites: names(whole),
      deviceRequests,
      sameAsLoadingOnePartition: JSON.stringify(nyc) === JSON.stringify(diffs[nycPartition.index]),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function loaded<A extends Adapter>(adapter: A): Promise<A> {
  await adapter.load();
  return adapter;
}

if (require.main === module) void main();
