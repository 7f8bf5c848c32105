import { Attribute, DiffSyncModel, Identifier, Model, ModelClass } from '@diffsync/core';
import { Column, QueryError, SchemaError, Table } from '@diffsync/sql';
import { DIALECTS, withDatabase } from './support';

enum Color {
  Red = 'red',
  Blue = 'blue',
}

@Model('reading')
@Table({ name: 'readings' })
class Reading extends DiffSyncModel {
  @Identifier() @Column({ type: 'varchar', length: 40 }) sensor!: string;
  @Identifier() @Column({ type: 'integer' }) seq!: number;
  @Attribute() @Column({ type: 'double' }) value!: number;
  @Attribute() @Column({ type: 'bigint', jsType: 'bigint' }) big!: bigint;
  @Attribute() @Column({ type: 'decimal', precision: 12, scale: 3, jsType: 'string' }) amount!: string;
  @Attribute() @Column({ type: 'boolean' }) ok!: boolean;
  @Attribute() @Column({ type: 'timestamp' }) at!: Date;
  @Attribute() @Column({ type: 'json' }) tags!: unknown[];
  @Attribute() @Column({ enum: Color, nullable: true }) color!: Color | null;
  @Attribute() @Column({ type: 'text', nullable: true }) note!: string | null;
}

interface Shelf extends DiffSyncModel {
  id: number;
  label: string;
  payload: string | null;
}

/** A namespaced table; the namespace starts with the test's id (PostgreSQL schemas are shared by every test). */
function shelfModel(namespace: string, withPayload = true): ModelClass<Shelf> {
  @Model('shelf')
  @Table({ name: 'shelves', namespace })
  class ShelfV1 extends DiffSyncModel {
    @Identifier() @Column({ type: 'integer' }) id!: number;
    @Attribute() @Column({ type: 'text' }) label!: string;
  }
  @Model('shelf')
  @Table({ name: 'shelves', namespace })
  class ShelfV2 extends ShelfV1 {
    @Attribute() @Column({ type: 'text', nullable: true }) payload!: string | null;
  }
  return (withPayload ? ShelfV2 : ShelfV1) as unknown as ModelClass<Shelf>;
}

const COLUMNS = ['sensor', 'seq', 'value', 'big', 'amount', 'ok', 'at', 'tags', 'color', 'note'];

function tuple(i: number): unknown[] {
  return [
    `s${i % 3}`,
    i,
    i / 7,
    9007199254740993n + BigInt(i),
    `${i}.125`,
    i % 2 === 0,
    new Date(Date.UTC(2024, 1, 2, 3, 4, 5, i % 1000)),
    [i, 'x', { k: "it's" }],
    i % 3 === 0 ? null : i % 3 === 1 ? Color.Red : Color.Blue,
    i % 4 === 0 ? null : `note\t${i}\n`,
  ];
}

function asTuple(r: Reading): unknown[] {
  return [r.sensor, r.seq, r.value, r.big, r.amount, r.ok, r.at, r.tags, r.color, r.note];
}

describe.each(DIALECTS)('rows as tuples on %s', (dialect) => {
  jest.setTimeout(60_000);

  // SQLite keeps JSON as TEXT: the catalog cannot tell a JSON column from a text one.
  const jsonTypes = dialect === 'sqlite' ? { tags: 'json' as const } : undefined;

  it('inserts, upserts and deletes tuples with the catalog types, round-tripping every value', async () => {
    await withDatabase(dialect, async (db) => {
      await db.syncSchema([Reading]);
      const rows = Array.from({ length: 2500 }, (_, i) => tuple(i));
      expect(await db.insertRows('readings', { columns: COLUMNS, rows, types: jsonTypes })).toBe(2500);
      const loaded = await db.select(Reading);
      expect(loaded.map(asTuple)).toEqual(
        [...rows].sort((a, b) => (a[0] === b[0] ? (a[1] as number) - (b[1] as number) : String(a[0]) < String(b[0]) ? -1 : 1)),
      );

      // Upsert a subset of columns: the others keep their values; a new key is inserted.
      expect(
        await db.upsertRows('readings', {
          columns: ['seq', 'sensor', 'value', 'big', 'amount', 'ok', 'at', 'tags'],
          types: jsonTypes,
          rows: [
            [0, 's0', -1.5, 1n, '0.001', true, new Date(0), []],
            [5000, 's9', 2.5, 2n, '2.000', false, new Date(1000), [1]],
          ],
        }),
      ).toBe(2);
      const [first] = await db.select(Reading, { where: { sensor: 's0', seq: 0 } });
      expect(asTuple(first)).toEqual(['s0', 0, -1.5, 1n, '0.001', true, new Date(0), [], null, null]);
      const [added] = await db.select(Reading, { where: { sensor: 's9' } });
      expect(asTuple(added)).toEqual(['s9', 5000, 2.5, 2n, '2.000', false, new Date(1000), [1], null, null]);
      const [untouched] = await db.select(Reading, { where: { sensor: 's1', seq: 1 } });
      expect(untouched.color).toBe(Color.Red);

      // Omitted NOT NULL columns without a default: existing rows are updated in place.
      expect(
        await db.upsertRows('readings', {
          columns: ['sensor', 'seq', 'value'],
          rows: [
            ['s2', 2, 42.25],
            ['s0', 3, -0.5],
          ],
        }),
      ).toBe(2);
      expect((await db.select(Reading, { where: { sensor: ['s2', 's0'], seq: [2, 3] } })).map((r) => [r.sensor, r.seq, r.value, r.ok])).toEqual([
        ['s0', 3, -0.5, false],
        ['s2', 2, 42.25, true],
      ]);

      expect(
        await db.deleteRows('readings', {
          columns: ['sensor', 'seq'],
          rows: [
            ['s0', 0],
            ['s9', 5000],
            ['nope', 1],
          ],
        }),
      ).toBe(2);
      expect((await db.select(Reading)).length).toBe(2499);
    });
  });

  it('takes a CSV-like feed as an async iterable, into a namespaced table', async () => {
    await withDatabase(dialect, async (db, t) => {
      const Shelf = shelfModel(`${t.id}_stock`);
      const stock = `${t.id}_stock.shelves`;
      await db.syncSchema([Shelf]);
      const csv = Array.from({ length: 3000 }, (_, i) => `${i},"shelf ${i}"`).join('\n');
      async function* feed(): AsyncGenerator<unknown[]> {
        for (const line of csv.split('\n')) {
          const [id, label] = line.split(',');
          yield [Number(id), JSON.parse(label)];
          if (Number(id) % 1000 === 0) await new Promise((r) => setImmediate(r));
        }
      }
      expect(await db.insertRows(stock, { columns: ['id', 'label'], rows: feed() })).toBe(3000);
      const shelves = await db.select(Shelf);
      expect(shelves.length).toBe(3000);
      expect(shelves[2999]).toMatchObject({ id: 2999, label: 'shelf 2999', payload: null });
      // A sync iterable works too, for upsert and delete.
      function* relabel(): Generator<unknown[]> {
        for (let i = 0; i < 3000; i += 2) yield [i, `even ${i}`];
      }
      expect(await db.upsertRows(stock, { columns: ['id', 'label'], rows: relabel() })).toBe(1500);
      expect((await db.select(Shelf, { where: { id: 10 } }))[0].label).toBe('even 10');
      expect((await db.select(Shelf, { where: { id: 11 } }))[0].label).toBe('shelf 11');
      function* odd(): Generator<unknown[]> {
        for (let i = 1; i < 3000; i += 2) yield [i];
      }
      expect(await db.deleteRows(stock, { columns: ['id'], rows: odd() })).toBe(1500);
      expect((await db.select(Shelf)).every((s) => s.id % 2 === 0)).toBe(true);
    });
  });

  it('refuses a row of the wrong length, naming its index, and writes nothing', async () => {
    await withDatabase(dialect, async (db, t) => {
      const Shelf = shelfModel(`${t.id}_stock`);
      const stock = `${t.id}_stock.shelves`;
      await db.syncSchema([Shelf]);
      const rows = [[1, 'a'], [2, 'b'], [3], [4, 'd']];
      const error = await db.insertRows(stock, { columns: ['id', 'label'], rows }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(QueryError);
      expect((error as Error).message).toMatch(/row 2 has 1 value\(s\); expected 2 \(id, label\)/);
      // Streamed: the bad row comes after earlier batches were sent; the transaction rolls them back.
      async function* late(): AsyncGenerator<unknown[]> {
        for (let i = 0; i < 5000; i++) yield i === 4500 ? [i, 'x', 'extra'] : [i, `l${i}`];
      }
      const streamed = await db.insertRows(stock, { columns: ['id', 'label'], rows: late() }).catch((e: unknown) => e);
      expect(streamed).toBeInstanceOf(QueryError);
      expect((streamed as Error).message).toMatch(/row 4500 has 3 value\(s\)/);
      const upsert = await db.upsertRows(stock, { columns: ['id', 'label'], rows: [[1, 'a'], 'nope' as unknown as unknown[]] }).catch((e: unknown) => e);
      expect((upsert as Error).message).toMatch(/row 1 has not an array \(string\)/);
      expect(await db.select(Shelf)).toEqual([]);
    });
  });

  it('refuses a value that does not fit its column, naming table and column, before anything is written', async () => {
    await withDatabase(dialect, async (db) => {
      await db.syncSchema([Reading]);
      const rows = [tuple(1), tuple(2)];
      rows[1][1] = '2'; // text for an integer column, as an unparsed CSV field would be
      const error = await db.insertRows('readings', { columns: COLUMNS, rows, types: jsonTypes }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(QueryError);
      expect((error as Error).message).toMatch(/Table 'readings' column 'seq'/);
      const enumError = await db.upsertRows('readings', { columns: ['sensor', 'seq', 'color'], rows: [['s', 1, 'green']] }).catch((e: unknown) => e);
      expect(enumError).toBeInstanceOf(QueryError);
      expect((enumError as Error).message).toMatch(/Table 'readings' column 'color'/);
      expect(await db.select(Reading)).toEqual([]);
    });
  });

  it('names an unknown table or column, and a missing primary key for upsert', async () => {
    await withDatabase(dialect, async (db, t) => {
      const Shelf = shelfModel(`${t.id}_stock`);
      const stock = `${t.id}_stock.shelves`;
      await db.syncSchema([Shelf]);
      await expect(db.insertRows(`${t.id}_stock.nothing`, { columns: ['id'], rows: [[1]] })).rejects.toThrow(SchemaError);
      await expect(db.insertRows(`${t.id}_stock.nothing`, { columns: ['id'], rows: [[1]] })).rejects.toThrow(
        new RegExp(`Table '${t.id}_stock.nothing' does not exist`),
      );
      await expect(db.insertRows(stock, { columns: ['id', 'lable'], rows: [[1, 'a']] })).rejects.toThrow(
        new RegExp(`Table '${t.id}_stock.shelves' has no column 'lable'; its columns are id, label, payload`),
      );
      await expect(db.upsertRows(stock, { columns: ['label'], rows: [['a']] })).rejects.toThrow(/must include the primary key \(id\); missing id/);
      await expect(db.insertRows(stock, { columns: ['id', 'id'], rows: [[1, 2]] })).rejects.toThrow(/column 'id' is listed twice/);
    });
  });

  it('uses the types given instead of the catalog', async () => {
    await withDatabase(dialect, async (db, t) => {
      const Shelf = shelfModel(`${t.id}_stock`);
      const stock = `${t.id}_stock.shelves`;
      await db.syncSchema([Shelf]);
      // payload is a text column: as text an object is refused; typed json it is stored as JSON text.
      const asText = await db.insertRows(stock, { columns: ['id', 'label', 'payload'], rows: [[1, 'a', { k: [1, 2] }]] }).catch((e: unknown) => e);
      expect(asText).toBeInstanceOf(QueryError);
      expect((asText as Error).message).toMatch(/column 'payload'/);
      expect(
        await db.insertRows(stock, {
          columns: ['id', 'label', 'payload'],
          rows: [[1, 'a', { k: [1, 2] }]],
          types: { payload: { type: 'json', nullable: true } },
        }),
      ).toBe(1);
      // Every column typed by position: the catalog is not needed.
      expect(await db.insertRows(stock, { columns: ['id', 'label'], rows: [[2, 'b']], types: ['integer', 'text'] })).toBe(1);
      const shelves = await db.select(Shelf);
      expect(shelves.map((s) => [s.id, s.label, s.payload === null ? null : (JSON.parse(s.payload) as unknown)])).toEqual([
        [1, 'a', { k: [1, 2] }],
        [2, 'b', null],
      ]);
    });
  });

  it('reads the catalog again after syncSchema changes the table', async () => {
    await withDatabase(dialect, async (db, t) => {
      const Shelf = shelfModel(`${t.id}_stock`);
      const stock = `${t.id}_stock.shelves`;
      await db.syncSchema([shelfModel(`${t.id}_stock`, false)]);
      await db.insertRows(stock, { columns: ['id', 'label'], rows: [[1, 'a']] });
      await expect(db.insertRows(stock, { columns: ['id', 'label', 'payload'], rows: [[2, 'b', 'p']] })).rejects.toThrow(/no column 'payload'/);
      await db.syncSchema([Shelf]);
      expect(await db.insertRows(stock, { columns: ['id', 'label', 'payload'], rows: [[2, 'b', 'p']] })).toBe(1);
      expect((await db.select(Shelf)).map((s) => s.payload)).toEqual([null, 'p']);
    });
  });
});
