import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as example from '../../../docs/examples/table-diff';
import type { DialectName } from '@diffsync/sql';
import { DIALECTS, freshDatabase } from './support';

jest.setTimeout(60_000);

const PAIRS: Array<[DialectName, DialectName]> = DIALECTS.flatMap((a) => DIALECTS.map((b) => [a, b] as [DialectName, DialectName]));

it.each(PAIRS)('docs/table-diff.md example, %s → %s', async (a, b) => {
  const src = await freshDatabase(a);
  const tgt = await freshDatabase(b);
  const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
  try {
    const found = await example.main(await src.connect(), await tgt.connect());
    expect(found.sort()).toEqual(['create 3', 'delete 4', 'update 2']);
  } finally {
    log.mockRestore();
    await src.cleanup();
    await tgt.cleanup();
  }
});

it('docs/table-diff.md shows the example file word for word', () => {
  const text = readFileSync(join(__dirname, '..', '..', '..', 'docs', 'table-diff.md'), 'utf8');
  const m = /<!-- example: table-diff\.ts -->\n```ts\n([\s\S]*?)```/.exec(text);
  expect(m?.[1]).toBe(readFileSync(join(__dirname, '..', '..', '..', 'docs', 'examples', 'table-diff.ts'), 'utf8'));
});
