import fc from 'fast-check';
import type { DiffJSON } from '@diffsync/core';
import { Diff, DiffElement } from '@diffsync/core';
import { checkPlan, renderJson, renderMarkdown, renderText } from '../src';
import { mdCode } from '../src/report/markdown-report';
import { buildHtmlData, scriptSafeJson } from '../src/report/html-data';
import { smallDiff } from './report-fixtures';

describe('report formats', () => {
  it('text is Diff.str(), the summary line and the failed elements', () => {
    const { diff, failures } = smallDiff();
    expect(renderText({ diff })).toBe(`${diff.str()}\nsummary: create 5, update 2, delete 2, no-change 3, skip 3\n`);
    expect(renderText({ diff, failures })).toBe(
      `${diff.str()}\nsummary: create 5, update 2, delete 2, no-change 3, skip 3, failed 1\nfailed elements (1):\n` +
        '  error create device bad1: the CMDB refused device bad1: <b>quota</b> exceeded\n',
    );
  });

  it('json is diff.toJSON() and reads back into an equal diff', () => {
    const { diff, failures } = smallDiff();
    expect(JSON.parse(renderJson({ diff }))).toEqual(JSON.parse(JSON.stringify(diff.toJSON())));
    const withFailures = JSON.parse(renderJson({ diff, failures })) as { failures: unknown };
    expect(withFailures.failures).toEqual(failures);
    expect(Diff.fromJSON(renderJson({ diff })).str()).toBe(diff.str());
  });

  it('bigint values (64-bit columns loaded exactly) render in every format and read back from json', () => {
    const diff = new Diff();
    const e = new DiffElement('row', '9007199254740993', { id: 9007199254740993n }, 'pg', 'maria');
    e.addAttrs({ source: { big: 9007199254740993n }, dest: { big: 9007199254740992n } });
    diff.add(e);
    expect(renderText({ diff })).toContain('big    pg(9007199254740993)    maria(9007199254740992)');
    expect(renderMarkdown({ diff })).toContain('`big`: `9007199254740992` → `9007199254740993`');
    expect(Diff.fromJSON(renderJson({ diff })).str()).toBe(diff.str());
    expect(scriptSafeJson(buildHtmlData({ diff }))).toContain('"9007199254740993"');
  });

  it('markdown: the counts table and nested lists of the changes', () => {
    const { diff } = smallDiff();
    const md = renderMarkdown({ diff, title: 'netbox → cmdb' });
    expect(md).toContain(
      '| model | create | update | delete | no-change |\n|---|---:|---:|---:|---:|\n| `site` | 1 | 0 | 1 | 2 |\n| `device` | 3 | 1 | 1 | 0 |\n| `interface` | 1 | 1 | 0 | 1 |\n',
    );
    expect(md).toContain(
      '- `site` `ams` (unchanged)\n  - **update** `device` `r1` — `role`: `leaf` → `spine`\n    - **update** `interface` `eth0` — `mtu`: `1500` → `9000`\n',
    );
    expect(md).toContain('- **delete** `site` `par` (`region`: `fr`)\n');
    expect(md).not.toContain('fra');
  });

  it('markdown after a sync with failures: a failed column and the error beside the element', () => {
    const { diff, failures } = smallDiff();
    const md = renderMarkdown({ diff, failures });
    expect(md).toContain('**summary: create 5, update 2, delete 2, no-change 3, skip 3, failed 1**');
    expect(md).toContain(
      '| model | create | update | delete | no-change | failed |\n|---|---:|---:|---:|---:|---:|\n| `site` | 1 | 0 | 1 | 2 | 0 |\n| `device` | 3 | 1 | 1 | 0 | 1 |',
    );
    expect(md).toContain('  - **create** `device` `bad1` (`role`: `leaf`, `note`: `""`) — ❌ error: `the CMDB refused device bad1: <b>quota</b> exceeded`\n');
  });

  it('markdown code spans hold any value: backticks, pipes in tables, newlines, markup', () => {
    expect(mdCode('a`b')).toBe('``a`b``');
    expect(mdCode('`x`')).toBe('`` `x` ``');
    expect(mdCode('a|b', true)).toBe('`a\\|b`');
    expect(mdCode('a|b')).toBe('`a|b`');
    expect(mdCode('l1\nl2')).toBe('`l1\\nl2`');
    expect(mdCode('<img src=x>')).toBe('`<img src=x>`');
    expect(mdCode({ a: [1, null] })).toBe('`{"a":[1,null]}`');
    expect(mdCode('')).toBe('`""`');
  });

  it('html data: script-safe JSON parses back to the same value for any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const text = scriptSafeJson({ v: s, tag: `</script>${s}<!--` });
        expect(text).not.toMatch(/<\/script|<!--|\u2028|\u2029/i);
        expect(JSON.parse(text)).toEqual({ v: s, tag: `</script>${s}<!--` });
      }),
      { numRuns: 2000 },
    );
  });

  it('html data: elements in pre-order with parents, actions and failures', () => {
    const { diff, failures } = smallDiff();
    const data = buildHtmlData({ diff, failures });
    expect(data.types).toEqual(['site', 'device', 'interface']);
    expect(data.n).toEqual(['ams', 'r1', 'eth0', 'eth1', 'r2', 'eth0', 'r3', 'bad1', 'lon', 'r5', 'par', 'fra']);
    expect(data.p).toEqual([-1, 0, 1, 1, 0, 4, 0, 0, -1, 8, -1, -1]);
    expect(data.a).toEqual([3, 1, 1, 3, 0, 0, 2, 0, 0, 0, 2, 3]);
    expect(data.f).toEqual({ 7: ['error', 'the CMDB refused device bad1: <b>quota</b> exceeded'] });
    expect(data.d[0]).toBe(0); // unchanged: one side kept
    expect(data.s[1]).toEqual({ role: 'spine', note: 'core' });
    expect(data.d[1]).toEqual({ role: 'leaf', note: 'core' });
  });
});

describe('checkPlan', () => {
  const el = (name: string, source?: Record<string, unknown>, dest?: Record<string, unknown>): DiffElement => {
    const e = new DiffElement('device', name, { name }, 'src', 'dst');
    e.addAttrs({ source, dest });
    return e;
  };
  const diffOf = (...elements: DiffElement[]): Diff => {
    const d = new Diff();
    for (const e of elements) d.add(e);
    return d;
  };

  it('an identical diff matches', () => {
    const plan = diffOf(el('a', { r: 1 }), el('b', undefined, { r: 2 }), el('c', { r: 3 }, { r: 4 }));
    expect(checkPlan(plan, Diff.fromJSON(JSON.parse(JSON.stringify(plan)) as DiffJSON)).differing).toBe(0);
  });

  it('a plan read back from JSON matches data holding Dates (the plan has their ISO text), and a changed Date does not', () => {
    const at = new Date('2024-01-02T03:04:05.000Z');
    const plan = Diff.fromJSON(JSON.stringify(diffOf(el('a', { at, r: 1 }, { at, r: 2 })).toJSON()));
    expect(checkPlan(plan, diffOf(el('a', { at: new Date(at), r: 1 }, { at: new Date(at), r: 2 }))).differing).toBe(0);
    const later = checkPlan(plan, diffOf(el('a', { at, r: 1 }, { at: new Date(at.getTime() + 1000), r: 2 })));
    expect(later.differing).toBe(1);
    expect(later.first?.message).toBe(
      "Failed to update device {'name': 'a'} - it changed in dst since the plan was made " +
        '(at: the plan has "2024-01-02T03:04:05.000Z", the data has "2024-01-02T03:04:06.000Z")!',
    );
  });

  it.each([
    ['create, exists now', el('a', { r: 1 }), el('a', { r: 1 }, { r: 1 }), 'ObjectNotCreated', "Failed to create device {'name': 'a'} - it already exists!"],
    ['delete, gone now', el('a', undefined, { r: 1 }), undefined, 'ObjectNotDeleted', "Failed to delete device {'name': 'a'} - not found!"],
    ['update, gone now', el('a', { r: 1 }, { r: 2 }), el('a', { r: 1 }), 'ObjectNotUpdated', "Failed to update device {'name': 'a'} - not found!"],
    [
      'update, destination changed',
      el('a', { r: 1 }, { r: 2 }),
      el('a', { r: 1 }, { r: 3 }),
      'ObjectNotUpdated',
      "Failed to update device {'name': 'a'} - it changed in dst since the plan was made (r: the plan has 2, the data has 3)!",
    ],
    [
      'create, source changed',
      el('a', { r: 1 }),
      el('a', { r: 5 }),
      'ObjectNotCreated',
      "Failed to create device {'name': 'a'} - it changed in src since the plan was made (r: the plan has 1, the data has 5)!",
    ],
  ])('%s', (_what, planned, now, cls, message) => {
    const result = checkPlan(diffOf(planned), now ? diffOf(now) : new Diff());
    expect(result.differing).toBe(1);
    expect(result.first?.name).toBe(cls);
    expect(result.first?.message).toBe(message);
  });

  it('an element that appeared since the plan is a difference', () => {
    const result = checkPlan(diffOf(el('a', { r: 1 }, { r: 1 })), diffOf(el('a', { r: 1 }, { r: 1 }), el('new', undefined, { r: 0 })));
    expect(result.differing).toBe(1);
    expect(result.first?.message).toBe("Failed to plan device {'name': 'new'} - it appeared in dst since the plan was made!");
  });
});
