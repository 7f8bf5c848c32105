import { Attribute, Children, DiffSyncModel, Identifier, Model } from '@diffsync/core';
import { buildSchemaSpec, Column, generateSchema, getDialect, SchemaError, Table } from '@diffsync/sql';
import { Device, Hostile, HostileChild, HostileParent, Site } from './models';
import { DIALECTS, withDatabase } from './support';

describe('table spec', () => {
  it('maps fields to columns, identifiers to a composite key, foreign keys from @Children', () => {
    const spec = buildSchemaSpec([Device, Site]);
    expect(spec.tables.map((t) => t.name)).toEqual(['sites', 'devices']); // parents first
    const devices = spec.tableOf(Device);
    expect(devices.primaryKey).toEqual(['siteName', 'name']);
    expect(devices.columns.map((c) => [c.name, c.type, c.nullable])).toEqual([
      ['siteName', 'varchar', false],
      ['name', 'varchar', false],
      ['role', 'enum', false],
      ['serial', 'text', true],
      ['rackUnit', 'integer', false],
      ['assetTag', 'text', false],
      ['active', 'boolean', false],
      ['weight', 'double', false],
      ['installed', 'timestamp', false],
      ['tags', 'json', false],
      ['extra', 'json', true],
    ]);
    expect(devices.columnByProperty.get('rackUnit')?.default).toBe(1);
    expect(devices.foreignKeys).toEqual([
      { name: 'fk_devices_siteName', columns: ['siteName'], refNamespace: undefined, refTable: 'sites', refColumns: ['name'] },
    ]);
    expect(devices.uniques).toEqual([{ name: 'uq_devices_assetTag', columns: ['assetTag'] }]);
    expect(devices.indexes).toEqual([{ name: 'ix_devices_rackUnit', columns: ['rackUnit'] }]);
  });

  it('rejects unmappable models with SchemaError naming class and field', () => {
    @Model('nokey')
    class NoKey extends DiffSyncModel {
      @Attribute() a!: string;
    }
    expect(() => buildSchemaSpec([NoKey])).toThrow(SchemaError);
    expect(() => buildSchemaSpec([NoKey])).toThrow(/NoKey: a table needs at least one @Identifier/);

    @Model('numenum')
    class NumEnum extends DiffSyncModel {
      @Identifier() id!: string;
      @Attribute() @Column({ enum: { A: 0, B: 1 } }) e!: number;
    }
    expect(() => buildSchemaSpec([NumEnum])).toThrow(/NumEnum\.e: enum values must be strings/);

    @Model('badfk')
    class BadFk extends DiffSyncModel {
      @Identifier() id!: string;
      @Attribute() @Column({ type: 'integer' }) n!: number;
    }
    @Model('badparent')
    class BadParent extends DiffSyncModel {
      @Identifier() a!: string;
      @Identifier() b!: string;
      @Children('badfk', { foreignKey: ['id'] }) kids!: string[];
    }
    expect(() => buildSchemaSpec([BadParent, BadFk])).toThrow(/BadParent\.kids: foreignKey has 1 field\(s\) but 'badparent' has 2 identifier/);
    expect(() => buildSchemaSpec([BadParent])).toThrow(/refers to model 'badfk', which is not in the list/);
  });

  it('puts namespaced tables in a schema on PostgreSQL and prefixes them elsewhere', () => {
    @Model('nsitem')
    @Table({ namespace: 'inventory', name: 'items' })
    class NsItem extends DiffSyncModel {
      @Identifier() id!: string;
    }
    expect(generateSchema([NsItem], { dialect: 'postgresql' })).toContain('CREATE SCHEMA IF NOT EXISTS "inventory";');
    expect(generateSchema([NsItem], { dialect: 'postgresql' })).toContain('CREATE TABLE "inventory"."items" (');
    expect(generateSchema([NsItem], { dialect: 'mysql' })).toContain('CREATE TABLE `inventory__items` (');
    expect(generateSchema([NsItem], { dialect: 'sqlite' })).toContain('CREATE TABLE "inventory__items" (');
  });
});

describe('generateSchema text', () => {
  it('PostgreSQL: native enum, comments, composite key, index, foreign key', () => {
    const text = generateSchema([Site, Device], { dialect: 'postgresql' });
    expect(text).toContain(`CREATE TYPE "devices_role" AS ENUM ('spine', 'leaf', 'edge''s');`);
    expect(text).toContain('    "role" "devices_role" NOT NULL,');
    expect(text).toContain('    "rackUnit" integer DEFAULT 1 NOT NULL,');
    expect(text).toContain('    "installed" timestamp with time zone NOT NULL,');
    expect(text).toContain('    "tags" jsonb NOT NULL,');
    expect(text).toContain('    CONSTRAINT "devices_pkey" PRIMARY KEY ("siteName", "name"),');
    expect(text).toContain(`COMMENT ON TABLE "sites" IS 'Sites, it''s where devices live';`);
    expect(text).toContain(`COMMENT ON COLUMN "devices"."serial" IS 'vendor serial';`);
    expect(text).toContain('CREATE INDEX "ix_devices_rackUnit" ON "devices" ("rackUnit");');
    expect(text).toContain('ALTER TABLE "devices" ADD CONSTRAINT "fk_devices_siteName" FOREIGN KEY ("siteName") REFERENCES "sites" ("name");');
  });

  it('MySQL: inline enum, keyed text bounded, binary collation, inline comments', () => {
    const text = generateSchema([Site, Device], { dialect: 'mysql' });
    expect(text).toContain("    `role` enum('spine','leaf','edge''s') NOT NULL,");
    expect(text).toContain('    `assetTag` varchar(255) NOT NULL,');
    expect(text).toContain('    `region` longtext NOT NULL,');
    expect(text).toContain("    `serial` longtext NULL COMMENT 'vendor serial',");
    expect(text).toContain('    `active` tinyint(1) NOT NULL,');
    expect(text).toContain('    PRIMARY KEY (`siteName`, `name`),');
    expect(text).toContain("DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin COMMENT='Network devices';");
    expect(text).toContain('    KEY `ix_devices_rackUnit` (`rackUnit`)');
  });

  it('SQLite: CHECK for enums, inline foreign keys, separate indexes', () => {
    const text = generateSchema([Site, Device], { dialect: 'sqlite' });
    expect(text).toContain(`    "role" TEXT NOT NULL CONSTRAINT "ck_devices_role" CHECK ("role" IN ('spine', 'leaf', 'edge''s')),`);
    expect(text).toContain('    CONSTRAINT "fk_devices_siteName" FOREIGN KEY ("siteName") REFERENCES "sites" ("name")');
    expect(text).toContain('CREATE INDEX "ix_devices_rackUnit" ON "devices" ("rackUnit");');
    expect(text).not.toContain('COMMENT');
  });

  it('quotes hostile identifiers per dialect', () => {
    expect(generateSchema([Hostile], { dialect: 'postgresql' })).toContain('CREATE TABLE "select ""odd"" `table`" (');
    expect(generateSchema([Hostile], { dialect: 'mysql' })).toContain('CREATE TABLE `select "odd" ``table``` (');
    expect(generateSchema([Hostile], { dialect: 'mysql' })).toContain("enum('a''b','c\"d','e\\\\f')");
    expect(generateSchema([Hostile], { dialect: 'sqlite' })).toContain('"naïve ""quoted"" `col`" TEXT,');
  });
});

describe.each(DIALECTS)('generated DDL runs on %s', (dialect) => {
  it('creates the example schema', async () => {
    await withDatabase(dialect, async (db) => {
      for (const s of getDialect(dialect).createSchemaStatements(buildSchemaSpec([Site, Device]))) await db.execute(s);
      const count = await db.query<{ n: number | string }>(`SELECT COUNT(*) AS n FROM ${getDialect(dialect).quoteIdentifier('devices')}`);
      expect(Number(count[0].n)).toBe(0);
    });
  });

  it('creates tables with hostile identifiers, enum values and a composite foreign key', async () => {
    await withDatabase(dialect, async (db) => {
      const d = getDialect(dialect);
      for (const s of d.createSchemaStatements(buildSchemaSpec([Hostile, HostileParent, HostileChild]))) await db.execute(s);
      const q = (n: string) => d.quoteIdentifier(n);
      const p = (i: number) => d.placeholder(i);
      await db.execute(`INSERT INTO ${q('from')} (${q('order')}, ${q('key')}) VALUES (${p(1)}, ${p(2)})`, ["o'1", 1]);
      await db.execute(`INSERT INTO ${q('child table 子')} (${q('parent order')}, ${q('parent key')}, ${q('where')}) VALUES (${p(1)}, ${p(2)}, ${p(3)})`, [
        "o'1",
        1,
        'w',
      ]);
      await expect(
        db.execute(`INSERT INTO ${q('child table 子')} (${q('parent order')}, ${q('parent key')}, ${q('where')}) VALUES (${p(1)}, ${p(2)}, ${p(3)})`, [
          'nope',
          1,
          'w',
        ]),
      ).rejects.toThrow(/foreign key|FOREIGN KEY/i);
      await db.execute(
        `INSERT INTO ${q('select "odd" `table`')} (${q('order')}, ${q('key with space')}, ${q('naïve "quoted" `col`')}, ${q('größe')}, ${q('group')}) VALUES (${p(1)}, ${p(2)}, ${p(3)}, ${p(4)}, ${p(5)})`,
        ['x', 1, 'ü', 'e\\f', 'g'],
      );
      await expect(
        db.execute(
          `INSERT INTO ${q('select "odd" `table`')} (${q('order')}, ${q('key with space')}, ${q('größe')}, ${q('group')}) VALUES (${p(1)}, ${p(2)}, ${p(3)}, ${p(4)})`,
          ['y', 2, 'not an enum value', 'g'],
        ),
      ).rejects.toThrow();
      const rows = await db.query(`SELECT ${q('größe')} AS v FROM ${q('select "odd" `table`')}`);
      expect(rows).toEqual([{ v: 'e\\f' }]);
    });
  });
});
