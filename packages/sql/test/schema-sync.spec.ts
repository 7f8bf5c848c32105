import type * as Core from '@diffsync/core';
import { Attribute, Children, DiffSyncModel, Identifier, Model } from '@diffsync/core';
import { Column, SchemaError, Table } from '@diffsync/sql';
import { Device, Hostile, HostileChild, HostileParent, Role, Site } from './models';
import { DIALECTS, withDatabase } from './support';

@Model('gadget')
@Table({ name: 'gadgets' })
class GadgetV1 extends DiffSyncModel {
  @Identifier() @Column({ type: 'varchar', length: 50 }) id!: string;
  @Attribute() name!: string;
  @Attribute() @Column({ type: 'text', nullable: true }) legacy!: string | null;
}

@Model('gadget')
@Table({ name: 'gadgets', comment: 'now with a comment' })
class GadgetV2 extends DiffSyncModel {
  @Identifier() @Column({ type: 'varchar', length: 50 }) id!: string;
  @Attribute() name!: string;
  @Attribute() @Column({ type: 'text', nullable: true }) legacy!: string | null;
  @Attribute() @Column({ type: 'integer' }) count!: number;
  @Attribute() @Column({ type: 'text', nullable: true }) note!: string | null;
  @Attribute() @Column({ type: 'boolean', default: true }) enabled!: boolean;
  @Attribute() @Column({ enum: ['a', 'b'] }) kind!: string;
  @Attribute() @Column({ type: 'varchar', length: 20, index: true }) tag!: string;
}

@Model('gadget')
@Table({ name: 'gadgets', comment: 'now with a comment' })
class GadgetV3 extends DiffSyncModel {
  @Identifier() @Column({ type: 'varchar', length: 50 }) id!: string;
  @Attribute() name!: string;
  @Attribute() @Column({ type: 'integer' }) count!: number;
  @Attribute() @Column({ type: 'text', nullable: true }) note!: string | null;
  @Attribute() @Column({ type: 'boolean', default: true }) enabled!: boolean;
  @Attribute() @Column({ enum: ['a', 'b', 'c'] }) kind!: string;
  @Attribute() @Column({ type: 'varchar', length: 20, index: true }) tag!: string;
}

@Model('gadget')
@Table({ name: 'gadgets', comment: 'now with a comment' })
class GadgetFewerKinds extends DiffSyncModel {
  @Identifier() @Column({ type: 'varchar', length: 50 }) id!: string;
  @Attribute() name!: string;
  @Attribute() @Column({ type: 'integer' }) count!: number;
  @Attribute() @Column({ type: 'text', nullable: true }) note!: string | null;
  @Attribute() @Column({ type: 'boolean', default: true }) enabled!: boolean;
  @Attribute() @Column({ enum: ['a'] }) kind!: string;
  @Attribute() @Column({ type: 'varchar', length: 20, index: true }) tag!: string;
}

@Model('defaults')
class WithDefaults extends DiffSyncModel {
  @Identifier() @Column({ type: 'varchar', length: 10 }) id!: string;
  @Attribute({ default: "it's" }) s!: string;
  @Attribute({ default: 1.5 }) d!: number;
  @Attribute({ default: -3 }) @Column({ type: 'integer' }) i!: number;
  @Attribute({ default: false }) b!: boolean;
  @Attribute() @Column({ enum: Role, default: Role.Leaf, nullable: true }) role!: Role | null;
}

@Model('site')
@Table({ name: 'sites', comment: "Sites, it's where devices live" })
class SiteV2 extends DiffSyncModel {
  @Identifier() @Column({ type: 'varchar', length: 64 }) name!: string;
  @Attribute() region!: string;
  @Attribute() @Column({ type: 'integer' }) floors!: number;
}
Children('device', { foreignKey: ['siteName'] })(SiteV2.prototype, 'devices');

@Model('widget')
class WidgetV1 extends DiffSyncModel {
  @Identifier() @Column({ type: 'varchar', length: 20 }) id!: string;
  @Attribute() @Column({ type: 'integer' }) size!: number;
  @Attribute() @Column({ type: 'varchar', length: 20, nullable: true }) label!: string | null;
  @Attribute() @Column({ type: 'text', default: 'x' }) code!: string;
  @Attribute() @Column({ type: 'text', comment: 'old comment', unique: true }) serial!: string;
}

@Model('widget')
@Table({ indexes: [['size', 'label']] })
class WidgetV2 extends DiffSyncModel {
  @Identifier() @Column({ type: 'varchar', length: 20 }) id!: string;
  @Attribute() @Column({ type: 'bigint' }) size!: number;
  @Attribute() @Column({ type: 'varchar', length: 40 }) label!: string;
  @Attribute() @Column({ type: 'text', default: 'y' }) code!: string;
  @Attribute() @Column({ type: 'text', comment: 'new comment', index: true }) serial!: string;
}

function namespaced(ns: string) {
  @Model('nsparent')
  @Table({ namespace: ns, name: 'parents' })
  class NsParent extends DiffSyncModel {
    @Identifier() @Column({ type: 'varchar', length: 20 }) id!: string;
    @Attribute() @Column({ enum: Role }) role!: Role;
  }
  @Model('nschild')
  @Table({ namespace: ns, name: 'children' })
  class NsChild extends DiffSyncModel {
    @Identifier() @Column({ type: 'varchar', length: 20 }) parentId!: string;
    @Identifier() @Column({ type: 'integer' }) n!: number;
  }
  const { Children } = jest.requireActual<typeof Core>('@diffsync/core');
  Children('nschild', { foreignKey: ['parentId'] })(NsParent.prototype, 'kids');
  return [NsParent, NsChild];
}

describe.each(DIALECTS)('schema sync on %s', (dialect) => {
  it('generate → create → discover → plan is empty', async () => {
    await withDatabase(dialect, async (db) => {
      const models = [Site, Device, Hostile, HostileParent, HostileChild, WithDefaults];
      const first = await db.syncSchema(models);
      expect(first.statements.length).toBeGreaterThan(0);
      expect(first.destructive).toBe(false);
      const again = await db.planSchema(models);
      expect(again.statements).toEqual([]);
      expect(again.toString()).toBe('');

      const catalog = await db.discover();
      const devices = catalog.tables.find((t) => t.name === 'devices');
      expect(devices?.primaryKey?.columns).toEqual(['siteName', 'name']);
      expect(devices?.foreignKeys).toEqual([
        { name: 'fk_devices_siteName', columns: ['siteName'], refNamespace: undefined, refTable: 'sites', refColumns: ['name'] },
      ]);
      expect(devices?.uniques).toEqual([{ name: 'uq_devices_assetTag', columns: ['assetTag'] }]);
      expect(devices?.indexes).toEqual([{ name: 'ix_devices_rackUnit', columns: ['rackUnit'] }]);
      const rackUnit = devices?.columns.find((c) => c.name === 'rackUnit');
      expect(rackUnit).toMatchObject({ nullable: false, default: '1' });
      const defaults = catalog.tables.find((t) => t.name === 'defaults');
      expect(defaults?.columns.find((c) => c.name === 's')?.default).toBe("it's");
      const hostileChild = catalog.tables.find((t) => t.name === 'child table 子');
      expect(hostileChild?.foreignKeys[0]).toMatchObject({ columns: ['parent order', 'parent key'], refTable: 'from', refColumns: ['order', 'key'] });
      if (dialect === 'postgresql') {
        expect(catalog.enums).toContainEqual({ namespace: undefined, name: 'devices_role', values: ['spine', 'leaf', "edge's"] });
        expect(devices?.comment).toBe('Network devices');
        expect(devices?.columns.find((c) => c.name === 'serial')?.comment).toBe('vendor serial');
      }
      if (dialect === 'sqlite') {
        expect(devices?.checks).toEqual([{ name: 'ck_devices_role', expression: `("role" IN ('spine', 'leaf', 'edge''s'))` }]);
      }
      if (dialect === 'mysql') {
        expect(devices?.columns.find((c) => c.name === 'tags')?.type).toBe('json');
        expect(devices?.columns.find((c) => c.name === 'role')?.type).toBe("enum('spine','leaf','edge''s')");
      }
    });
  });

  it('creates namespaced tables and finds them in sync', async () => {
    await withDatabase(dialect, async (db, t) => {
      const models = namespaced(`${t.id}_inv`);
      await db.syncSchema(models);
      expect((await db.planSchema(models)).statements).toEqual([]);
      const catalog = await db.discover({ namespace: `${t.id}_inv` });
      expect(catalog.tables.map((x) => x.name).sort()).toEqual(
        dialect === 'postgresql' ? ['children', 'parents'] : [`${t.id}_inv__children`, `${t.id}_inv__parents`],
      );
      if (dialect === 'postgresql') {
        // Naming the default schema explicitly is the same as naming none.
        const inDefault = namespaced(t.id);
        await db.syncSchema(inDefault);
        expect((await db.planSchema(inDefault)).statements).toEqual([]);
        expect((await db.discover()).tables.map((x) => x.name).sort()).toEqual(['children', 'parents']);
      }
    });
  });

  it('adds columns, NOT NULL ones included, to a table with rows; never drops without allowDrop', async () => {
    await withDatabase(dialect, async (db) => {
      await db.syncSchema([GadgetV1]);
      await db.insert(GadgetV1, [
        { id: 'g1', name: 'one', legacy: 'old' },
        { id: 'g2', name: 'two', legacy: null },
      ]);
      const plan = await db.planSchema([GadgetV2]);
      expect(plan.destructive).toBe(false);
      expect(plan.toString()).toContain('count');
      await db.syncSchema([GadgetV2]);
      expect((await db.planSchema([GadgetV2])).statements).toEqual([]);
      const rows = await db.select(GadgetV2);
      expect(rows.map((r) => ({ ...r.toDict() }))).toMatchObject([
        { id: 'g1', name: 'one', legacy: 'old', count: 0, note: null, enabled: true, kind: 'a', tag: '' },
        { id: 'g2', name: 'two', legacy: null, count: 0, note: null, enabled: true, kind: 'a', tag: '' },
      ]);
      await db.upsert(GadgetV2, [{ ...rows[0].toDict(), kind: 'b' }]);

      // V3 drops `legacy` and adds an enum value: without allowDrop the column stays.
      const keep = await db.planSchema([GadgetV3]);
      expect(keep.skipped.join('\n')).toMatch(/legacy/);
      expect(keep.destructive).toBe(false);
      await db.syncSchema([GadgetV3]);
      const stillThere = await db.discover();
      expect(stillThere.tables.find((x) => x.name === 'gadgets')?.columns.map((c) => c.name)).toContain('legacy');

      const drop = await db.syncSchema([GadgetV3], { allowDrop: true });
      expect(drop.destructive).toBe(true);
      const after = await db.discover();
      expect(after.tables.find((x) => x.name === 'gadgets')?.columns.map((c) => c.name)).not.toContain('legacy');
      expect((await db.planSchema([GadgetV3])).statements).toEqual([]);
      await db.upsert(GadgetV3, [{ id: 'g2', name: 'two', count: 5, note: 'n', enabled: false, kind: 'c', tag: 't' }]);
      const final = await db.select(GadgetV3);
      expect(final.map((r) => [r.id, r.kind, r.count])).toEqual([
        ['g1', 'b', 0],
        ['g2', 'c', 5],
      ]);
    });
  });

  it('changes a parent table that child rows reference, keeping every row', async () => {
    await withDatabase(dialect, async (db) => {
      await db.syncSchema([Site, Device]);
      await db.insert(Site, [new Site({ name: 'ams', region: 'eu' }), new Site({ name: 'nyc', region: 'us' })]);
      await db.insert(Device, [
        new Device({
          siteName: 'ams',
          name: 'r1',
          role: Role.Leaf,
          serial: null,
          rackUnit: 2,
          assetTag: 'a1',
          active: true,
          weight: 1,
          installed: new Date(0),
          tags: [],
        }),
      ]);
      const plan = await db.syncSchema([SiteV2, Device]);
      expect(plan.statements.length).toBeGreaterThan(0);
      expect((await db.planSchema([SiteV2, Device])).statements).toEqual([]);
      expect((await db.select(SiteV2)).map((s) => [s.name, s.region, s.floors])).toEqual([
        ['ams', 'eu', 0],
        ['nyc', 'us', 0],
      ]);
      expect(await db.select(Device)).toHaveLength(1);
      // the foreign key still holds
      await expect(db.delete(SiteV2, [{ name: 'ams' }])).rejects.toThrow(/foreign key|FOREIGN KEY/i);
    });
  });

  it('alters types, nullability, defaults, comments, unique constraints and indexes', async () => {
    await withDatabase(dialect, async (db) => {
      await db.syncSchema([WidgetV1]);
      await db.insert(WidgetV1, [{ id: 'w1', size: 3, label: 'big', code: 'c', serial: 's1' }]);
      const plan = await db.syncSchema([WidgetV2]);
      expect(plan.statements.length).toBeGreaterThan(0);
      expect((await db.planSchema([WidgetV2])).statements).toEqual([]);
      expect((await db.select(WidgetV2)).map((w) => w.toDict())).toMatchObject([{ id: 'w1', size: 3, label: 'big', code: 'c', serial: 's1' }]);
      const table = (await db.discover()).tables.find((t) => t.name === 'widget');
      expect(table?.uniques).toEqual([]);
      expect(table?.indexes.map((i) => i.columns)).toEqual(expect.arrayContaining([['size', 'label'], ['serial']]));
      expect(table?.columns.find((c) => c.name === 'label')?.nullable).toBe(false);
      expect(table?.columns.find((c) => c.name === 'code')?.default).toBe('y');
      // and back
      await db.syncSchema([WidgetV1]);
      expect((await db.planSchema([WidgetV1])).statements).toEqual([]);
    });
  });

  it('drops undeclared tables only with allowDrop', async () => {
    await withDatabase(dialect, async (db) => {
      await db.syncSchema([Site, Device]);
      await db.insert(Site, [new Site({ name: 'ams', region: 'eu' })]);
      const plan = await db.planSchema([GadgetV1]);
      expect(plan.statements.join('\n')).not.toMatch(/DROP/);
      expect(plan.skipped.length).toBe(2);
      await db.syncSchema([GadgetV1]);
      expect(await db.select(Site)).toHaveLength(1);
      const dropping = await db.syncSchema([GadgetV1], { allowDrop: true });
      expect(dropping.destructive).toBe(true);
      const names = (await db.discover()).tables.map((x) => x.name);
      expect(names).toEqual(['gadgets']);
    });
  });

  it('refuses to remove an enum value', async () => {
    await withDatabase(dialect, async (db) => {
      await db.syncSchema([GadgetV3], { allowDrop: true });
      await db.insert(GadgetV3, [{ id: 'x', name: 'x', count: 1, note: null, enabled: true, kind: 'c', tag: '' }]);
      const before = await db.discover();
      for (const attempt of [db.planSchema([GadgetFewerKinds]), db.syncSchema([GadgetFewerKinds])]) {
        const error = await attempt.catch((e: unknown) => e);
        expect(error).toBeInstanceOf(SchemaError);
        expect((error as Error).message).toMatch(/^GadgetFewerKinds\.kind: enum (type|value).*"[bc]"/);
      }
      expect(await db.discover()).toEqual(before);
      expect((await db.select(GadgetV3)).map((r) => r.kind)).toEqual(['c']);
      expect((await db.planSchema([GadgetV3])).statements).toEqual([]);
    });
  });
});
