import { Attribute, DiffSyncModel, Field, Identifier, Model } from '@diffsync/core';
import { Column, QueryError, Table } from '@diffsync/sql';
import { Device, Role, Site } from './models';
import { createTables, DIALECTS, withDatabase } from './support';

enum Color {
  Red = 'red',
  Blue = 'blue',
}

@Model('everything')
@Table({ name: 'every type' })
class Everything extends DiffSyncModel {
  @Identifier() @Column({ type: 'varchar', length: 100 }) id!: string;
  @Identifier() @Column({ type: 'integer' }) n!: number;
  @Attribute() text!: string;
  @Attribute() @Column({ type: 'bigint' }) big!: number;
  @Attribute() @Column({ type: 'smallint' }) small!: number;
  @Attribute() dbl!: number;
  @Attribute() @Column({ type: 'decimal', precision: 12, scale: 3 }) dec!: number;
  @Attribute() flag!: boolean;
  @Attribute() at!: Date;
  @Attribute() list!: unknown[];
  @Attribute() obj!: Record<string, unknown>;
  @Attribute() @Column({ enum: Color, nullable: true }) color!: Color | null;
  @Attribute() @Column({ type: 'text', nullable: true }) maybe!: string | null;
  @Field() @Column({ type: 'uuid', nullable: true }) uuid?: string | null;
}

const HOSTILE = ["it's", 'back\\slash', 'tab\there', 'new\nline\r\n', '\\N', 'ünïcödé 子 🚀', '"; DROP TABLE x; --', ''];

function everything(i: number): Everything {
  return new Everything({
    id: HOSTILE[i % HOSTILE.length] + `#${i}`,
    n: i,
    text: HOSTILE[(i + 3) % HOSTILE.length],
    big: 9007199254740991 - i,
    small: i % 100,
    dbl: i / 7,
    dec: 1234.5 + i,
    flag: i % 2 === 0,
    at: new Date(Date.UTC(2024, 0, 1, 12, 0, 0, 123) + i * 1000),
    list: [i, 'x', { deep: [HOSTILE[i % HOSTILE.length]] }],
    obj: { k: HOSTILE[i % HOSTILE.length], nested: { n: i, t: true, z: null } },
    color: i % 3 === 0 ? null : i % 3 === 1 ? Color.Red : Color.Blue,
    maybe: i % 2 === 0 ? null : HOSTILE[i % HOSTILE.length],
    uuid: i % 2 === 0 ? null : `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
  });
}

function plain(m: Everything): Record<string, unknown> {
  return { ...m.toDict(), at: m.at.toISOString() };
}

function site(name: string, region = 'eu'): Site {
  return new Site({ name, region });
}

@Model('region')
class Region extends DiffSyncModel {
  @Identifier() name!: string;
  @Attribute() region!: string;
}

function region(name: string, value = 'eu'): Region {
  return new Region({ name, region: value });
}

function device(siteName: string, name: string, extra: Partial<Device> = {}): Device {
  return new Device({
    siteName,
    name,
    role: Role.Leaf,
    serial: null,
    rackUnit: 1,
    assetTag: `${siteName}/${name}`,
    active: true,
    weight: 1.5,
    installed: new Date('2024-05-01T00:00:00.000Z'),
    tags: ['a'],
    ...extra,
  });
}

async function* generate<T>(count: number, make: (i: number) => T): AsyncGenerator<T> {
  for (let i = 0; i < count; i++) yield make(i);
}

describe.each(DIALECTS)('rows on %s', (dialect) => {
  it('inserts and selects every supported type with hostile values', async () => {
    await withDatabase(dialect, async (db) => {
      await createTables(db, [Everything]);
      const input = Array.from({ length: 40 }, (_, i) => everything(i));
      expect(await db.insert(Everything, input)).toBe(40);
      const rows = await db.select(Everything);
      expect(rows).toHaveLength(40);
      expect(rows[0]).toBeInstanceOf(Everything);
      const byKey = new Map(rows.map((r) => [`${r.id}|${r.n}`, r]));
      for (const m of input) {
        const got = byKey.get(`${m.id}|${m.n}`) as Everything;
        expect(got).toBeDefined();
        expect(plain(got)).toEqual(plain(m));
      }
      const filtered = await db.select(Everything, { where: { color: null, flag: true } });
      expect(filtered.map((r) => r.n).sort((a, b) => a - b)).toEqual(input.filter((m) => m.color === null && m.flag).map((m) => m.n));
      const inList = await db.select(Everything, { where: { n: [1, 2, 3] } });
      expect(inList.map((r) => r.n).sort()).toEqual([1, 2, 3]);
    });
  });

  it('upserts changing only the given columns, and deletes by composite keys', async () => {
    await withDatabase(dialect, async (db) => {
      await createTables(db, [Site, Device]);
      await db.insert(Site, [site('ams'), site('fra')]);
      await db.insert(Device, [device('ams', 'r1', { serial: 'S1' }), device('ams', 'r2'), device('fra', 'r1')]);
      // full upsert: one update, one new row
      await db.upsert(Device, [device('ams', 'r1', { role: Role.Spine, serial: 'S1' }), device('fra', 'r2', { role: Role.Edge })]);
      // partial upsert: only rackUnit changes, serial and role keep their values
      await db.upsert(Device, [{ siteName: 'ams', name: 'r1', rackUnit: 42 }], { columns: ['rackUnit'] });
      const [r1] = await db.select(Device, { where: { siteName: 'ams', name: 'r1' } });
      expect(r1.rackUnit).toBe(42);
      expect(r1.serial).toBe('S1');
      expect(r1.role).toBe(Role.Spine);
      expect((await db.select(Device, { where: { name: 'r2', siteName: 'fra' } }))[0].role).toBe(Role.Edge);
      // key-only upsert changes nothing
      await db.upsert(Device, [{ siteName: 'ams', name: 'r1' }], { columns: [] });
      expect((await db.select(Device, { where: { siteName: 'ams', name: 'r1' } }))[0].rackUnit).toBe(42);
      // set-based delete with models and identifier objects; same name on two sites
      expect(await db.delete(Device, [r1, { siteName: 'fra', name: 'r1' }, { siteName: 'xxx', name: 'r1' }])).toBe(2);
      expect((await db.select(Device)).map((d) => `${d.siteName}/${d.name}`)).toEqual(['ams/r2', 'fra/r2']);
      await expect(db.upsert(Device, [], { columns: ['nope'] })).rejects.toThrow(/no column for 'nope'/);
    });
  });

  it('streams large async iterables in batches, one transaction per call', async () => {
    await withDatabase(dialect, async (db) => {
      await createTables(db, [Region]);
      expect(
        await db.insert(
          Region,
          generate(5003, (i) => region(`s${i}`)),
        ),
      ).toBe(5003);
      expect(
        await db.upsert(
          Region,
          generate(5003, (i) => ({ name: `s${i}`, region: `r${i % 3}` })),
          { columns: ['region'] },
        ),
      ).toBe(5003);
      const rows = await db.select(Region, { where: { region: 'r1' } });
      expect(rows).toHaveLength(1668);
      expect(
        await db.delete(
          Region,
          generate(5003, (i) => ({ name: `s${i * 2}` })),
        ),
      ).toBe(2502);
      expect(await db.select(Region)).toHaveLength(5003 - 2502);
    });
  });

  it('lets the last object win when an upsert repeats a key', async () => {
    await withDatabase(dialect, async (db) => {
      await createTables(db, [Region]);
      await db.upsert(Region, [region('a', '1'), region('b', '1'), region('a', '2'), region('a', '3')]);
      await db.upsert(Region, [region('b', '2'), region('b', '3')], { columns: ['region'] });
      expect((await db.select(Region)).map((r) => [r.name, r.region])).toEqual([
        ['a', '3'],
        ['b', '3'],
      ]);
    });
  });

  it('leaves the table unchanged when a batch fails', async () => {
    await withDatabase(dialect, async (db) => {
      await createTables(db, [Region]);
      await db.insert(Region, [region('keep', 'x')]);
      // the duplicate comes after several full batches have been sent
      const bad = Array.from({ length: 4500 }, (_, i) => region(`n${i}`));
      bad.push(region('keep', 'changed'));
      await expect(db.insert(Region, bad)).rejects.toThrow(QueryError);
      const broken = Array.from({ length: 4500 }, (_, i) => ({ name: `u${i}`, region: 'y' }));
      broken.push({ name: 'u-null', region: null as unknown as string });
      broken.unshift({ name: 'keep', region: 'changed' });
      await expect(db.upsert(Region, broken)).rejects.toThrow(QueryError);
      const rows = await db.select(Region);
      expect(rows.map((r) => [r.name, r.region])).toEqual([['keep', 'x']]);
    });
  });
});
