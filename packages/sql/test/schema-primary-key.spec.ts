import { Children, DiffSyncModel, Identifier, Model, Attribute } from '@diffsync/core';
import { Column, Connection, SchemaError, Table } from '@diffsync/sql';
import { DIALECTS, withDatabase } from './support';

// Version 1: a pair keyed (a, b); its parts point at it through (pa, pb).
@Model('pair')
@Table({ name: 'pairs' })
class PairV1 extends DiffSyncModel {
  @Identifier() @Column({ type: 'varchar', length: 20 }) a!: string;
  @Identifier() @Column({ type: 'varchar', length: 20 }) b!: string;
  @Attribute() @Column({ type: 'text' }) label!: string;
  @Children('part', { foreignKey: ['pa', 'pb'] }) parts!: string[];
}

@Model('part')
@Table({ name: 'parts' })
class PartV1 extends DiffSyncModel {
  @Identifier() @Column({ type: 'varchar', length: 20 }) pa!: string;
  @Identifier() @Column({ type: 'varchar', length: 20 }) pb!: string;
  @Identifier() @Column({ type: 'integer' }) n!: number;
}

// Version 2: the key order is (b, a); the parts' foreign key follows.
@Model('pair')
@Table({ name: 'pairs' })
class PairV2 extends DiffSyncModel {
  @Identifier() @Column({ type: 'varchar', length: 20 }) b!: string;
  @Identifier() @Column({ type: 'varchar', length: 20 }) a!: string;
  @Attribute() @Column({ type: 'text' }) label!: string;
  @Children('part', { foreignKey: ['pb', 'pa'] }) parts!: string[];
}

@Model('part')
@Table({ name: 'parts' })
class PartV2 extends DiffSyncModel {
  @Identifier() @Column({ type: 'varchar', length: 20 }) pa!: string;
  @Identifier() @Column({ type: 'varchar', length: 20 }) pb!: string;
  @Identifier() @Column({ type: 'integer' }) n!: number;
}

// A key that grows: (name) → (name, region).
@Model('zone')
@Table({ name: 'zones' })
class ZoneV1 extends DiffSyncModel {
  @Identifier() @Column({ type: 'varchar', length: 20 }) name!: string;
  @Attribute() @Column({ type: 'varchar', length: 20 }) region!: string;
}

@Model('zone')
@Table({ name: 'zones' })
class ZoneV2 extends DiffSyncModel {
  @Identifier() @Column({ type: 'varchar', length: 20 }) name!: string;
  @Identifier() @Column({ type: 'varchar', length: 20 }) region!: string;
}

// Zones with a second, unique key that other tables may reference instead.
@Model('zone')
@Table({ name: 'zones' })
class CodedZoneV1 extends DiffSyncModel {
  @Identifier() @Column({ type: 'varchar', length: 20 }) name!: string;
  @Attribute() @Column({ type: 'varchar', length: 20 }) region!: string;
  @Attribute() @Column({ type: 'varchar', length: 20, unique: true }) code!: string;
}

@Model('zone')
@Table({ name: 'zones' })
class CodedZoneV2 extends DiffSyncModel {
  @Identifier() @Column({ type: 'varchar', length: 20 }) name!: string;
  @Identifier() @Column({ type: 'varchar', length: 20 }) region!: string;
  @Attribute() @Column({ type: 'varchar', length: 20, unique: true }) code!: string;
}

@Model('zone')
@Table({ name: 'zones' })
class ZoneWithRacks extends ZoneV1 {
  @Children('rack', { foreignKey: ['zone'] }) racks!: string[];
}

@Model('rack')
@Table({ name: 'racks' })
class Rack extends DiffSyncModel {
  @Identifier() @Column({ type: 'integer' }) id!: number;
  @Attribute() @Column({ type: 'varchar', length: 20 }) zone!: string;
}

/** A table no model declares, with a foreign key to `zones (name)`. */
async function createUndeclaredReference(db: Connection): Promise<void> {
  const q = (n: string) => db.sqlDialect.quoteIdentifier(n);
  await db.execute(
    `CREATE TABLE ${q('racks')} (${q('id')} INTEGER PRIMARY KEY, ${q('zone')} VARCHAR(20) NOT NULL, ` +
      `CONSTRAINT ${q('fk_racks_zone')} FOREIGN KEY (${q('zone')}) REFERENCES ${q('zones')} (${q('name')}))` +
      (db.dialect === 'mysql' ? ' COLLATE utf8mb4_bin' : ''),
  );
}

describe.each(DIALECTS)('primary key changes on %s', (dialect) => {
  it('drops and re-adds the foreign keys that reference a changed primary key, keeping the rows', async () => {
    await withDatabase(dialect, async (db) => {
      await db.syncSchema([PairV1, PartV1]);
      await db.insert(PairV1, [new PairV1({ a: 'x', b: 'y', label: 'first' }), new PairV1({ a: 'x', b: 'z', label: 'second' })]);
      await db.insert(PartV1, [new PartV1({ pa: 'x', pb: 'y', n: 1 }), new PartV1({ pa: 'x', pb: 'z', n: 2 })]);

      const plan = await db.syncSchema([PairV2, PartV2]);
      expect(plan.isEmpty).toBe(false);
      expect((await db.planSchema([PairV2, PartV2])).statements).toEqual([]);
      expect((await db.select(PairV2)).map((p) => p.toDict())).toEqual([
        expect.objectContaining({ a: 'x', b: 'y', label: 'first' }),
        expect.objectContaining({ a: 'x', b: 'z', label: 'second' }),
      ]);
      expect(await db.select(PartV2)).toHaveLength(2);
      const catalog = await db.discover();
      const pairs = catalog.tables.find((t) => t.name === 'pairs');
      const parts = catalog.tables.find((t) => t.name === 'parts');
      expect(pairs?.primaryKey?.columns).toEqual(['b', 'a']);
      expect(parts?.foreignKeys.map((f) => [f.columns, f.refColumns])).toEqual([
        [
          ['pb', 'pa'],
          ['b', 'a'],
        ],
      ]);
      // The foreign key is enforced after the change.
      await expect(db.insert(PartV2, [new PartV2({ pa: 'no', pb: 'such', n: 3 })])).rejects.toThrow();
    });
  });

  it('refuses a primary key change that a foreign key of an undeclared table still needs, naming it', async () => {
    await withDatabase(dialect, async (db) => {
      await db.syncSchema([ZoneV1]);
      await createUndeclaredReference(db);
      await db.insert(ZoneV1, [new ZoneV1({ name: 'z1', region: 'eu' })]);
      const attempt = db.planSchema([ZoneV2]);
      await expect(attempt).rejects.toThrow(SchemaError);
      await expect(db.planSchema([ZoneV2])).rejects.toThrow(/fk_racks_zone.*racks|racks.*fk_racks_zone/);
      await expect(db.syncSchema([ZoneV2])).rejects.toThrow(SchemaError);
      // Nothing changed.
      const zones = (await db.discover()).tables.find((t) => t.name === 'zones');
      expect(zones?.primaryKey?.columns).toEqual(['name']);
      expect(await db.select(ZoneV1)).toHaveLength(1);
    });
  });

  it('leaves alone an undeclared foreign key to another unique key of the table', async () => {
    await withDatabase(dialect, async (db) => {
      await db.syncSchema([CodedZoneV1]);
      const q = (n: string) => db.sqlDialect.quoteIdentifier(n);
      await db.execute(
        `CREATE TABLE ${q('racks')} (${q('id')} INTEGER PRIMARY KEY, ${q('zone_code')} VARCHAR(20) NOT NULL, ` +
          `CONSTRAINT ${q('fk_racks_code')} FOREIGN KEY (${q('zone_code')}) REFERENCES ${q('zones')} (${q('code')}))` +
          (db.dialect === 'mysql' ? ' COLLATE utf8mb4_bin' : ''),
      );
      await db.insert(CodedZoneV1, [new CodedZoneV1({ name: 'z1', region: 'eu', code: 'Z1' })]);
      await db.execute(`INSERT INTO ${q('racks')} (${q('id')}, ${q('zone_code')}) VALUES (1, 'Z1')`);
      await db.syncSchema([CodedZoneV2]);
      const catalog = await db.discover();
      expect(catalog.tables.find((t) => t.name === 'zones')?.primaryKey?.columns).toEqual(['name', 'region']);
      expect(catalog.tables.find((t) => t.name === 'racks')?.foreignKeys.map((f) => f.refColumns)).toEqual([['code']]);
      await expect(db.execute(`INSERT INTO ${q('racks')} (${q('id')}, ${q('zone_code')}) VALUES (2, 'nope')`)).rejects.toThrow();
    });
  });

  it('with allowDrop, drops the undeclared table and changes the key', async () => {
    await withDatabase(dialect, async (db) => {
      await db.syncSchema([ZoneV1]);
      await createUndeclaredReference(db);
      await db.insert(ZoneV1, [new ZoneV1({ name: 'z1', region: 'eu' })]);
      const plan = await db.syncSchema([ZoneV2], { allowDrop: true });
      expect(plan.destructive).toBe(true);
      const catalog = await db.discover();
      expect(catalog.tables.map((t) => t.name)).toEqual(['zones']);
      expect(catalog.tables[0].primaryKey?.columns).toEqual(['name', 'region']);
      expect((await db.select(ZoneV2)).map((z) => z.toDict())).toEqual([expect.objectContaining({ name: 'z1', region: 'eu' })]);
    });
  });
});

describe('primary key changes on postgresql only', () => {
  it('re-creates an unchanged foreign key around a renamed primary key constraint', async () => {
    await withDatabase('postgresql', async (db) => {
      await db.syncSchema([ZoneWithRacks, Rack]);
      await db.insert(ZoneWithRacks, [new ZoneWithRacks({ name: 'z1', region: 'eu' })]);
      await db.insert(Rack, [new Rack({ id: 1, zone: 'z1' })]);
      await db.execute('ALTER TABLE "zones" RENAME CONSTRAINT "zones_pkey" TO "legacy_pk"');
      const plan = await db.syncSchema([ZoneWithRacks, Rack]);
      expect(plan.statements).toEqual([
        'ALTER TABLE "racks" DROP CONSTRAINT "fk_racks_zone"',
        'ALTER TABLE "zones" DROP CONSTRAINT "legacy_pk"',
        'ALTER TABLE "zones" ADD CONSTRAINT "zones_pkey" PRIMARY KEY ("name")',
        'ALTER TABLE "racks" ADD CONSTRAINT "fk_racks_zone" FOREIGN KEY ("zone") REFERENCES "zones" ("name")',
      ]);
      expect((await db.planSchema([ZoneWithRacks, Rack])).isEmpty).toBe(true);
      await expect(db.insert(Rack, [new Rack({ id: 2, zone: 'nowhere' })])).rejects.toThrow();
    });
  });
});
