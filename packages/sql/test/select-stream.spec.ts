import { Attribute, DiffSyncModel, Identifier, Model } from '@diffsync/core';
import { Column, Table } from '@diffsync/sql';
import { createTables, DIALECTS, withDatabase } from './support';

@Model('sample')
@Table({ name: 'samples' })
class Sample extends DiffSyncModel {
  @Identifier() @Column({ type: 'integer' }) id!: number;
  @Attribute() @Column({ type: 'text' }) label!: string;
}

const N = 12_345;

describe.each(DIALECTS)('selectStream on %s', (dialect) => {
  it('yields every row in key order, and the connection is usable after stopping early', async () => {
    await withDatabase(dialect, async (db) => {
      await createTables(db, [Sample]);
      await db.insert(
        Sample,
        (async function* () {
          for (let i = N; i >= 1; i--) yield new Sample({ id: i, label: `s${i}` });
        })(),
      );
      let count = 0;
      let last = 0;
      for await (const s of db.selectStream(Sample)) {
        expect(s).toBeInstanceOf(Sample);
        expect(s.id).toBe(last + 1);
        last = s.id;
        count++;
      }
      expect(count).toBe(N);

      const firstFew: number[] = [];
      for await (const s of db.selectStream(Sample)) {
        firstFew.push(s.id);
        if (firstFew.length === 3) break;
      }
      expect(firstFew).toEqual([1, 2, 3]);
      expect(await db.query('SELECT count(*) AS n FROM samples')).toEqual([{ n: dialect === 'postgresql' ? String(N) : N }]);
      await db.upsert(Sample, [new Sample({ id: 1, label: 'after' })]);
      expect((await db.select(Sample, { where: { id: 1 } }))[0]?.label).toBe('after');
    });
  });
});
