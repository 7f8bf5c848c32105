import { Attribute, DiffSyncModel, Identifier, Model } from '@diffsync/core';
import { Column, QueryError, Table } from '@diffsync/sql';
import { createTables, withDatabase } from './support';

@Model('reading')
@Table({ name: 'readings' })
class Reading extends DiffSyncModel {
  @Identifier() @Column({ type: 'integer' }) id!: number;
  @Attribute() @Column({ type: 'varchar', length: 10 }) label!: string;
  @Attribute() @Column({ type: 'integer' }) value!: number;
  @Attribute() at!: Date;
}

const AT = new Date('2024-05-06T07:08:09.123Z');
const rows = (n: number, extra: Partial<Reading> = {}) =>
  Array.from({ length: n }, (_, i) => new Reading({ id: i + 1, label: `r${i}`, value: i, at: AT, ...extra }));

async function contents(db: Parameters<Parameters<typeof withDatabase>[1]>[0]) {
  return (await db.select(Reading)).map((r) => [r.id, r.label, r.value, r.at.toISOString()]);
}

describe('PostgreSQL COPY paths', () => {
  it('binary COPY round-trips the values, and a value it cannot take fails the whole insert', async () => {
    await withDatabase('postgresql', async (db) => {
      await createTables(db, [Reading]);
      await db.insert(Reading, rows(2500));
      expect((await contents(db)).slice(0, 2)).toEqual([
        [1, 'r0', 0, AT.toISOString()],
        [2, 'r1', 1, AT.toISOString()],
      ]);
      const late = [
        ...rows(3000).map((r) => new Reading({ ...r.toDict(), id: r.id + 10000, at: AT })),
        new Reading({ id: 99999, label: 'x', value: 2 ** 31, at: AT }),
      ];
      await expect(db.insert(Reading, late)).rejects.toThrow(QueryError);
      expect(await db.query('SELECT count(*)::int AS n FROM readings')).toEqual([{ n: 2500 }]);
    });
  });

  it('refuses a value of another JS type than its column takes (text in a timestamp column) before anything is written', async () => {
    await withDatabase('postgresql', async (db) => {
      await createTables(db, [Reading]);
      await db.insert(Reading, rows(2));
      const odd = rows(3).map((r) => {
        (r as unknown as { at: unknown }).at = '2024-05-06T07:08:09.123Z'; // text, not a Date
        return r;
      });
      await expect(db.insert(Reading, odd)).rejects.toThrow(/Table 'readings' column 'at' \(timestamp.*takes a Date/);
      await expect(db.upsert(Reading, odd)).rejects.toThrow(QueryError);
      await expect(db.upsert(Reading, odd, { columns: ['at'] })).rejects.toThrow(/column 'at'/);
      expect(await contents(db)).toEqual([
        [1, 'r0', 0, AT.toISOString()],
        [2, 'r1', 1, AT.toISOString()],
      ]);
    });
  });
});

describe('MariaDB LOAD DATA path', () => {
  it('loads rows with hostile text, and a row the server would truncate fails the whole insert', async () => {
    await withDatabase('mysql', async (db) => {
      await createTables(db, [Reading]);
      const hostile = ['\\N', 'a\tb', 'c\nd', "e'f", 'g\\h'];
      await db.insert(
        Reading,
        hostile.map((label, i) => new Reading({ id: i + 1, label, value: i, at: AT })),
      );
      expect((await contents(db)).map((r) => r[1])).toEqual(hostile);
      const tooLong = [new Reading({ id: 100, label: 'fits', value: 1, at: AT }), new Reading({ id: 101, label: 'much too long', value: 2, at: AT })];
      const error = await db.insert(Reading, tooLong).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(QueryError);
      expect((await contents(db)).length).toBe(hostile.length);
    });
  });
});
