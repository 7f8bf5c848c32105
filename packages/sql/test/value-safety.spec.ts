import { Attribute, DiffSyncModel, Identifier, Model } from '@diffsync/core';
import { Column, QueryError, Table } from '@diffsync/sql';
import { createTables, withDatabase } from './support';

@Model('note')
@Table({ name: 'notes' })
class Note extends DiffSyncModel {
  @Identifier() @Column({ type: 'integer' }) id!: number;
  @Attribute() @Column({ type: 'text' }) body!: string;
}

/** mysql2 would splice this object's text into the statement unescaped. */
const smuggled = { toSqlString: () => "'x'); DROP TABLE notes; --" };

describe('values are never spliced into MySQL statements', () => {
  it('refuses an object with toSqlString() in a text column and leaves the table as it was', async () => {
    await withDatabase('mysql', async (db) => {
      await createTables(db, [Note]);
      await db.insert(Note, [new Note({ id: 1, body: 'kept' })]);
      const bad = new Note({ id: 2, body: 'placeholder' });
      (bad as unknown as { body: unknown }).body = smuggled;
      await expect(db.upsert(Note, [new Note({ id: 1, body: 'changed' }), bad])).rejects.toThrow(QueryError);
      await expect(db.upsert(Note, [bad])).rejects.toThrow(/Table 'notes' column 'body' \(text.*cannot hold an object/);
      await expect(db.delete(Note, [{ id: smuggled }])).rejects.toThrow(QueryError);
      const rows = await db.query<{ id: number; body: string }>('SELECT id, body FROM notes ORDER BY id');
      expect(rows).toEqual([{ id: 1, body: 'kept' }]);
    });
  });
});
