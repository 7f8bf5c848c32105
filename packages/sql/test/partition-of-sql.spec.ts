import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { partitionOf } from '@diffsync/core';
import type { DialectName } from '@diffsync/sql';
import { withDatabase } from './support';

/** The `<!-- sql: dialect -->` block of docs/scaling.md. */
function documented(dialect: string): string {
  const text = readFileSync(join(__dirname, '..', '..', '..', 'docs', 'scaling.md'), 'utf8');
  const sql = text.match(new RegExp(`<!-- sql: ${dialect} -->\\n\`\`\`sql\\n([\\s\\S]*?)\`\`\``))?.[1];
  if (!sql) throw new Error(`docs/scaling.md has no <!-- sql: ${dialect} --> block`);
  return sql;
}

const UIDS = ['', 'a', 'foobar', 'nyc', 'site__rack-12', 'Zürich', '東京', 'São Paulo', '😀 emoji', 'x'.repeat(300), 'ñandú__42'];
const COUNTS = [1, 2, 3, 7, 64, 1000, 2 ** 31 - 1];

describe.each<[DialectName, (uid: string, n: number) => string]>([
  ['postgresql', () => 'SELECT diffsync_partition_of($1, $2) AS p'],
  ['mysql', () => 'SELECT diffsync_partition_of(?, ?) AS p'],
])('the partitionOf function of docs/scaling.md on %s', (dialect, select) => {
  it('agrees with partitionOf for ASCII and non-ASCII uids and any count', async () => {
    await withDatabase(dialect, async (db) => {
      await db.execute(documented(dialect));
      for (const uid of UIDS) {
        for (const n of COUNTS) {
          const [row] = await db.query<{ p: number | string }>(select(uid, n), [uid, n]);
          expect({ uid, n, p: Number(row.p) }).toEqual({ uid, n, p: partitionOf(uid, n) });
        }
      }
    });
  });
});
