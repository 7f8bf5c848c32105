// Table diff (docs/table-diff.md); packages/sql/test/table-diff-docs.spec.ts runs it on every pair of dialects.
import type { Connection } from '@diffsync/sql';
import { diffTables } from '@diffsync/sql';

export async function main(source: Connection, target: Connection): Promise<string[]> {
  for (const db of [source, target]) {
    await db.execute('CREATE TABLE orders (id integer PRIMARY KEY, customer varchar(40) NOT NULL, total double precision, placed timestamp(3))');
  }
  await source.insertRows('orders', {
    columns: ['id', 'customer', 'total', 'placed'],
    types: { placed: 'timestamp' },
    rows: [
      [1, 'ada', 0.1 + 0.2, new Date('2026-01-01T10:00:00.123Z')],
      [2, 'bob', 12.5, null],
      [3, 'cy', 7, new Date('2026-01-02T00:00:00Z')],
    ],
  });
  await target.insertRows('orders', {
    columns: ['id', 'customer', 'total', 'placed'],
    types: { placed: 'timestamp' },
    rows: [
      [1, 'ada', 0.1 + 0.2, new Date('2026-01-01T10:00:00.123Z')], // equal: never fetched
      [2, 'bob', 12.25, null], // changed
      [4, 'dee', 1, null], // not in the source
    ],
  });
  // The model is built from the source's catalog; "+" is the source, "-" the target.
  const { diff, stats } = await diffTables(source, target, { table: 'orders' });
  console.log(diff.str(), stats);
  // Make the target's table like the source's (bulk upsert and delete, one transaction).
  await diffTables(source, target, { table: 'orders', repair: true });
  const again = await diffTables(source, target, { table: 'orders' });
  return [...diff.getChildren()]
    .filter((e) => e.hasDiffs())
    .map((e) => `${e.action} ${e.name}`)
    .concat(again.diff.hasDiffs() ? ['not repaired'] : []);
}
