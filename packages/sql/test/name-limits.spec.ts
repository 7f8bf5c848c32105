import { Attribute, Children, DiffSyncModel, getModelMetadata, Identifier, Model, ModelClass } from '@diffsync/core';
import { Column, Connection, DialectName, generateSchema, SchemaError, SqlAdapter, Table } from '@diffsync/sql';
import { withDatabase } from './support';

// Boundary names: PostgreSQL counts UTF-8 bytes (63), MySQL/MariaDB characters (64).
const PG_MAX = `${'é'.repeat(31)}a`; // 63 bytes, 32 characters
const PG_OVER = 'é'.repeat(32); // 64 bytes, 32 characters: PostgreSQL would cut it to 62
const MY_MAX = 'é'.repeat(64); // 64 characters, 128 bytes
const MY_OVER = `${'é'.repeat(64)}a`; // 65 characters

let serial = 0;

/** A model whose table and value column have the given names. */
function named(table: string, column: string, namespace?: string): ModelClass {
  @Model(`named_${serial++}`)
  @Table({ name: table, namespace })
  class Named extends DiffSyncModel {
    @Identifier() @Column({ type: 'varchar', length: 40 }) id!: string;
    @Attribute() @Column({ name: column, type: 'text', nullable: true }) value!: string | null;
  }
  return Named;
}

/** A parent and child whose generated index, unique, enum-type and foreign-key names are too long to keep. */
function longFamily(table: string, column: string): { Parent: ModelClass; Child: ModelClass } {
  const n = serial++;
  @Model(`child_${n}`)
  @Table({ name: `c${table}` })
  class Child extends DiffSyncModel {
    @Identifier() @Column({ name: column, type: 'varchar', length: 40 }) parent!: string;
    @Identifier() @Column({ type: 'varchar', length: 40 }) id!: string;
  }
  @Model(`parent_${n}`)
  @Table({ name: table })
  class Parent extends DiffSyncModel {
    @Identifier() @Column({ name: column, type: 'varchar', length: 40 }) id!: string;
    @Attribute() @Column({ name: `k${column}`, enum: ['x', 'y'] }) kind!: string;
    @Attribute() @Column({ name: `i${column}`, type: 'varchar', length: 40, index: true, unique: true }) tag!: string;
    @Children(`child_${n}`, { foreignKey: ['parent'] }) children!: string[];
  }
  return { Parent, Child };
}

async function refused(promise: Promise<unknown>, owner: string): Promise<SchemaError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SchemaError);
  expect((error as Error).message).toContain(owner);
  return error as SchemaError;
}

describe('name limits without a database (generateSchema)', () => {
  it('refuses names one byte (PostgreSQL) or one character (MySQL) too long, naming class and field', () => {
    const pgColumn = named('t', PG_OVER);
    expect(() => generateSchema([pgColumn], { dialect: 'postgresql' })).toThrow(SchemaError);
    expect(() => generateSchema([pgColumn], { dialect: 'postgresql' })).toThrow(`${pgColumn.name}.value: column name`);
    expect(() => generateSchema([pgColumn], { dialect: 'postgresql' })).toThrow(/64 bytes long; PostgreSQL allows at most 63 bytes/);
    // 32 characters are fine on MySQL and SQLite.
    expect(generateSchema([pgColumn], { dialect: 'mysql' })).toContain(PG_OVER);
    expect(generateSchema([pgColumn], { dialect: 'sqlite' })).toContain(PG_OVER);
    expect(generateSchema([named('t', PG_MAX)], { dialect: 'postgresql' })).toContain(PG_MAX);

    const myColumn = named('t', MY_OVER);
    expect(() => generateSchema([myColumn], { dialect: 'mysql' })).toThrow(`${myColumn.name}.value: column name`);
    expect(() => generateSchema([myColumn], { dialect: 'mysql' })).toThrow(/65 characters long; MySQL\/MariaDB allows at most 64 characters/);
    expect(generateSchema([named('t', MY_MAX)], { dialect: 'mysql' })).toContain(MY_MAX);
    expect(generateSchema([named('t', 'x'.repeat(500))], { dialect: 'sqlite' })).toContain('x'.repeat(500));
  });

  it('names the class for a table or namespace name and counts the MySQL namespace prefix', () => {
    const table = named(PG_OVER, 'v');
    expect(() => generateSchema([table], { dialect: 'postgresql' })).toThrow(new RegExp(`^${table.name}: table name`));
    const ns = named('t', 'v', PG_OVER);
    expect(() => generateSchema([ns], { dialect: 'postgresql' })).toThrow(new RegExp(`^${ns.name}: namespace \\(schema\\) name`));
    // On MySQL a namespace is a prefix: 'ns__' + 61 characters is 65.
    const prefixed = named('é'.repeat(61), 'v', 'ns');
    expect(() => generateSchema([prefixed], { dialect: 'mysql' })).toThrow(new RegExp(`^${prefixed.name}: table name \\(namespace`));
    expect(generateSchema([named('é'.repeat(60), 'v', 'ns')], { dialect: 'mysql' })).toContain(`ns__${'é'.repeat(60)}`);
    expect(() => generateSchema([named('t😀', 'v')], { dialect: 'mysql' })).toThrow(/beyond U\+FFFF/);
    const nul = named('t', 'a\u0000b');
    for (const dialect of ['postgresql', 'mysql', 'sqlite'] as const) {
      expect(() => generateSchema([nul], { dialect })).toThrow(new RegExp(`^${nul.name}\\.value: column name .* NUL`));
    }
  });

  it('refuses a user-chosen index, unique or enum type name that is too long, but shortens generated ones', () => {
    @Model('chosen_index')
    class ChosenIndex extends DiffSyncModel {
      @Identifier() @Column({ type: 'varchar', length: 40 }) id!: string;
      @Attribute() @Column({ type: 'integer', index: 'i'.repeat(64) }) rank!: number;
    }
    expect(() => generateSchema([ChosenIndex], { dialect: 'postgresql' })).toThrow('ChosenIndex.rank: index name');
    @Model('chosen_enum')
    class ChosenEnum extends DiffSyncModel {
      @Identifier() @Column({ type: 'varchar', length: 40 }) id!: string;
      @Attribute() @Column({ enum: ['a'], enumName: PG_OVER }) kind!: string;
    }
    expect(() => generateSchema([ChosenEnum], { dialect: 'postgresql' })).toThrow('ChosenEnum.kind: enum type name');
    expect(generateSchema([ChosenEnum], { dialect: 'mysql' })).toContain('enum(');

    const { Parent, Child } = longFamily(`${'é'.repeat(30)}a`, PG_MAX.slice(1));
    const ddl = generateSchema([Parent, Child], { dialect: 'postgresql' });
    expect(generateSchema([Parent, Child], { dialect: 'postgresql' })).toBe(ddl); // deterministic
    const quoted = [...ddl.matchAll(/"((?:[^"]|"")*)"/g)].map((m) => m[1]);
    expect(quoted.length).toBeGreaterThan(8);
    for (const name of quoted) expect(Buffer.byteLength(name)).toBeLessThanOrEqual(63);
    expect(quoted.some((n) => /_[0-9a-f]{8}$/.test(n))).toBe(true);
  });
});

const REAL: Array<[DialectName, string]> = [
  ['postgresql', PG_MAX],
  ['mysql', MY_MAX],
];

describe.each(REAL)('name limits on %s', (dialect, longest) => {
  const over = dialect === 'postgresql' ? PG_OVER : MY_OVER;

  it('keeps names at the limit (multibyte): sync, round trip, and an empty plan afterwards', async () => {
    await withDatabase(dialect, async (db) => {
      const M = named(longest, longest);
      const { Parent, Child } = longFamily(dialect === 'postgresql' ? `${'é'.repeat(30)}a` : 'é'.repeat(62), longest.slice(1));
      const models = [M, Parent, Child];
      await db.syncSchema(models);
      expect((await db.planSchema(models)).statements).toEqual([]);
      await db.insert(M, [{ id: 'a', value: 'kept' }]);
      await db.upsert(M, [{ id: 'b', value: 'also' }]);
      expect((await db.select(M)).map((m) => [m.getUniqueId(), (m as unknown as { value: string }).value])).toEqual([
        ['a', 'kept'],
        ['b', 'also'],
      ]);
      // Through SqlAdapter: the parent/child tree with its foreign key, enum and index.
      class Db extends SqlAdapter {
        static override models = [Parent, Child];
        static override topLevel = [getModelMetadata(Parent).name];
      }
      await db.insert(Parent, [{ id: 'p', kind: 'y', tag: 't1' }]);
      await db.insert(Child, [{ parent: 'p', id: 'c' }]);
      const loaded = new Db({ connection: db });
      await loaded.load();
      expect(await loaded.count(getModelMetadata(Child).name)).toBe(1);
      const catalog = await db.discover();
      const limit = (s: string) => (dialect === 'postgresql' ? Buffer.byteLength(s) <= 63 : [...s].length <= 64);
      for (const t of catalog.tables) {
        expect(limit(t.name)).toBe(true);
        for (const k of [...t.indexes, ...t.uniques, ...t.foreignKeys]) expect(limit(k.name)).toBe(true);
      }
    });
  });

  it('refuses a name one past the limit in planSchema, syncSchema, insert and upsert, changing nothing', async () => {
    await withDatabase(dialect, async (db) => {
      const longColumn = named('t', over);
      const longTable = named(over, 'v');
      await refused(db.planSchema([longColumn]), `${longColumn.name}.value`);
      await refused(db.syncSchema([named('ok', 'v'), longColumn]), `${longColumn.name}.value`);
      await refused(db.syncSchema([longTable]), `${longTable.name}: table name`);
      expect((await db.discover()).tables).toEqual([]);

      // A table made by hand with the server's idea of the name: insert and upsert send nothing.
      const q = (n: string) => db.sqlDialect.quoteIdentifier(n);
      const kept = dialect === 'postgresql' ? 'é'.repeat(31) : MY_MAX; // what PostgreSQL keeps of PG_OVER
      await db.execute(`CREATE TABLE ${q('t')} (${q('id')} varchar(40) PRIMARY KEY, ${q(kept)} text)`);
      await refused(db.insert(longColumn, [{ id: 'a', value: 'x' }]), `${longColumn.name}.value`);
      await refused(db.upsert(longColumn, [{ id: 'a', value: 'x' }]), `${longColumn.name}.value`);
      expect(await db.query(`SELECT * FROM ${q('t')}`)).toEqual([]);
      if (dialect === 'postgresql') {
        await refused(db.syncSchema([named('t', 'v', PG_OVER)]), 'namespace (schema) name');
      } else {
        await refused(db.syncSchema([named('t😀', 'v')]), 'beyond U+FFFF');
      }
    });
  });
});

describe('name limits on sqlite', () => {
  it('has none', async () => {
    await withDatabase('sqlite', async (db: Connection) => {
      const M = named('t'.repeat(300), 'c'.repeat(300));
      await db.syncSchema([M]);
      await db.insert(M, [{ id: 'a', value: 'v' }]);
      expect(await db.select(M)).toHaveLength(1);
      expect((await db.planSchema([M])).statements).toEqual([]);
    });
  });
});
