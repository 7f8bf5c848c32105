import { Adapter, Attribute, Children, DiffSyncModel, Identifier, Model, Partition, partitionOf } from '@diffsync/core';
import { Column, Connection, SqlAdapter } from '@diffsync/sql';
import { DIALECTS, withDatabase } from './support';

/** How many instances of each model were constructed (SqlAdapter.load builds one per row it keeps). */
const built: Record<string, number> = {};
function count(name: string): void {
  built[name] = (built[name] ?? 0) + 1;
}

// region → zone → host (foreign keys), tenant (top-level, no children), vendor (no parent: read whole).
@Model('region')
class Region extends DiffSyncModel {
  @Identifier() @Column({ type: 'varchar', length: 40 }) name!: string;
  @Attribute() @Column({ type: 'text' }) label!: string;
  @Children('zone', { foreignKey: ['region'] }) zones!: string[];
  constructor(init?: Partial<Region>) {
    super(init);
    count('region');
  }
}

@Model('zone')
class Zone extends DiffSyncModel {
  @Identifier() @Column({ type: 'varchar', length: 40 }) region!: string;
  @Identifier() @Column({ type: 'integer' }) num!: number;
  @Attribute() @Column({ type: 'text' }) kind!: string;
  @Children('host', { foreignKey: ['region', 'zone'] }) hosts!: string[];
  constructor(init?: Partial<Zone>) {
    super(init);
    count('zone');
  }
}

@Model('host')
class Host extends DiffSyncModel {
  @Identifier() @Column({ type: 'varchar', length: 40 }) region!: string;
  @Identifier() @Column({ type: 'integer' }) zone!: number;
  @Identifier() @Column({ type: 'varchar', length: 40 }) name!: string;
  @Attribute() @Column({ type: 'text' }) os!: string;
  constructor(init?: Partial<Host>) {
    super(init);
    count('host');
  }
}

@Model('tenant')
class Tenant extends DiffSyncModel {
  @Identifier() @Column({ type: 'varchar', length: 40 }) name!: string;
  @Attribute() @Column({ type: 'text' }) plan!: string;
  constructor(init?: Partial<Tenant>) {
    super(init);
    count('tenant');
  }
}

@Model('vendor')
class Vendor extends DiffSyncModel {
  @Identifier() @Column({ type: 'varchar', length: 40 }) name!: string;
  constructor(init?: Partial<Vendor>) {
    super(init);
    count('vendor');
  }
}

const MODELS = [Region, Zone, Host, Tenant, Vendor];
const TOP = ['region', 'tenant'];

class InventoryDb extends SqlAdapter {
  static override models = MODELS;
  static override topLevel = TOP;
}

interface Data {
  regions: Record<string, Record<number, string[]>>;
  tenants: string[];
  version: string;
}

const REGIONS = ['eu-west', 'eu-central', 'Zürich', '東京', 'São Paulo', 'us-east', 'us-west', 'ap-south', 'r9', 'r10', 'r11', 'r12'];

function data(version: string): Data {
  const regions: Data['regions'] = {};
  REGIONS.forEach((name, r) => {
    const zones: Record<number, string[]> = {};
    for (let z = 0; z < r % 4; z++) zones[z + 1] = Array.from({ length: (r + z) % 3 }, (_, h) => `${name}-h${h}`);
    regions[name] = zones;
  });
  return { regions, tenants: ['acme', 'globex', 'initech', 'umbrella', 'hooli', 'ñandú'], version };
}

/** In-memory source of the same models; `version` goes into every attribute. */
class Source extends Adapter {
  static override models = MODELS;
  static override topLevel = TOP;
  constructor(
    private readonly data: Data,
    partition?: Partition,
  ) {
    super({ partition });
  }
  override async load(): Promise<void> {
    const v = this.data.version;
    for (const [name, zones] of Object.entries(this.data.regions)) {
      if (!this.inPartition('region', name)) continue;
      const region = new Region({ name, label: `${name} ${v}` });
      await this.add(region);
      for (const [num, hosts] of Object.entries(zones)) {
        const zone = new Zone({ region: name, num: Number(num), kind: `k${num} ${v}` });
        await this.add(zone);
        region.addChild(zone);
        for (const host of hosts) {
          const h = new Host({ region: name, zone: Number(num), name: host, os: `linux ${v}` });
          await this.add(h);
          zone.addChild(h);
        }
      }
    }
    for (const name of this.data.tenants) if (this.inPartition(Tenant, { name })) await this.add(new Tenant({ name, plan: `p ${v}` }));
    for (const name of ['v1', 'v2', 'v3']) await this.add(new Vendor({ name }));
  }
}

/** What one partition of `d` holds, by model, counted from the data (not from the database). */
function expectedCounts(d: Data, p: Partition): Record<string, number> {
  const out = { region: 0, zone: 0, host: 0, tenant: 0, vendor: 3 };
  for (const [name, zones] of Object.entries(d.regions)) {
    if (partitionOf(name, p.count) !== p.index) continue;
    out.region++;
    for (const hosts of Object.values(zones)) {
      out.zone++;
      out.host += hosts.length;
    }
  }
  out.tenant = d.tenants.filter((t) => partitionOf(t, p.count) === p.index).length;
  return out;
}

async function loadedDb(connection: Connection, partition?: Partition): Promise<InventoryDb> {
  const db = new InventoryDb({ connection, partition });
  await db.load();
  return db;
}

function reset(): void {
  for (const key of Object.keys(built)) delete built[key];
}

describe.each(DIALECTS)('SqlAdapter partition loading on %s', (dialect) => {
  it('builds only the partition’s rows; the union of the partitions is the full load', async () => {
    await withDatabase(dialect, async (connection) => {
      await connection.syncSchema(MODELS);
      const d = data('1');
      const source = new Source(d);
      await source.load();
      await (await loadedDb(connection)).syncFrom(source);
      // Vendors are neither top-level nor anyone's children: no sync writes them.
      await connection.insert(Vendor, [{ name: 'v1' }, { name: 'v2' }, { name: 'v3' }]);

      const full = await loadedDb(connection);
      const fullDict = await full.toDict();
      expect((await full.diffFrom(source)).hasDiffs()).toBe(false);

      for (const partitionCount of [1, 4]) {
        const union: Record<string, Record<string, unknown>> = {};
        for (let index = 0; index < partitionCount; index++) {
          const partition = { index, count: partitionCount };
          reset();
          const part = await loadedDb(connection, partition);
          const expected = expectedCounts(d, partition);
          expect({ region: 0, zone: 0, host: 0, tenant: 0, ...built }).toEqual(expected);
          for (const [model, n] of Object.entries(expected)) expect(await part.count(model)).toBe(n);
          for (const [type, objs] of Object.entries(await part.toDict())) Object.assign((union[type] ??= {}), objs);
          // A fully loaded source diffed under the partition: nothing to do.
          expect((await part.diffFrom(source)).hasDiffs()).toBe(false);
        }
        expect(union).toEqual(fullDict);
      }
    });
  });

  it('syncs partition by partition into the tables: the result equals one whole sync', async () => {
    await withDatabase(dialect, async (connection) => {
      await connection.syncSchema(MODELS);
      const first = data('1');
      const start = new Source(first);
      await start.load();
      await (await loadedDb(connection)).syncFrom(start);

      // The second version renames attributes everywhere, drops some regions and adds a tenant.
      const second = data('2');
      delete second.regions['東京'];
      delete second.regions['r10'];
      second.regions['r13'] = { 1: ['r13-h0'] };
      second.tenants.push('wayne');
      const count = 3;
      for (let index = 0; index < count; index++) {
        const partition = { index, count };
        const source = new Source(second, partition);
        await source.load();
        const target = await loadedDb(connection, partition);
        await target.syncFrom(source);
      }
      const whole = new Source(second);
      await whole.load();
      expect((await (await loadedDb(connection)).diffFrom(whole)).hasDiffs()).toBe(false);
      expect(await connection.select(Region)).toHaveLength(Object.keys(second.regions).length);
    });
  });
});
