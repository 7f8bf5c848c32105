import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as enumLookup from '../../../docs/examples/sql-enum-lookup';
import * as struct from '../../../docs/examples/sql-struct';
import * as tuples from '../../../docs/examples/sql-tuples';
import { DIALECTS, withDatabase } from './support';

const DOCS = join(__dirname, '..', '..', '..', 'docs');

describe.each(DIALECTS)('docs/sql.md examples on %s', (dialect) => {
  jest.setTimeout(60_000);

  it('rows as tuples', async () => {
    await withDatabase(dialect, async (db) => expect(await tuples.main(db)).toBe(13));
  });

  it('enum lookup tables', async () => {
    await withDatabase(dialect, async (db) => {
      expect(await enumLookup.main(db)).toEqual(['sp1:spine']);
      expect((await db.planSchema([enumLookup.Device])).statements).toEqual([]);
    });
  });

  it('struct columns', async () => {
    await withDatabase(dialect, async (db) => {
      const racks = await struct.main(db);
      expect(racks.map((r) => [r.name, r.location, r.extra])).toEqual([['r1', { building: 'AMS-1', floor: 2, lat: 52.37 }, { a: 'x', b: true }]]);
      expect((await db.planSchema([struct.Rack])).statements).toEqual([]);
    });
  });
});

it('docs/sql.md shows the example files word for word', () => {
  const text = readFileSync(join(DOCS, 'sql.md'), 'utf8');
  const shown = new Map<string, string>();
  for (const m of text.matchAll(/<!-- example: (sql-[\w-]+\.ts) -->\n```ts\n([\s\S]*?)```/g)) shown.set(m[1], m[2]);
  expect([...shown.keys()].sort()).toEqual(['sql-enum-lookup.ts', 'sql-struct.ts', 'sql-tuples.ts']);
  for (const [file, code] of shown) expect(code).toBe(readFileSync(join(DOCS, 'examples', file), 'utf8'));
});
