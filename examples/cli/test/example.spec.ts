import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import config from '../diffsync.config';

// The walk-through of docs/cli.md, run with the installed `diffsync` bin in this folder.
jest.setTimeout(120000);

const EXAMPLE = join(__dirname, '..');
const REPO = join(EXAMPLE, '..', '..');
// The `diffsync` bin the installed @diffsync/cli package declares (node_modules/.bin links to it
// once it is built; resolving it through the package also works right after `npm ci`).
const CLI_PACKAGE = realpathSync(require.resolve('@diffsync/cli/package.json', { paths: [EXAMPLE] }));
const BIN = join(CLI_PACKAGE, '..', (JSON.parse(readFileSync(CLI_PACKAGE, 'utf8')) as { bin: { diffsync: string } }).bin.diffsync);

let tmp: string;
let db: string;

function diffsync(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: EXAMPLE, encoding: 'utf8', env: { ...process.env, INVENTORY_DB: db }, timeout: 60000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function rows(): unknown[] {
  const handle = new Database(db, { readonly: true });
  try {
    return handle
      .prepare('SELECT s.name AS site, s.region, d.name, d.role, d.serial FROM sites s LEFT JOIN devices d ON d.site_name = s.name ORDER BY 1, 3')
      .all();
  } finally {
    handle.close();
  }
}

beforeAll(() => {
  execFileSync(process.execPath, [join(REPO, 'node_modules', 'typescript', 'bin', 'tsc'), '-b', join(REPO, 'packages', 'cli')], { stdio: 'inherit' });
  tmp = mkdtempSync(join(tmpdir(), 'diffsync-example-cli-'));
  db = join(tmp, 'inventory.db');
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const DOC = readFileSync(join(REPO, 'docs', 'cli.md'), 'utf8');

/** The fenced block after `<!-- marker -->` in docs/cli.md. */
function docBlock(marker: string): string | undefined {
  const escaped = marker.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  return DOC.match(new RegExp(`<!-- ${escaped} -->\\n\`\`\`[a-z]*\\n([\\s\\S]*?)\`\`\``))?.[1];
}

it.each(['examples/cli/diffsync.config.ts', 'examples/cli/src/models.ts'])('docs/cli.md shows %s word for word', (file) => {
  expect(docBlock(`example: ${file}`)).toBe(readFileSync(join(REPO, file), 'utf8'));
});

it('the config names three adapters', () => {
  expect(Object.keys(config.adapters)).toEqual(['netbox', 'cmdb', 'sqlite']);
});

it('schema, diff, sync, plan, report, sync --plan', () => {
  const schema = diffsync('schema', 'apply', '--url', `sqlite:${db}`, '--models', 'src/models.ts');
  expect(schema.stderr).toBe('');
  expect(schema.stdout).toContain('CREATE TABLE "devices"');

  const first = diffsync('diff', '--from', 'netbox', '--to', 'sqlite', '--exit-code');
  expect(first.code).toBe(1);
  expect(first.stdout).toContain('summary: create 7, update 0, delete 0, no-change 0, skip 0');
  expect(docBlock('output: diff netbox sqlite')).toBe(`$ diffsync diff --from netbox --to sqlite\n${first.stdout}`);

  const sync = diffsync('sync', '--from', 'netbox', '--to', 'sqlite');
  expect(sync.code).toBe(0);
  expect(rows()).toHaveLength(5);
  expect(diffsync('diff', '--from', 'netbox', '--to', 'sqlite', '--exit-code').code).toBe(0);

  const plan = diffsync('plan', '--from', 'cmdb', '--to', 'sqlite', '--out', join(tmp, 'plan.json'));
  expect(plan.stdout).toBe(`plan written to ${join(tmp, 'plan.json')}; summary: create 2, update 1, delete 4, no-change 2, skip 0\n`);
  const md = diffsync('report', join(tmp, 'plan.json'), '--format', 'markdown');
  expect(md.stdout).toContain('  - **update** `device` `ams-leaf1` — `role`: `leaf` → `border-leaf`');
  expect(docBlock('output: report markdown')).toBe(diffsync('diff', '--from', 'cmdb', '--to', 'sqlite', '--format', 'markdown').stdout);
  expect(diffsync('report', join(tmp, 'plan.json'), '--format', 'html', '--out', join(tmp, 'plan.html')).code).toBe(0);
  expect(readFileSync(join(tmp, 'plan.html'), 'utf8')).toContain('<!DOCTYPE html>');

  const apply = diffsync('sync', '--from', 'cmdb', '--to', 'sqlite', '--plan', join(tmp, 'plan.json'), '--quiet');
  expect(apply.stderr).toBe('');
  expect(apply.code).toBe(0);
  expect(rows()).toEqual([
    { site: 'ams', region: 'eu-west', name: 'ams-leaf1', role: 'border-leaf', serial: 'FOC1002' },
    { site: 'ams', region: 'eu-west', name: 'ams-spine1', role: 'spine', serial: 'FOC1001' },
    { site: 'sin', region: 'ap-southeast', name: 'sin-leaf1', role: 'leaf', serial: 'FOC3001' },
  ]);

  // The plan is spent: applying it again is refused, and the database is left alone.
  const again = diffsync('sync', '--from', 'cmdb', '--to', 'sqlite', '--plan', join(tmp, 'plan.json'));
  expect(again.code).toBe(4);
  expect(again.stderr).toContain(
    "diffsync: Failed to update device {'siteName': 'ams', 'name': 'ams-leaf1'} - it changed in sqlite since the plan was made " +
      '(role: the plan has "leaf", the data has "border-leaf")! The plan',
  );
  expect(again.stderr).toContain('(7 elements differ); nothing was applied.');
  expect(rows()).toHaveLength(3);
});
