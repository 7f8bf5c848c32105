import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BIN, buildCli, diffsync, makeWorkdir } from './harness';

jest.setTimeout(120000);

let work: { dir: string; cleanup: () => void };
beforeAll(() => buildCli());
beforeEach(() => {
  work = makeWorkdir();
});
afterEach(() => work.cleanup());

const ESC = '\u001b[';

/** Run the bin under `script`, so its stdout and stderr are a terminal; returns what the terminal showed. */
function underTerminal(cwd: string, args: string[]): { code: number | null; screen: string } {
  const command = [process.execPath, BIN, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const r = spawnSync('script', ['-qfec', command, '/dev/null'], { cwd, encoding: 'utf8', timeout: 60000 });
  return { code: r.status, screen: r.stdout };
}

describe('progress bars', () => {
  it('nothing on stderr, and no escape codes, when stderr is not a terminal', () => {
    const r = diffsync(work.dir, ['sync', '--from', 'a', '--to', 'b', '--out', 'run.txt']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('');
  });

  it('one bar per phase (load of each adapter, diff, sync) when stderr is a terminal', () => {
    const r = underTerminal(work.dir, ['sync', '--from', 'a', '--to', 'b', '--out', 'run.txt']);
    expect(r.code).toBe(0);
    expect(r.screen).toContain(ESC);
    for (const label of ['load a', 'load b', 'diff', 'sync']) expect(r.screen).toMatch(new RegExp(`${label}\\s+\\[[█░]+\\] 100%`));
  });

  it('--quiet: no bar on a terminal', () => {
    const r = underTerminal(work.dir, ['diff', '--from', 'a', '--to', 'b', '--out', 'diff.txt', '--quiet']);
    expect(r.code).toBe(0);
    expect(r.screen).not.toContain('100%');
    expect(r.screen).not.toContain('load a');
  });
});

describe('logging', () => {
  it('-v logs the sync at info level through winston on stderr, -vv at debug', () => {
    const quiet = diffsync(work.dir, ['sync', '--from', 'a', '--to', 'b', '-q', '--out', 'run.txt']);
    expect(quiet.stderr).toBe('');
    const info = diffsync(work.dir, ['sync', '--from', 'a', '--to', 'b', '-v', '--out', 'run.txt', '--config', 'diffsync.config.ts']);
    expect(info.code).toBe(0);
    expect(info.stderr).toMatch(/\[info\] Beginning sync/);
    expect(info.stderr).not.toContain('[debug]');
  });

  it('-vv adds debug events', () => {
    const r = diffsync(work.dir, ['diff', '--from', 'a', '--to', 'b', '-vv', '--out', 'diff.txt']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('[debug]');
  });
});

describe('config files', () => {
  it('a CommonJS config that requires TypeScript models', () => {
    const cfg = work.dir;
    writeFileSync(
      join(cfg, 'diffsync.config.cjs'),
      "const { join } = require('node:path');\nconst { defineConfig } = require('@diffsync/cli');\nconst { JsonInventory } = require('./inventory.ts');\n" +
        "module.exports = defineConfig({ adapters: { left: () => new JsonInventory(join(__dirname, 'a.json'), 'L'), right: () => new JsonInventory(join(__dirname, 'b.json'), 'R') } });\n",
    );
    const r = diffsync(cfg, ['diff', '--from', 'left', '--to', 'right', '--config', 'diffsync.config.cjs']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('device: r3 MISSING in L');
  });

  it('an ES module config (.mjs), an async factory, and the validate option', () => {
    writeFileSync(
      join(work.dir, 'diffsync.config.mjs'),
      "import { Adapter } from '@diffsync/core';\nclass Empty extends Adapter {}\n" +
        'export default { validate: true, adapters: { one: async () => new Empty({ name: "one" }), two: () => new Empty({ name: "two" }) } };\n',
    );
    const r = diffsync(work.dir, ['diff', '--from', 'one', '--to', 'two', '--config', 'diffsync.config.mjs', '--exit-code']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('(no diffs)\nsummary: create 0, update 0, delete 0, no-change 0, skip 0\n');
  });

  it('a factory that returns something else than an adapter is a config error', () => {
    writeFileSync(join(work.dir, 'odd.config.js'), 'module.exports = { adapters: { x: () => 42, y: () => 43 } };\n');
    const r = diffsync(work.dir, ['diff', '--from', 'x', '--to', 'y', '--config', 'odd.config.js']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('odd.config.js: adapters.x did not return an Adapter (got number).');
  });

  it('a config that throws while loading names the file and the error', () => {
    writeFileSync(join(work.dir, 'diffsync.config.ts'), "throw new Error('no credentials for the CMDB');\nexport default {};\n");
    const r = diffsync(work.dir, ['diff', '--from', 'a', '--to', 'b']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`diffsync: Could not load ${join(work.dir, 'diffsync.config.ts')}: no credentials for the CMDB\n`);
  });

  it("an adapter's load that fails exits 4 with its message", () => {
    writeFileSync(join(work.dir, 'b.json'), '{ not json');
    const r = diffsync(work.dir, ['diff', '--from', 'a', '--to', 'b']);
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/^diffsync: SyntaxError: .*JSON/);
  });
});

describe('diffsync schema (SQLite)', () => {
  it('plan prints the SQL, apply runs it, and a second plan prints nothing', () => {
    const url = `sqlite:${join(work.dir, 'inventory.db')}`;
    const plan = diffsync(work.dir, ['schema', 'plan', '--url', url, '--models', 'inventory.ts']);
    expect(plan.stderr).toBe('');
    expect(plan.code).toBe(0);
    expect(plan.stdout).toMatch(/CREATE TABLE "site"/);
    expect(plan.stdout).toMatch(/CREATE TABLE "device"/);
    const apply = diffsync(work.dir, ['schema', 'apply', '--url', url, '--models', 'inventory.ts']);
    expect(apply.code).toBe(0);
    expect(apply.stdout).toMatch(/-- applied \d+ statements? to sqlite:/);
    const again = diffsync(work.dir, ['schema', 'plan', '--url', url, '--models', 'inventory.ts']);
    expect(again.code).toBe(0);
    expect(again.stdout).toBe('');
    const applyAgain = diffsync(work.dir, ['schema', 'apply', '--url', url, '--models', 'inventory.ts']);
    expect(applyAgain.stdout).toBe(`${url}: the schema is already in sync.\n`);
  });

  it('a default array export of models works too', () => {
    writeFileSync(join(work.dir, 'models.ts'), "import { Site, Device } from './inventory';\nexport default [Site, Device];\n");
    const r = diffsync(work.dir, ['schema', 'plan', '--url', 'sqlite::memory:', '--models', 'models.ts']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/CREATE TABLE "site"/);
  });

  it('usage errors: a module without models, a missing module, a URL that is not a database URL', () => {
    writeFileSync(join(work.dir, 'nothing.ts'), 'export const x = 1;\n');
    const none = diffsync(work.dir, ['schema', 'plan', '--url', 'sqlite::memory:', '--models', 'nothing.ts']);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain(`--models nothing.ts: ${join(work.dir, 'nothing.ts')} exports no @Model classes`);
    const missing = diffsync(work.dir, ['schema', 'plan', '--url', 'sqlite::memory:', '--models', 'gone.ts']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(`--models gone.ts: ${join(work.dir, 'gone.ts')} does not exist.`);
    const url = diffsync(work.dir, ['schema', 'apply', '--url', 'oracle://scott:tiger@db/orcl', '--models', 'inventory.ts']);
    expect(url.code).toBe(2);
    expect(url.stderr).toContain("--url 'oracle://scott:***@db/orcl' is not a database URL");
    expect(url.stderr).not.toContain('tiger');
  });
});
