import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as gettingStarted from '../../../docs/examples/getting-started';
import * as models from '../../../docs/examples/models';

const DOCS = join(__dirname, '..', '..', '..', 'docs');
const quiet = (): void => undefined;

describe('docs/examples/getting-started.ts and models.ts', () => {
  it('getting-started diffs, syncs and leaves no diffs', async () => {
    const lines: string[] = [];
    const out = await gettingStarted.main((l) => lines.push(l));
    expect(out.summary).toEqual({ create: 3, update: 1, delete: 1, 'no-change': 1, skip: 0 });
    expect(out.after).toBe('(no diffs)');
    const printed = readFileSync(join(DOCS, 'getting-started.md'), 'utf8').match(/It prints:\n\n```\n([\s\S]*?)```/)?.[1];
    expect(printed).toBe(lines.join('\n') + '\n');
  });

  it('models shows ids, JSON, str and validation', async () => {
    const out = await models.main(quiet);
    expect(out.uid).toBe('rtr1__eth0');
    expect(out.json).toBe('{"device":"rtr1","name":"eth0","description":"uplink","remoteId":7}');
    expect(out.str).toBe('device: rtr1: {"role":"spine"}\n  interfaces\n    interface: rtr1__eth0: {"description":"uplink","mtu":1500,"tags":[]}');
    expect(out.refused).toBe('Invalid interface "rtr1__eth1": mtu must not be less than 68');
    expect(out.count).toBe(2);
  });

  it.each([
    ['getting-started.md', 'getting-started.ts'],
    ['models.md', 'models.ts'],
  ])('%s shows %s word for word', (doc, file) => {
    const text = readFileSync(join(DOCS, doc), 'utf8');
    const shown = text.match(new RegExp(`<!-- example: ${file.replace('.', '\\.')} -->\\n\`\`\`ts\\n([\\s\\S]*?)\`\`\``))?.[1];
    expect(shown).toBe(readFileSync(join(DOCS, 'examples', file), 'utf8'));
  });
});
