import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as diffAndSync from '../../../docs/examples/engine-diff-and-sync';
import * as progressAndLogging from '../../../docs/examples/engine-progress-and-logging';
import * as crudHooks from '../../../docs/examples/engine-crud-hooks';
import * as reviewLater from '../../../docs/examples/engine-review-later';
import * as concurrency from '../../../docs/examples/engine-concurrency';
import * as flags from '../../../docs/examples/engine-flags';
import * as moves from '../../../docs/examples/engine-moves';

const DOCS = join(__dirname, '..', '..', '..', 'docs');
const quiet = (): void => undefined;

describe('docs/examples/engine-*.ts run and print what the docs say', () => {
  it('engine-diff-and-sync', async () => {
    const out = await diffAndSync.main(quiet);
    expect(out.text).toBe(
      [
        'site',
        '  site: nyc',
        '    device',
        '      device: rtr1',
        '        role    nautobot(edge)    netbox(core)',
        '      device: sw1 MISSING in netbox',
        '  site: sfo MISSING in netbox',
        '    device',
        '      device: rtr2 MISSING in netbox',
        '  site: rdu MISSING in nautobot',
        '    device',
        '      device: rtr9 MISSING in nautobot',
      ].join('\n'),
    );
    expect(out.summary).toEqual({ create: 3, update: 1, delete: 2, 'no-change': 1, skip: 0 });
    expect(out.dict.site.nyc).toEqual({
      '-': {},
      '+': {},
      device: { rtr1: { '-': { role: 'core' }, '+': { role: 'edge' } }, sw1: { '+': { role: 'leaf' } } },
    });
    expect(out.after).toEqual({ create: 0, update: 0, delete: 0, 'no-change': 5, skip: 0 });
  });

  it('engine-progress-and-logging', async () => {
    const out = await progressAndLogging.main(quiet);
    // diff: 3 + 2 models; nyc pair (2), rtr1 pair (2), sw1 (1). sync: 3 elements.
    expect(out.progress).toEqual(['diff 2/5', 'diff 4/5', 'diff 5/5', 'sync 1/3', 'sync 2/3', 'sync 3/3']);
    expect(out.lines.filter((l) => !l.startsWith('debug Diff calculation'))).toEqual([
      'info Beginning diff calculation {"src":"InventoryAdapter \\"nautobot\\"","dst":"InventoryAdapter \\"netbox\\"","flags":8}',
      'info Diff calculation complete {"src":"InventoryAdapter \\"nautobot\\"","dst":"InventoryAdapter \\"netbox\\"","flags":8}',
      'info Beginning sync {"src":"InventoryAdapter \\"nautobot\\"","dst":"InventoryAdapter \\"netbox\\"","flags":8}',
      'debug No changes to apply; no action needed {"src":"InventoryAdapter \\"nautobot\\"","dst":"InventoryAdapter \\"netbox\\"","flags":8,"action":null,"model":"site","uniqueId":"nyc","diffs":{"-":{},"+":{}},"status":"success"}',
      'debug Attempting model update {"src":"InventoryAdapter \\"nautobot\\"","dst":"InventoryAdapter \\"netbox\\"","flags":8,"action":"update","model":"device","uniqueId":"rtr1","diffs":{"-":{"role":"core"},"+":{"role":"edge"}}}',
      'info Updated successfully {"src":"InventoryAdapter \\"nautobot\\"","dst":"InventoryAdapter \\"netbox\\"","flags":8,"action":"update","model":"device","uniqueId":"rtr1","diffs":{"-":{"role":"core"},"+":{"role":"edge"}},"status":"success"}',
      'debug Attempting model create {"src":"InventoryAdapter \\"nautobot\\"","dst":"InventoryAdapter \\"netbox\\"","flags":8,"action":"create","model":"device","uniqueId":"sw1","diffs":{"+":{"role":"leaf"}}}',
      'info Created successfully {"src":"InventoryAdapter \\"nautobot\\"","dst":"InventoryAdapter \\"netbox\\"","flags":8,"action":"create","model":"device","uniqueId":"sw1","diffs":{"+":{"role":"leaf"}},"status":"success"}',
      'info Sync complete {"src":"InventoryAdapter \\"nautobot\\"","dst":"InventoryAdapter \\"netbox\\"","flags":8}',
    ]);
  });

  it('engine-crud-hooks', async () => {
    const out = await crudHooks.main(quiet);
    expect(out.remote).toEqual(['rtr1']);
    expect(out.stored).toEqual(['rtr1']);
  });

  it('engine-review-later', async () => {
    const out = await reviewLater.main(quiet);
    expect(out.text).toBe(['site', '  site: nyc', '    device', '      device: alpha MISSING in netbox', '      device: zeta MISSING in netbox'].join('\n'));
    expect(out.devices).toEqual(['alpha', 'zeta']);
  });

  it('engine-concurrency', async () => {
    expect(await concurrency.main(quiet)).toEqual({ created: 40, maxInFlight: 8 });
  });

  it('engine-moves', async () => {
    const out = await moves.main(quiet);
    const diffText = [
      'continent',
      '  continent: asia',
      '    country',
      '      country: tr MISSING in old',
      '  continent: europe',
      '    country',
      '      country: tr MISSING in new',
    ].join('\n');
    expect(out.text).toBe(diffText);
    expect(readFileSync(join(DOCS, 'diff-and-sync.md'), 'utf8')).toContain(`The diff is\n\n\`\`\`text\n${diffText}\n\`\`\``);
    expect(out.summary).toEqual({ create: 1, update: 0, delete: 1, 'no-change': 4, skip: 0 });
    expect(out.calls).toEqual(['delete tr', 'create tr']);
    expect(out.asia).toEqual(['cn', 'tr']);
    expect(out.europe).toEqual(['fr']);
    expect(out.after).toBe(false);
  });

  it('engine-flags', async () => {
    expect(await flags.main(quiet)).toEqual({
      NONE: { create: 3, update: 1, delete: 3, 'no-change': 1, skip: 0 },
      SKIP_UNMATCHED_SRC: { create: 0, update: 1, delete: 3, 'no-change': 1, skip: 2 },
      SKIP_UNMATCHED_DST: { create: 3, update: 1, delete: 0, 'no-change': 1, skip: 2 },
      SKIP_UNMATCHED_BOTH: { create: 0, update: 1, delete: 0, 'no-change': 1, skip: 4 },
      IGNORE: { create: 2, update: 0, delete: 2, 'no-change': 0, skip: 1 },
      keptRdu: true,
      naturalOrder: ['sw9', 'rtr9', 'rdu'],
    });
  });
});

describe('the engine docs show the example files verbatim', () => {
  const blocks = (doc: string): Map<string, string> => {
    const text = readFileSync(join(DOCS, doc), 'utf8');
    const out = new Map<string, string>();
    for (const m of text.matchAll(/<!-- example: (engine-[\w-]+\.ts) -->\n```ts\n([\s\S]*?)```/g)) out.set(m[1], m[2]);
    return out;
  };
  it.each([
    [
      'diff-and-sync.md',
      [
        'engine-diff-and-sync.ts',
        'engine-progress-and-logging.ts',
        'engine-crud-hooks.ts',
        'engine-review-later.ts',
        'engine-concurrency.ts',
        'engine-moves.ts',
      ],
    ],
    ['flags.md', ['engine-flags.ts']],
  ])('%s', (doc, files) => {
    const found = blocks(doc);
    expect([...found.keys()].sort()).toEqual([...files].sort());
    for (const file of files) expect(found.get(file)).toBe(readFileSync(join(DOCS, 'examples', file), 'utf8'));
  });
});
