import { Adapter, Attribute, Children, DiffSyncModel, DiffSyncStatus, Identifier, Model, ValueMap } from '@diffsync/core';
import { Column, Connection, QueryError, SqlAdapter } from '@diffsync/sql';
import { DIALECTS, withDatabase } from './support';

// site → device, the device rows referencing their site (a foreign key).
@Model('site')
class Site extends DiffSyncModel {
  @Identifier() @Column({ type: 'varchar', length: 40 }) name!: string;
  @Attribute() @Column({ type: 'text' }) region!: string;
  @Children('device', { foreignKey: ['siteName'] }) devices!: string[];
}

@Model('device')
class Device extends DiffSyncModel {
  @Identifier() @Column({ type: 'varchar', length: 40 }) siteName!: string;
  @Identifier() @Column({ type: 'varchar', length: 40 }) name!: string;
  @Attribute() @Column({ type: 'text' }) role!: string;
}

/**
 * How the hooks below behave: call the default (`super`), return their own model with
 * other values (`own`), or veto (`null`). `hooked` says which models have them.
 */
type Mode = 'super' | 'own' | 'null';
const hooks = { mode: 'super' as Mode, hooked: new Set<string>(), calls: [] as string[] };

const active = (type: string) => hooks.hooked.has(type);

@Model('site')
class HookedSite extends Site {
  static override create(adapter: Adapter, ids: ValueMap, attrs: ValueMap): DiffSyncModel | null | Promise<DiffSyncModel | null> {
    if (!active('site')) return super.create(adapter, ids, attrs);
    hooks.calls.push(`create site ${String(ids.name)}`);
    if (hooks.mode === 'null') return null;
    if (hooks.mode === 'own') return this.createBase(adapter, ids, { ...attrs, region: `${String(attrs.region)}!` });
    return Promise.resolve(super.create(adapter, ids, attrs));
  }

  override async update(attrs: ValueMap): Promise<this | null> {
    if (!active('site')) return super.update(attrs);
    hooks.calls.push(`update site ${this.name}`);
    if (hooks.mode === 'null') return null;
    if (hooks.mode === 'own') {
      if ('region' in attrs) this.region = `${String(attrs.region)}!`;
      this.setStatus(DiffSyncStatus.SUCCESS, 'updated my way');
      return this;
    }
    return super.update(attrs);
  }

  override async delete(): Promise<this | null> {
    if (!active('site')) return super.delete();
    hooks.calls.push(`delete site ${this.name}`);
    if (hooks.mode === 'null') return null;
    if (hooks.mode === 'own') return this; // status left as the engine set it
    return super.delete();
  }
}

@Model('device')
class HookedDevice extends Device {
  static override create(adapter: Adapter, ids: ValueMap, attrs: ValueMap): DiffSyncModel | null | Promise<DiffSyncModel | null> {
    if (!active('device')) return super.create(adapter, ids, attrs);
    hooks.calls.push(`create device ${String(ids.name)}`);
    if (hooks.mode === 'null') return null;
    if (hooks.mode === 'own') return this.createBase(adapter, ids, { ...attrs, role: `${String(attrs.role)}!` });
    return super.create(adapter, ids, attrs);
  }

  override update(attrs: ValueMap): this | null {
    if (!active('device')) return super.updateBase(attrs);
    hooks.calls.push(`update device ${this.name}`);
    if (hooks.mode === 'null') return null;
    if (hooks.mode === 'own') {
      Object.assign(this, attrs);
      if ('role' in attrs) this.role = `${String(attrs.role)}!`;
      return this; // its status stays UNKNOWN: the values decide
    }
    return super.updateBase(attrs);
  }

  override delete(): this | null {
    if (!active('device')) return super.deleteBase();
    hooks.calls.push(`delete device ${this.name}`);
    if (hooks.mode === 'null') return null;
    return this.deleteBase();
  }
}

class PlainDb extends SqlAdapter {
  static override models = [Site, Device];
  static override topLevel = ['site'];
}

class HookedDb extends SqlAdapter {
  static override models = [HookedSite, HookedDevice];
  static override topLevel = ['site'];
}

type Sites = Record<string, { region: string; devices: Record<string, string> }>;

class Source extends Adapter {
  static override models = [Site, Device];
  static override topLevel = ['site'];
  constructor(private readonly sites: Sites) {
    super();
  }
  override async load(): Promise<void> {
    for (const [name, s] of Object.entries(this.sites)) {
      const site = new Site({ name, region: s.region });
      await this.add(site);
      for (const [device, role] of Object.entries(s.devices)) {
        const d = new Device({ siteName: name, name: device, role });
        await this.add(d);
        site.addChild(d);
      }
    }
  }
}

const A: Sites = {
  s1: { region: 'eu', devices: { d1: 'leaf', d2: 'spine' } },
  s2: { region: 'us', devices: { d3: 'leaf' } },
};
// B changes s1 and d1, adds d4 under s1, deletes s2 (and d3), adds s3 with d5.
const B: Sites = {
  s1: { region: 'ap', devices: { d1: 'edge', d2: 'spine', d4: 'leaf' } },
  s3: { region: 'sa', devices: { d5: 'spine' } },
};

async function source(sites: Sites): Promise<Source> {
  const s = new Source(sites);
  await s.load();
  return s;
}

async function loaded<T extends SqlAdapter>(adapter: T): Promise<T> {
  await adapter.load();
  return adapter;
}

/** Makes every insert, update and delete on `table` fail (a trigger). */
async function refuseWrites(db: Connection, table: string): Promise<void> {
  const q = (n: string) => db.sqlDialect.quoteIdentifier(n);
  if (db.dialect === 'postgresql') {
    await db.execute(`CREATE FUNCTION refuse_writes() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RAISE EXCEPTION 'read-only table'; END$$`);
    await db.execute(`CREATE TRIGGER refuse_writes BEFORE INSERT OR UPDATE OR DELETE ON ${q(table)} FOR EACH ROW EXECUTE FUNCTION refuse_writes()`);
    return;
  }
  for (const event of ['INSERT', 'UPDATE', 'DELETE']) {
    const name = q(`refuse_${event.toLowerCase()}`);
    await db.execute(
      db.dialect === 'mysql'
        ? `CREATE TRIGGER ${name} BEFORE ${event} ON ${q(table)} FOR EACH ROW SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'read-only table'`
        : `CREATE TRIGGER ${name} BEFORE ${event} ON ${q(table)} BEGIN SELECT RAISE(ABORT, 'read-only table'); END`,
    );
  }
}

type Case = [Mode, string];
const CASES: Case[] = [
  ['super', 'site'],
  ['super', 'site,device'],
  ['own', 'site'],
  ['own', 'site,device'],
  ['null', 'site'],
  ['null', 'device'],
];

describe.each(DIALECTS)('SqlAdapter with overridden hooks on %s', (dialect) => {
  afterEach(() => {
    hooks.hooked.clear();
    hooks.calls.length = 0;
  });

  it.each(CASES)('%s hooks on %s: the tables follow the store', async (mode, which) => {
    await withDatabase(dialect, async (db) => {
      await db.syncSchema(HookedDb.models);
      hooks.mode = mode;
      for (const type of which.split(',')) hooks.hooked.add(type);
      const a = await source(A);
      const b = await source(B);

      // 1. Creates into empty tables.
      const created = await loaded(new HookedDb({ connection: db }));
      await created.syncFrom(a);
      expect(hooks.calls.filter((c) => c.startsWith('create')).length).toBeGreaterThan(0);
      let fresh = await loaded(new HookedDb({ connection: db }));
      expect(await fresh.str()).toBe(await created.str());
      expect((await fresh.diffFrom(created)).hasDiffs()).toBe(false);
      const afterCreate = (await fresh.diffFrom(a)).summary();
      if (mode === 'super') expect(afterCreate.create + afterCreate.update + afterCreate.delete).toBe(0);
      if (mode === 'own') {
        // Exactly the hooks' own values differ: the region of each site (and role of each device).
        expect(afterCreate).toMatchObject({ create: 0, delete: 0, update: which.includes('device') ? 5 : 2 });
        expect((await db.select(HookedSite)).map((s) => s.region)).toEqual(['eu!', 'us!']);
      }
      if (mode === 'null' && which === 'site') {
        expect(await db.select(HookedSite)).toEqual([]);
        expect(afterCreate.create).toBe(5); // every site vetoed, so its devices were never visited
      }
      if (mode === 'null' && which === 'device') {
        expect((await db.select(HookedSite)).length).toBe(2);
        expect(await db.select(HookedDevice)).toEqual([]);
        expect(afterCreate).toMatchObject({ create: 3, update: 0, delete: 0 });
      }

      // 2. Updates, creates and deletes from A's rows (written by the default hooks).
      hooks.hooked.clear();
      await (await loaded(new PlainDb({ connection: db }))).syncFrom(a);
      expect((await (await loaded(new PlainDb({ connection: db }))).diffFrom(a)).hasDiffs()).toBe(false);
      for (const type of which.split(',')) hooks.hooked.add(type);
      hooks.calls.length = 0;
      let target = await loaded(new HookedDb({ connection: db }));
      let to = b;
      if (mode === 'null' && which === 'device') {
        // B deletes s2 and the vetoed delete of its device d3 keeps d3 in the store, whose
        // row still references s2: the write is refused and nothing is written.
        await expect(target.syncFrom(b)).rejects.toThrow(QueryError);
        expect((await (await loaded(new PlainDb({ connection: db }))).diffFrom(a)).hasDiffs()).toBe(false);
        expect(hooks.calls).toContain('delete device d3');
        hooks.calls.length = 0;
        target = await loaded(new HookedDb({ connection: db }));
        to = await source({ ...B, s2: A.s2 });
      }
      // Vetoed site changes write nothing at all to the site table.
      if (mode === 'null' && which === 'site') await refuseWrites(db, 'site');
      await target.syncFrom(to);
      expect(hooks.calls.some((c) => c.startsWith('update'))).toBe(true);
      expect(hooks.calls.some((c) => c.startsWith('delete'))).toBe(which.includes('site'));
      fresh = await loaded(new HookedDb({ connection: db }));
      expect(await fresh.str()).toBe(await target.str());
      expect((await fresh.diffFrom(target)).hasDiffs()).toBe(false);
      const left = await fresh.diffFrom(to);
      if (mode === 'super') expect(left.hasDiffs()).toBe(false);
      if (mode === 'own') {
        // Only the hooks' own values: s1 and s3 regions (+ d1, d4, d5 roles).
        expect(left.summary()).toMatchObject({ create: 0, delete: 0, update: which.includes('device') ? 5 : 2 });
        expect((await db.select(HookedSite)).map((s) => `${s.name}=${s.region}`)).toEqual(['s1=ap!', 's3=sa!']);
      }
      if (mode === 'null' && which === 'site') {
        // Every site change vetoed: s1 keeps 'eu', s2 and d3 stay, s3 and d5 never come,
        // and the engine skips the children of a vetoed site, so the rows are still A's.
        expect((await db.select(HookedSite)).map((s) => `${s.name}=${s.region}`)).toEqual(['s1=eu', 's2=us']);
        expect((await db.select(HookedDevice)).map((d) => `${d.siteName}/${d.name}=${d.role}`)).toEqual(['s1/d1=leaf', 's1/d2=spine', 's2/d3=leaf']);
        expect((await fresh.diffFrom(a)).hasDiffs()).toBe(false);
        await expect(db.upsert(HookedSite, [{ name: 's1', region: 'eu' }])).rejects.toThrow(/read-only table/);
      }
      if (mode === 'null' && which === 'device') {
        // Every device change vetoed (d1's role; d4 and d5 not created); the sites follow.
        expect((await db.select(HookedSite)).map((s) => `${s.name}=${s.region}`)).toEqual(['s1=ap', 's2=us', 's3=sa']);
        expect((await db.select(HookedDevice)).map((d) => `${d.siteName}/${d.name}=${d.role}`)).toEqual(['s1/d1=leaf', 's1/d2=spine', 's2/d3=leaf']);
        expect(left.summary()).toMatchObject({ create: 2, update: 1, delete: 0 });
      }
    });
  });
});
