import { Adapter, Attribute, DiffSyncModel, Identifier, Model, ModelClass } from '@diffsync/core';
import { Column, generateSchema, QueryError, SchemaError, SqlAdapter, Table } from '@diffsync/sql';
import { DIALECTS, withDatabase } from './support';

enum Role {
  Leaf = 'leaf',
  Spine = 'spine',
}

interface Switch extends DiffSyncModel {
  name: string;
  role: string;
  backup: string | null;
}

/** A `switches` table whose `role` and `backup` columns are enum lookup tables with `values`. */
function switchModel(values: readonly string[], namespace?: string): ModelClass<Switch> {
  @Model('switch')
  @Table({ name: 'switches', namespace })
  class SwitchRow extends DiffSyncModel {
    @Identifier() @Column({ type: 'varchar', length: 40 }) name!: string;
    @Attribute() @Column({ enum: [...values], enumAs: 'lookup' }) role!: string;
    @Attribute() @Column({ enum: [...values], enumAs: 'lookup', lookupTable: 'backup_roles', nullable: true }) backup!: string | null;
  }
  return SwitchRow;
}

function switches(Row: ModelClass<Switch>, n: number, values: readonly string[]): Switch[] {
  return Array.from(
    { length: n },
    (_, i) =>
      new Row({ name: `sw${String(i).padStart(4, '0')}`, role: values[i % values.length], backup: i % 3 === 0 ? null : values[(i + 1) % values.length] }),
  );
}

describe('enum lookup tables: generateSchema', () => {
  it.each(DIALECTS)('creates and fills the lookup table and the foreign key on %s', (dialect) => {
    const ddl = generateSchema([switchModel(Object.values(Role))], { dialect });
    expect(ddl).toMatch(/CREATE TABLE [`"]switches_role[`"]/);
    expect(ddl).toMatch(/CREATE TABLE [`"]backup_roles[`"]/);
    expect(ddl).toMatch(/INSERT INTO [`"]switches_role[`"] \([`"]id[`"], [`"]value[`"]\) VALUES \(1, 'leaf'\), \(2, 'spine'\)/);
    expect(ddl).toMatch(/FOREIGN KEY \([`"]role[`"]\) REFERENCES [`"]switches_role[`"] \([`"]id[`"]\)/);
  });
});

describe('enum lookup tables: declaration errors', () => {
  it('names the class and field', () => {
    @Model('bad')
    class Bad extends DiffSyncModel {
      @Identifier() @Column({ type: 'integer' }) id!: number;
      @Attribute() @Column({ enum: ['a', 'x'.repeat(300)], enumAs: 'lookup' }) kind!: string;
    }
    expect(() => generateSchema([Bad], { dialect: 'sqlite' })).toThrow(
      /Bad\.kind: enum value "x+"… is longer than a lookup table's value column \(255 characters\)/,
    );
    @Model('worse')
    class Worse extends DiffSyncModel {
      @Identifier() @Column({ type: 'integer' }) id!: number;
      @Attribute() @Column({ type: 'text', enumAs: 'lookup' }) kind!: string;
    }
    expect(() => generateSchema([Worse], { dialect: 'postgresql' })).toThrow(/Worse\.kind: enumAs: 'lookup' needs @Column\(\{ enum: \.\.\. \}\)/);
  });
});

describe.each(DIALECTS)('enum lookup tables on %s', (dialect) => {
  jest.setTimeout(60_000);

  it('syncs, round-trips values through insert/upsert/select and the adapter, and re-plans empty', async () => {
    await withDatabase(dialect, async (db, t) => {
      const values = Object.values(Role);
      const Row = switchModel(values, `${t.id}_net`);
      await db.syncSchema([Row]);
      expect((await db.planSchema([Row])).statements).toEqual([]);
      const lookup = await db.query<{ id: unknown; value: string }>(
        dialect === 'postgresql'
          ? `SELECT id, value FROM "${t.id}_net"."switches_role" ORDER BY id`
          : `SELECT id, value FROM ${dialect === 'mysql' ? '`' : '"'}${t.id}_net__switches_role${dialect === 'mysql' ? '`' : '"'} ORDER BY id`,
      );
      expect(lookup.map((r) => [Number(r.id), r.value])).toEqual([
        [1, 'leaf'],
        [2, 'spine'],
      ]);

      const rows = switches(Row, 3000, values);
      expect(await db.insert(Row, rows)).toBe(3000);
      const loaded = await db.select(Row);
      expect(loaded.map((s) => [s.name, s.role, s.backup])).toEqual(rows.map((s) => [s.name, s.role, s.backup]));
      expect((await db.select(Row, { where: { role: 'spine' } })).length).toBe(1500);
      // The column holds ids: the values live only in the lookup table.
      const ref = dialect === 'postgresql' ? `"${t.id}_net"."switches"` : dialect === 'mysql' ? `\`${t.id}_net__switches\`` : `"${t.id}_net__switches"`;
      const [raw] = await db.query<{ role: unknown }>(`SELECT role FROM ${ref} WHERE name = 'sw0001'`);
      expect(Number(raw.role)).toBe(2);

      await db.upsert(Row, [new Row({ name: 'sw0000', role: 'spine', backup: 'leaf' })], { columns: ['role', 'backup'] });
      expect((await db.select(Row, { where: { name: 'sw0000' } })).map((s) => [s.role, s.backup])).toEqual([['spine', 'leaf']]);

      const bad = await db.insert(Row, [new Row({ name: 'x', role: 'core', backup: null })]).catch((e: unknown) => e);
      expect(bad).toBeInstanceOf(QueryError);
      expect((bad as Error).message).toMatch(/column 'role'.*not one of the values of lookup table/);

      // SqlAdapter: a sync from an in-memory source converges (a fresh load diffs empty).
      class Source extends Adapter {
        static override models = [Row];
        static override topLevel = ['switch'];
      }
      class Target extends SqlAdapter {
        static override models = [Row];
        static override topLevel = ['switch'];
      }
      const source = new Source();
      for (const s of switches(Row, 50, ['spine', 'leaf'])) await source.add(s);
      const target = new Target({ connection: db });
      await target.load();
      await target.syncFrom(source);
      const fresh = new Target({ connection: db });
      await fresh.load();
      expect((await fresh.diffFrom(source)).summary()).toMatchObject({ create: 0, update: 0, delete: 0 });
      expect((await db.planSchema([Row])).statements).toEqual([]);
    });
  });

  it('reads each lookup table once per call, not per row', async () => {
    await withDatabase(dialect, async (db) => {
      const Row = switchModel(Object.values(Role));
      await db.syncSchema([Row]);
      // Count the statements the real driver receives that read a lookup table.
      const sent: string[] = [];
      const driver = db.driver as unknown as { query: (sql: string, params?: unknown[]) => Promise<unknown[]> };
      const query = driver.query.bind(driver);
      driver.query = (sql, params) => {
        sent.push(sql);
        return query(sql, params);
      };
      const lookupReads = () => sent.filter((sql) => /FROM [`"](switches_role|backup_roles)[`"]/.test(sql)).length;
      await db.insert(Row, switches(Row, 5000, Object.values(Role)));
      expect(lookupReads()).toBe(2);
      expect((await db.select(Row)).length).toBe(5000);
      expect(lookupReads()).toBe(4);
      await db.upsert(Row, switches(Row, 5000, ['spine', 'leaf']));
      expect(lookupReads()).toBe(6);
    });
  });

  it('keeps the ids of each database apart when two databases number the values differently', async () => {
    await withDatabase(dialect, async (a) => {
      await withDatabase(dialect, async (b) => {
        const Row = switchModel(['leaf', 'spine']);
        await a.syncSchema([Row]); // leaf = 1, spine = 2
        await b.syncSchema([switchModel(['spine'])]); // spine = 1 …
        await b.syncSchema([Row]); // … leaf = 2
        const rows = switches(Row, 3000, ['leaf', 'spine']);
        await Promise.all([a.insert(Row, rows), b.insert(Row, rows), a.select(Row), b.select(Row)]);
        const [fromA, fromB] = await Promise.all([a.select(Row), b.select(Row)]);
        const expected = rows.map((s) => [s.name, s.role, s.backup]);
        expect(fromA.map((s) => [s.name, s.role, s.backup])).toEqual(expected);
        expect(fromB.map((s) => [s.name, s.role, s.backup])).toEqual(expected);
        const idOf = async (db: typeof a) => Number((await db.query<{ role: unknown }>("SELECT role FROM switches WHERE name = 'sw0000'"))[0].role);
        expect([await idOf(a), await idOf(b)]).toEqual([1, 2]);
      });
    });
  });

  it('adds rows for new values, deletes unused ones, and refuses to remove a value rows use', async () => {
    await withDatabase(dialect, async (db) => {
      const V1 = switchModel(['leaf', 'spine']);
      await db.syncSchema([V1]);
      await db.insert(V1, [new V1({ name: 'a', role: 'leaf', backup: null })]);

      const V2 = switchModel(['leaf', 'spine', 'core']);
      const plan = await db.planSchema([V2]);
      expect(plan.statements).toHaveLength(2);
      expect(plan.statements.join('\n')).toMatch(/VALUES \(3, 'core'\)/);
      await db.syncSchema([V2]);
      expect((await db.planSchema([V2])).statements).toEqual([]);
      await db.insert(V2, [new V2({ name: 'b', role: 'core', backup: 'spine' })]);
      expect((await db.select(V2)).map((s) => [s.name, s.role, s.backup])).toEqual([
        ['a', 'leaf', null],
        ['b', 'core', 'spine'],
      ]);

      // 'spine' is used by backup only: removing it is refused naming the class and field.
      const V3 = switchModel(['leaf', 'core']);
      const refused = await db.planSchema([V3]).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(SchemaError);
      expect((refused as Error).message).toMatch(/SwitchRow\.backup: enum value "spine" was removed, but rows of 'switches' still use it/);
      await db.delete(V2, [{ name: 'b' }]);
      // Unused now: the rows go; ids of the values kept do not change.
      const removal = await db.syncSchema([V3]);
      expect(removal.statements.filter((s) => s.startsWith('DELETE'))).toHaveLength(2);
      expect((await db.planSchema([V3])).statements).toEqual([]);
      await db.insert(V3, [new V3({ name: 'c', role: 'core', backup: 'leaf' })]);
      expect((await db.select(V3)).map((s) => [s.name, s.role, s.backup])).toEqual([
        ['a', 'leaf', null],
        ['c', 'core', 'leaf'],
      ]);
    });
  });
});
