import { Attribute, DiffSyncModel, Identifier, Model } from '@diffsync/core';
import { Column, generateSchema, Table } from '@diffsync/sql';
import { DIALECTS, withDatabase } from './support';

@Model('note')
@Table({ name: 'notes' })
class NoteV1 extends DiffSyncModel {
  @Identifier() @Column({ type: 'varchar', length: 20 }) id!: string;
  @Attribute() @Column({ type: 'text' }) text!: string;
}

// Two NOT NULL JSON attributes added later: one array, one object.
@Model('note')
@Table({ name: 'notes' })
class NoteV2 extends DiffSyncModel {
  @Identifier() @Column({ type: 'varchar', length: 20 }) id!: string;
  @Attribute() @Column({ type: 'text' }) text!: string;
  @Attribute() tags!: string[];
  @Attribute() meta!: Record<string, unknown>;
  @Attribute() @Column({ type: 'json' }) labels!: number[];
}

describe.each(DIALECTS)('NOT NULL JSON columns added to a table with rows on %s', (dialect) => {
  it('fills array columns with [] and object columns with {}', async () => {
    await withDatabase(dialect, async (db) => {
      await db.syncSchema([NoteV1]);
      await db.insert(NoteV1, [new NoteV1({ id: 'n1', text: 'one' }), new NoteV1({ id: 'n2', text: 'two' })]);
      await db.syncSchema([NoteV2]);
      expect((await db.planSchema([NoteV2])).isEmpty).toBe(true);
      const notes = await db.select(NoteV2);
      expect(notes.map((n) => [n.id, n.tags, n.meta, n.labels])).toEqual([
        ['n1', [], {}, []],
        ['n2', [], {}, []],
      ]);
      // The backfill default is gone: a new row must say what it holds.
      await db.insert(NoteV2, [new NoteV2({ id: 'n3', text: 'three', tags: ['a'], meta: { k: 1 }, labels: [2] })]);
      const n3 = (await db.select(NoteV2, { where: { id: 'n3' } }))[0];
      expect([n3.tags, n3.meta, n3.labels]).toEqual([['a'], { k: 1 }, [2]]);
    });
  });
});

describe('JSON columns in the generated schema', () => {
  it('carry no backfill default on a fresh table', () => {
    for (const dialect of DIALECTS) {
      const ddl = generateSchema([NoteV2], { dialect });
      expect(ddl).toMatch(/tags/);
      expect(ddl).not.toMatch(/'\[\]'|'\{\}'/); // a fresh table needs no backfill default
    }
  });
});
