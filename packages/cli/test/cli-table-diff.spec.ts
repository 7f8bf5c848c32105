import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineModel } from '@diffsync/sql';
import { createTables, freshDatabase } from '../../sql/test/support';
import { buildCli, diffsync } from './harness';

jest.setTimeout(120_000);

const Item = defineModel({
  name: 'items',
  identifiers: { id: 'integer' },
  attributes: { label: { type: 'text', nullable: true }, ratio: 'double', seen: 'timestamp' },
});

const rows = Array.from({ length: 500 }, (_, i) => ({
  id: i * 3,
  label: i % 7 === 0 ? null : `item ${i}`,
  ratio: i / 7,
  seen: new Date(1_700_000_000_000 + i),
}));

beforeAll(() => buildCli());

describe('diffsync table-diff (a real process)', () => {
  it('reports the differences between a PostgreSQL and a SQLite table, repairs the target, then finds none', async () => {
    const pg = await freshDatabase('postgresql');
    const lite = await freshDatabase('sqlite');
    const cwd = mkdtempSync(join(tmpdir(), 'diffsync-td-'));
    try {
      const source = await pg.connect();
      const target = await lite.connect();
      await createTables(source, [Item]);
      await createTables(target, [Item]);
      await source.insert(
        Item,
        rows.map((r) => new Item(r)),
      );
      const edited = rows.filter((r) => r.id !== 30).map((r) => (r.id === 300 ? { ...r, ratio: 0.1 + 0.2 } : r));
      await target.insert(
        Item,
        [...edited, { id: 1, label: 'extra', ratio: 1, seen: new Date(0) }].map((r) => new Item(r)),
      );

      const json = diffsync(cwd, ['table-diff', pg.url, lite.url, '--table', 'items', '--format', 'json', '--exit-code']);
      expect(json.stderr).toMatch(/items: 500 source rows, 500 target rows, \d+ segments compared, \d+ rows fetched/);
      expect(json.code).toBe(1);
      const report = JSON.parse(json.stdout) as { diff: { elements: Array<{ name: string; source?: unknown; dest?: unknown }> } } & Record<string, unknown>;
      const elements = (report.diff ?? report).elements as Array<{ name: string; source?: unknown; dest?: unknown }>;
      const changed = elements
        .filter((e) => JSON.stringify(e.source) !== JSON.stringify(e.dest))
        .map((e) => e.name)
        .sort();
      expect(changed).toEqual(['1', '30', '300']);

      const text = diffsync(cwd, ['table-diff', pg.url, lite.url, '--table', 'items', '--repair', '-q']);
      expect(text.code).toBe(0);
      expect(text.stderr).toBe('');
      expect(text.stdout).toMatch(/items/);
      const again = diffsync(cwd, ['table-diff', pg.url, lite.url, '--table', 'items', '--exit-code']);
      expect(again.code).toBe(0);
      expect(again.stderr).toMatch(/0 rows fetched/);

      const bad = diffsync(cwd, ['table-diff', 'http://nope', lite.url, '--table', 'items']);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toMatch(/SOURCE_URL 'http:\/\/nope' is not a database URL/);
      const missing = diffsync(cwd, ['table-diff', pg.url, lite.url, '--table', 'nope']);
      expect(missing.code).toBe(4);
      expect(missing.stderr).toMatch(/table 'nope' does not exist on the source \(postgresql\)/);
    } finally {
      rmSync(cwd, { recursive: true, force: true });
      await pg.cleanup();
      await lite.cleanup();
    }
  });
});
