import { Adapter, Attribute, Children, DiffSyncModel, Identifier, Model, ModelClass } from '@diffsync/core';
import { buildSchemaSpec, Column, defineModel, getDialect, SchemaError, SqlAdapter } from '@diffsync/sql';
import { createTables, DIALECTS, withDatabase } from './support';

@Model('site')
class Site extends DiffSyncModel {
  @Identifier() @Column({ type: 'varchar', length: 64 }) name!: string;
  @Attribute() @Column({ type: 'text' }) region!: string;
  @Attribute() @Column({ type: 'integer', nullable: true }) floors!: number | null;
  @Children('device', { foreignKey: ['site'] }) devices!: string[];
}

@Model('device')
class Device extends DiffSyncModel {
  @Identifier() @Column({ type: 'varchar', length: 64 }) site!: string;
  @Identifier() @Column({ type: 'varchar', length: 64 }) name!: string;
  @Attribute() @Column({ type: 'double' }) weight!: number;
  @Attribute() @Column({ type: 'boolean' }) active!: boolean;
  @Attribute() @Column({ type: 'timestamp', nullable: true }) installed!: Date | null;
  @Attribute() @Column({ type: 'decimal', precision: 12, scale: 3 }) price!: number;
  @Attribute() @Column({ enum: ['spine', 'leaf'] }) role!: string;
  @Attribute() @Column({ type: 'bigint' }) serial!: bigint; // a catalog's 64-bit integers load as bigint
}

const SITES = [
  { name: 'ams', region: 'eu', floors: 3 },
  { name: 'nyc', region: 'us', floors: null },
];
const DEVICES = [
  { site: 'ams', name: 'sw1', weight: 0.1 + 0.2, active: true, installed: new Date('2024-01-02T03:04:05.678Z'), price: 12.5, role: 'spine', serial: 2n ** 40n },
  { site: 'ams', name: 'sw2', weight: -0, active: false, installed: null, price: 0, role: 'leaf', serial: 7n },
  { site: 'nyc', name: 'ünï 😀', weight: 1e300, active: true, installed: new Date(0), price: -1.001, role: 'leaf', serial: -1n },
];

function adapterFor(models: readonly ModelClass[], topLevel: string[]): new (o: ConstructorParameters<typeof SqlAdapter>[0]) => SqlAdapter {
  const cls = class extends SqlAdapter {};
  Object.defineProperty(cls, 'models', { value: models });
  Object.defineProperty(cls, 'topLevel', { value: topLevel });
  return cls;
}

describe.each(DIALECTS)('models from the live catalog on %s', (dialect) => {
  it('load exactly what the hand-written models load, children included', async () => {
    await withDatabase(dialect, async (db) => {
      await createTables(db, [Site, Device]);
      await db.insert(
        Site,
        SITES.map((s) => new Site(s)),
      );
      await db.insert(
        Device,
        DEVICES.map((d) => new Device(d)),
      );

      const models = await db.models();
      expect(models.map((m) => (m as unknown as { getType(): string }).getType())).toEqual(['site', 'device']);
      expect(models.topLevel).toEqual(['site']);
      const Hand = adapterFor([Site, Device], ['site']);
      const Live = adapterFor(models, models.topLevel);
      const hand = new Hand({ connection: db, name: 'hand' });
      const live = new Live({ connection: db, name: 'live' });
      await hand.load();
      await live.load();
      expect(await live.count()).toBe(5);
      expect((await live.diffFrom(hand as Adapter)).hasDiffs()).toBe(false);
      expect((await hand.diffFrom(live as Adapter)).hasDiffs()).toBe(false);
      expect(await live.str()).toBe(await hand.str());
      // The catalog's types: the same DDL as the hand-written models'.
      const sql = getDialect(dialect).createSchemaStatements(buildSchemaSpec(models));
      expect(sql).toEqual(getDialect(dialect).createSchemaStatements(buildSchemaSpec([Site, Device])));
    });
  });

  it('refuses a table with no key, naming it; keys a table by its unique index otherwise', async () => {
    await withDatabase(dialect, async (db) => {
      const q = (n: string) => db.sqlDialect.quoteIdentifier(n);
      await db.execute(`CREATE TABLE ${q('loose')} (${q('a')} INTEGER, ${q('b')} VARCHAR(20))`);
      await expect(db.models()).rejects.toThrow(SchemaError);
      await expect(db.models({ tables: ['loose'] })).rejects.toThrow(/Table 'loose' has no primary key and no unique index/);
      await db.execute(`CREATE TABLE ${q('keyed')} (${q('code')} VARCHAR(20) NOT NULL, ${q('v')} INTEGER, CONSTRAINT ${q('uq_code')} UNIQUE (${q('code')}))`);
      const [Keyed] = await db.models({ tables: ['keyed'] });
      const obj = new Keyed({ code: 'x', v: 1 });
      expect(obj.getUniqueId()).toBe('x');
      expect(obj.getAttrs()).toEqual({ v: 1 });
      await expect(db.models({ tables: ['nope'] })).rejects.toThrow(/Table\(s\) 'nope' not found/);
    });
  });
});

describe('defineModel', () => {
  it('builds the same schema and values as a hand-written class', () => {
    const Built = defineModel({
      name: 'device',
      identifiers: { site: { type: 'varchar', length: 64 }, name: { type: 'varchar', length: 64 } },
      attributes: {
        weight: 'double',
        active: 'boolean',
        installed: { type: 'timestamp', nullable: true },
        price: { type: 'decimal', precision: 12, scale: 3 },
        role: { enum: ['spine', 'leaf'] },
        serial: 'bigint',
      },
    });
    for (const dialect of DIALECTS) {
      expect(getDialect(dialect).createSchemaStatements(buildSchemaSpec([Built]))).toEqual(
        getDialect(dialect).createSchemaStatements(buildSchemaSpec([Device])),
      );
    }
    const a = new Built(DEVICES[0]);
    const b = new Device(DEVICES[0]);
    expect(a.getUniqueId()).toBe(b.getUniqueId());
    expect(a.getAttrs()).toEqual(b.getAttrs());
    expect(() => defineModel({ name: 'x', identifiers: {} })).toThrow(/at least one identifier/);
    expect(() => defineModel({ name: 'x', identifiers: { id: {} } })).toThrow(/field 'id' needs a column type/);
  });
});
