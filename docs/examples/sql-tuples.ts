// Rows as tuples (docs/sql.md); packages/sql/test/docs-examples.spec.ts runs it on each dialect.
import type { Connection } from '@diffsync/sql';

/** A CSV feed, parsed line by line: arrays in the order of the header. */
async function* readCsv(text: string): AsyncGenerator<unknown[]> {
  for (const line of text.trim().split('\n').slice(1)) {
    const [sku, qty, price] = line.split(',');
    yield [sku, Number(qty), Number(price)];
  }
}

export async function main(db: Connection): Promise<number> {
  await db.execute('CREATE TABLE stock (sku varchar(20) PRIMARY KEY, qty integer NOT NULL, price double precision)');
  const csv = 'sku,qty,price\nA-1,10,2.5\nB-2,0,19.99\nC-3,7,0.1\n';
  // Column types come from the catalog (read once per connection); values are checked per column.
  await db.insertRows('stock', { columns: ['sku', 'qty', 'price'], rows: readCsv(csv) });
  // Upsert by the primary key: only the columns given are written.
  await db.upsertRows('stock', {
    columns: ['sku', 'qty'],
    rows: [
      ['B-2', 5],
      ['D-4', 1],
    ],
  });
  await db.deleteRows('stock', { columns: ['sku'], rows: [['A-1']] });
  const [row] = await db.query<{ n: unknown }>('SELECT SUM(qty) AS n FROM stock');
  return Number(row.n); // 5 + 7 + 1
}
