import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as storeAccess from '../../../docs/examples/adapters-store-access';
import * as getOr from '../../../docs/examples/adapters-get-or';
import * as exportImport from '../../../docs/examples/adapters-export';

// docs/adapters.md: every code block is an example file shown word for word, and what
// the page says it prints is what it prints.
const DOC = readFileSync(join(__dirname, '..', '..', '..', 'docs', 'adapters.md'), 'utf8');
const EXAMPLES = join(__dirname, '..', '..', '..', 'docs', 'examples');

async function printed(main: (print: (text: string) => void) => Promise<unknown>): Promise<[string, unknown]> {
  const lines: string[] = [];
  const out = await main((line) => lines.push(line));
  return [lines.join('\n'), out];
}

describe('docs/adapters.md examples', () => {
  it('shows each example file verbatim, and no other ts block', () => {
    const blocks = [...DOC.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]);
    const files = [...DOC.matchAll(/<!-- example: ([\w-]+\.ts) -->\n```ts\n([\s\S]*?)```/g)];
    expect(files.map((m) => m[1])).toEqual(['adapters-store-access.ts', 'adapters-get-or.ts', 'adapters-export.ts']);
    expect(blocks).toHaveLength(files.length);
    for (const [, file, code] of files) expect(code).toBe(readFileSync(join(EXAMPLES, file), 'utf8'));
  });

  it('adapters-store-access: lookups, counts, errors, update and remove', async () => {
    const [text, out] = await printed(storeAccess.main);
    expect(DOC).toContain(`It prints:\n\n\`\`\`text\n${text}\n\`\`\``);
    expect(out).toEqual({
      same: true,
      missing: null,
      devices: ['nyc__rtr1', 'nyc__sw1'],
      counts: [2, 1, 1],
      errors: ['device nyc__rtr9 not present in LocalStore', 'Object nyc__rtr1 already present'],
      left: ['rtr1=core'],
      listed: ['nyc__rtr1'],
    });
  });

  it('adapters-get-or: one object per repeated row, later rows update', async () => {
    const [text, out] = await printed(getOr.main);
    const [tree, last] = [text.slice(0, text.lastIndexOf('\n')), text.slice(text.lastIndexOf('\n') + 1)];
    expect(DOC).toContain(`After \`load()\`, \`str()\` prints:\n\n\`\`\`text\n${tree}\n\`\`\`\n\nand then \`${last}\`.`);
    expect(out).toMatchObject({ nyc: ['us', false], sfo: ['us-west-2', false], rtr1: 'core', counts: [2, 3] });
  });

  it('adapters-export: str, tree, toDict and a loadFromDict copy that diffs as the same data', async () => {
    const [text, out] = await printed(exportImport.main);
    expect(DOC).toContain(`It prints:\n\n\`\`\`text\n${text}\n\`\`\``);
    expect(out).toMatchObject({ tree: 'Inventory\n└── site\n    └── device', copied: 3, same: true });
  });
});
