import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { partitionOf } from '../src';
import * as scaling from '../../../docs/examples/scaling-partitions';

const DOCS = join(__dirname, '..', '..', '..', 'docs');

describe('docs/examples/scaling-partitions.ts', () => {
  it('diffs per partition, requests devices of its own sites only, and merges into the whole diff', async () => {
    const lines: string[] = [];
    const out = await scaling.main((l) => lines.push(l));
    expect(out.merged).toEqual(out.whole);
    expect(out.mergedSites).toEqual(out.wholeSites);
    expect(out.mergedSites).toEqual(['atl', 'chi', 'lax', 'nyc', 'rdu', 'sfo', '東京']);
    // The API has 6 sites; each partition requested the devices of its own sites only.
    const apiSites = ['nyc', 'sfo', 'rdu', 'lax', '東京', 'chi'];
    expect(out.deviceRequests).toEqual([0, 1, 2].map((i) => apiSites.filter((s) => partitionOf(s, 3) === i).length));
    expect(out.sameAsLoadingOnePartition).toBe(true);
    expect(lines.at(-3)).toBe(`merged: ${JSON.stringify(out.whole)}`);
    const printed = readFileSync(join(DOCS, 'scaling.md'), 'utf8').match(/It prints:\n\n```\n([\s\S]*?)```/)?.[1];
    expect(printed).toBe(lines.join('\n') + '\n');
  });

  it('scaling.md shows the file word for word, and diff-and-sync.md quotes lines of it', () => {
    const example = readFileSync(join(DOCS, 'examples', 'scaling-partitions.ts'), 'utf8');
    const text = readFileSync(join(DOCS, 'scaling.md'), 'utf8');
    const shown = text.match(/<!-- example: scaling-partitions\.ts -->\n```ts\n([\s\S]*?)```/)?.[1];
    expect(shown).toBe(example);
    const quoted = readFileSync(join(DOCS, 'diff-and-sync.md'), 'utf8').match(/<!-- excerpt: scaling-partitions\.ts -->\n```ts\n([\s\S]*?)```/)?.[1];
    expect(quoted).toBeDefined();
    for (const line of (quoted as string).split('\n').filter((l) => l.trim() !== '' && !l.trim().startsWith('//') && l.trim() !== '...')) {
      expect(example).toContain(line.trim());
    }
  });
});
