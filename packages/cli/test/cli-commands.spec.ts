import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Diff } from '@diffsync/core';
import { JsonInventory } from './fixtures/inventory';
import { buildCli, diffsync, makeWorkdir, SOURCE_ROWS, TARGET_ROWS } from './harness';

jest.setTimeout(120000);

let work: { dir: string; cleanup: () => void };

beforeAll(() => buildCli());
beforeEach(() => {
  work = makeWorkdir();
});
afterEach(() => work.cleanup());

/** The library call the CLI must match: b.diffFrom(a), loaded in this process. */
async function libraryDiff(dir: string): Promise<Diff> {
  const a = new JsonInventory(join(dir, 'a.json'), 'A');
  const b = new JsonInventory(join(dir, 'b.json'), 'B');
  await a.load();
  await b.load();
  return b.diffFrom(a);
}

describe('diffsync diff', () => {
  it('prints Diff.str() and a summary line, exit 0', async () => {
    const r = diffsync(work.dir, ['diff', '--from', 'a', '--to', 'b']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const diff = await libraryDiff(work.dir);
    expect(r.stdout).toBe(`${diff.str()}\nsummary: create 3, update 1, delete 3, no-change 1, skip 0\n`);
  });

  it('--format json is exactly the library diff.toJSON()', async () => {
    const r = diffsync(work.dir, ['diff', '--from', 'a', '--to', 'b', '--format', 'json']);
    expect(r.code).toBe(0);
    const diff = await libraryDiff(work.dir);
    expect(JSON.parse(r.stdout)).toEqual(JSON.parse(JSON.stringify(diff.toJSON())));
  });

  it('--exit-code: 1 when the diff is not empty, 0 when it is', () => {
    expect(diffsync(work.dir, ['diff', '--from', 'a', '--to', 'b', '--exit-code', '-q']).code).toBe(1);
    const same = diffsync(work.dir, ['diff', '--from', 'a', '--to', 'a', '--exit-code']);
    expect(same.code).toBe(0);
    expect(same.stdout).toBe('(no diffs)\nsummary: create 0, update 0, delete 0, no-change 5, skip 0\n');
  });

  it('--format markdown: a counts table per model type and nested lists', () => {
    const r = diffsync(work.dir, ['diff', '--from', 'a', '--to', 'b', '--format', 'markdown']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('| model | create | update | delete | no-change |');
    expect(r.stdout).toContain('| `site` | 1 | 0 | 1 | 1 |');
    expect(r.stdout).toContain('| `device` | 2 | 1 | 2 | 0 |');
    expect(r.stdout).toContain('- `site` `ams` (unchanged)\n  - **update** `device` `r1` — `role`: `leaf` → `spine`');
    expect(r.stdout).toContain('- **create** `site` `lon` (`region`: `uk`)\n  - **create** `device` `r5`');
  });

  it('--format html --out writes one self-contained page, the markup of values escaped', () => {
    const r = diffsync(work.dir, ['diff', '--from', 'a', '--to', 'b', '--format', 'html', '--out', 'report.html']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    const html = readFileSync(join(work.dir, 'report.html'), 'utf8');
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).not.toMatch(/<script[^>]*\bsrc=|<link\b|https?:\/\//);
    expect(html).not.toContain('<script>window.pwned');
    expect(html).toContain('\\u003cscript>window.pwned = 1\\u003c/script>');
  });

  it('--flags is read: SKIP_UNMATCHED_DST leaves destination-only objects out', () => {
    const r = diffsync(work.dir, ['diff', '--from', 'a', '--to', 'b', '--flags', 'skip-unmatched-dst']);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('MISSING in A');
    expect(r.stdout).toContain('MISSING in B');
  });
});

describe('usage and config errors exit 2, naming the problem', () => {
  it('no config file found', () => {
    const bare = makeWorkdir({ config: null });
    try {
      const r = diffsync(bare.dir, ['diff', '--from', 'a', '--to', 'b']);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(
        `No config file found: none of diffsync.config.ts, diffsync.config.mts, diffsync.config.js, diffsync.config.mjs, diffsync.config.cjs is in ${bare.dir}`,
      );
    } finally {
      bare.cleanup();
    }
  });

  it('an adapter name not in the config, listing the names', () => {
    const r = diffsync(work.dir, ['diff', '--from', 'a', '--to', 'nautobot']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`diffsync: --to "nautobot" is not an adapter of ${join(work.dir, 'diffsync.config.ts')}; its adapters are: a, b.\n`);
  });

  it('--config naming a missing file', () => {
    const r = diffsync(work.dir, ['diff', '--from', 'a', '--to', 'b', '--config', 'nope.config.ts']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`The config file ${join(work.dir, 'nope.config.ts')} (--config) does not exist.`);
  });

  it('a config without adapters', () => {
    writeFileSync(join(work.dir, 'bad.config.js'), 'module.exports = { adapter: {} };\n');
    const r = diffsync(work.dir, ['plan', '--from', 'a', '--to', 'b', '--out', 'p.json', '--config', 'bad.config.js']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("bad.config.js: the config has no 'adapters' object");
  });

  it('an unknown flag, listing the flags', () => {
    const r = diffsync(work.dir, ['diff', '--from', 'a', '--to', 'b', '--flags', 'CONTINUE,SKIP_UNMATCHED_DST']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Unknown flag "CONTINUE" in --flags; the flags are: NONE, CONTINUE_ON_FAILURE, SKIP_UNMATCHED_SRC');
  });

  it('a missing required option and a bad --format (commander)', () => {
    const missing = diffsync(work.dir, ['diff', '--from', 'a']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("required option '--to <adapter>' not specified");
    const format = diffsync(work.dir, ['diff', '--from', 'a', '--to', 'b', '--format', 'yaml']);
    expect(format.code).toBe(2);
    expect(format.stderr).toContain("option '-f, --format <format>' argument 'yaml' is invalid. Allowed choices are text, json, markdown, html.");
  });

  it('an unknown command', () => {
    const r = diffsync(work.dir, ['difff']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("unknown command 'difff'");
  });

  it('report of a file that is not a plan', () => {
    writeFileSync(join(work.dir, 'not-a-plan.json'), '{"hello": 1}');
    const r = diffsync(work.dir, ['report', 'not-a-plan.json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`The plan ${join(work.dir, 'not-a-plan.json')} is not a diffsync plan: Diff.fromJSON expects the output of Diff.toJSON()`);
  });
});

describe('help and version', () => {
  it('--version prints the package version', () => {
    const r = diffsync(work.dir, ['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe((JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')) as { version: string }).version);
  });

  it.each([
    [['--help'], ['diff', 'plan', 'report', 'sync', 'schema', 'Exit codes:']],
    [
      ['diff', '--help'],
      ['--from <adapter>', '--format <format>', '--exit-code', '--flags <flags>', '--config <file>', '--quiet', '--verbose'],
    ],
    [['plan', '--help'], ['--out <file>']],
    [
      ['report', '--help'],
      ['<plan>', '--format <format>'],
    ],
    [
      ['sync', '--help'],
      ['--plan <file>', '--concurrency <n>', 'CONTINUE_ON_FAILURE'],
    ],
    [
      ['schema', '--help'],
      ['plan', 'apply'],
    ],
    [
      ['schema', 'plan', '--help'],
      ['--url <url>', '--models <module>', '--allow-drop'],
    ],
    [
      ['schema', 'apply', '--help'],
      ['--url <url>', '--models <module>', '--allow-drop'],
    ],
  ])('%j', (args, expected) => {
    const r = diffsync(work.dir, args);
    expect(r.code).toBe(0);
    for (const text of expected) expect(r.stdout).toContain(text);
  });
});

describe('plan, report and sync', () => {
  it('plan writes diff.toJSON(); report renders it like diff does', async () => {
    const r = diffsync(work.dir, ['plan', '--from', 'a', '--to', 'b', '--out', 'plan.json']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('plan written to plan.json; summary: create 3, update 1, delete 3, no-change 1, skip 0\n');
    const diff = await libraryDiff(work.dir);
    expect(JSON.parse(readFileSync(join(work.dir, 'plan.json'), 'utf8'))).toEqual(JSON.parse(JSON.stringify(diff.toJSON())));
    const text = diffsync(work.dir, ['report', 'plan.json']);
    expect(text.code).toBe(0);
    expect(text.stdout).toBe(diffsync(work.dir, ['diff', '--from', 'a', '--to', 'b']).stdout);
    const md = diffsync(work.dir, ['report', 'plan.json', '--format', 'markdown']);
    expect(md.stdout).toContain('| `device` | 2 | 1 | 2 | 0 |');
    const html = diffsync(work.dir, ['report', 'plan.json', '--format', 'html', '--out', 'plan.html']);
    expect(html.code).toBe(0);
    expect(readFileSync(join(work.dir, 'plan.html'), 'utf8')).toContain('id="report-data"');
  });

  it('sync makes the target like the source; the next diff is empty', () => {
    const r = diffsync(work.dir, ['sync', '--from', 'a', '--to', 'b']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('summary: create 3, update 1, delete 3, no-change 1, skip 0');
    expect(JSON.parse(readFileSync(join(work.dir, 'b.json'), 'utf8'))).toEqual(SOURCE_ROWS);
    expect(diffsync(work.dir, ['diff', '--from', 'a', '--to', 'b', '--exit-code']).code).toBe(0);
  });

  it('sync --plan applies a plan that still matches the data', () => {
    expect(diffsync(work.dir, ['plan', '--from', 'a', '--to', 'b', '--out', 'plan.json', '-q']).code).toBe(0);
    const r = diffsync(work.dir, ['sync', '--from', 'a', '--to', 'b', '--plan', 'plan.json', '--concurrency', '4']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(readFileSync(join(work.dir, 'b.json'), 'utf8'))).toEqual(SOURCE_ROWS);
  });

  it.each([
    [
      'an object the plan creates was created meanwhile',
      (rows: typeof TARGET_ROWS) => rows[0]?.devices.push({ name: 'r2', role: 'leaf', note: '' }),
      "Failed to create device {'site': 'ams', 'name': 'r2'} - it already exists!",
    ],
    ['an object the plan deletes is gone', (rows: typeof TARGET_ROWS) => rows.splice(1, 1), "Failed to delete site {'name': 'par'} - not found!"],
    [
      'an object the plan updates changed',
      (rows: typeof TARGET_ROWS) => ((rows[0]?.devices[0] as { role: string }).role = 'border'),
      `Failed to update device {'site': 'ams', 'name': 'r1'} - it changed in B since the plan was made (role: the plan has "leaf", the data has "border")!`,
    ],
  ])('sync --plan refuses a stale plan (%s) with exit 4 and the target unchanged', (_what, change, message) => {
    expect(diffsync(work.dir, ['plan', '--from', 'a', '--to', 'b', '--out', 'plan.json']).code).toBe(0);
    const rows = JSON.parse(JSON.stringify(TARGET_ROWS)) as typeof TARGET_ROWS;
    change(rows);
    writeFileSync(join(work.dir, 'b.json'), JSON.stringify(rows, null, 2));
    const before = readFileSync(join(work.dir, 'b.json'), 'utf8');
    const r = diffsync(work.dir, ['sync', '--from', 'a', '--to', 'b', '--plan', 'plan.json']);
    expect(r.code).toBe(4);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`diffsync: ${message} The plan plan.json no longer matches the data of a -> b`);
    expect(r.stderr).toContain('nothing was applied');
    expect(readFileSync(join(work.dir, 'b.json'), 'utf8')).toBe(before);
  });

  it('a sync with failed elements under CONTINUE_ON_FAILURE exits 3 and reports them', () => {
    const source = JSON.parse(JSON.stringify(SOURCE_ROWS)) as typeof SOURCE_ROWS;
    source[0]?.devices.push({ name: 'bad1', role: 'leaf', note: '' });
    writeFileSync(join(work.dir, 'a.json'), JSON.stringify(source));
    const r = diffsync(work.dir, ['sync', '--from', 'a', '--to', 'b', '--flags', 'CONTINUE_ON_FAILURE', '--format', 'json', '--out', 'run.json']);
    expect(r.code).toBe(3);
    expect(r.stderr).toBe('1 element failed to sync; see the report.\n');
    const run = JSON.parse(readFileSync(join(work.dir, 'run.json'), 'utf8')) as { failures: unknown[] };
    expect(run.failures).toEqual([
      { type: 'device', name: 'bad1', keys: { site: 'ams', name: 'bad1' }, action: 'create', status: 'error', message: 'the inventory refuses device bad1' },
    ]);
    // The rest was applied.
    expect(diffsync(work.dir, ['diff', '--from', 'a', '--to', 'b']).stdout).toBe(
      'site\n  site: ams\n    device\n      device: bad1 MISSING in B\nsummary: create 1, update 0, delete 0, no-change 5, skip 0\n',
    );
    const text = diffsync(work.dir, ['report', 'run.json']);
    expect(text.stdout).toContain('failed elements (1):\n  error create device bad1: the inventory refuses device bad1\n');
    expect(diffsync(work.dir, ['report', 'run.json', '--format', 'html', '--out', 'run.html']).code).toBe(0);
    const data = JSON.parse(
      /<script type="application\/json" id="report-data">(.*)<\/script>/.exec(readFileSync(join(work.dir, 'run.html'), 'utf8'))?.[1] ?? '{}',
    ) as {
      n: string[];
      f: Record<string, [string, string]>;
      failed: number;
    };
    expect(data.failed).toBe(1);
    expect(Object.entries(data.f).map(([i, f]) => [data.n[Number(i)], ...f])).toEqual([['bad1', 'error', 'the inventory refuses device bad1']]);
  });

  it('the same failure without CONTINUE_ON_FAILURE stops the sync with exit 4', () => {
    const source = JSON.parse(JSON.stringify(SOURCE_ROWS)) as typeof SOURCE_ROWS;
    source[0]?.devices.push({ name: 'bad1', role: 'leaf', note: '' });
    writeFileSync(join(work.dir, 'a.json'), JSON.stringify(source));
    const r = diffsync(work.dir, ['sync', '--from', 'a', '--to', 'b']);
    expect(r.code).toBe(4);
    expect(r.stderr).toBe('diffsync: the inventory refuses device bad1\n');
  });

  it('--concurrency must be a positive integer', () => {
    const r = diffsync(work.dir, ['sync', '--from', 'a', '--to', 'b', '--concurrency', 'zero']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--concurrency must be a positive integer, got "zero".');
    expect(existsSync(join(work.dir, 'b.json'))).toBe(true);
  });
});
