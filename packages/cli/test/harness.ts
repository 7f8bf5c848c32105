import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SiteRow } from './fixtures/inventory';

export const REPO = join(__dirname, '..', '..', '..');
/** The built command line, run as a real process. */
export const BIN = join(REPO, 'packages', 'cli', 'dist', 'bin.js');

/** Build the command line (and what it references); incremental, so cheap when up to date. */
export function buildCli(): void {
  execFileSync(process.execPath, [join(REPO, 'node_modules', 'typescript', 'bin', 'tsc'), '-b', join(REPO, 'packages', 'cli')], {
    cwd: REPO,
    stdio: 'inherit',
  });
}

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Run `diffsync args…` in `cwd`. */
export function diffsync(cwd: string, args: string[], env: NodeJS.ProcessEnv = {}): RunResult {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, ...env },
    maxBuffer: 256 * 1024 * 1024,
    timeout: 60000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

export const SOURCE_ROWS: SiteRow[] = [
  {
    name: 'ams',
    region: 'eu',
    devices: [
      { name: 'r1', role: 'spine', note: '<script>window.pwned = 1</script>' },
      { name: 'r2', role: 'leaf', note: '' },
    ],
  },
  { name: 'lon', region: 'uk', devices: [{ name: 'r5', role: 'leaf', note: 'rack 5' }] },
];

export const TARGET_ROWS: SiteRow[] = [
  {
    name: 'ams',
    region: 'eu',
    devices: [
      { name: 'r1', role: 'leaf', note: '' },
      { name: 'r3', role: 'leaf', note: '' },
    ],
  },
  { name: 'par', region: 'fr', devices: [{ name: 'r9', role: 'spine', note: '' }] },
];

export const CONFIG_TS = `import { join } from 'node:path';
import { defineConfig } from '@diffsync/cli';
import { JsonInventory } from './inventory';

export default defineConfig({
  adapters: {
    a: () => new JsonInventory(join(__dirname, 'a.json'), 'A'),
    b: () => new JsonInventory(join(__dirname, 'b.json'), 'B'),
  },
});
`;

/** A temp working directory with the fixture inventory, a.json, b.json and a diffsync.config.ts. */
export function makeWorkdir(options: { config?: string | null; source?: SiteRow[]; target?: SiteRow[] } = {}): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'diffsync-cli-'));
  symlinkSync(join(REPO, 'node_modules'), join(dir, 'node_modules'), 'dir');
  copyFileSync(join(__dirname, 'fixtures', 'inventory.ts'), join(dir, 'inventory.ts'));
  writeFileSync(join(dir, 'a.json'), JSON.stringify(options.source ?? SOURCE_ROWS, null, 2));
  writeFileSync(join(dir, 'b.json'), JSON.stringify(options.target ?? TARGET_ROWS, null, 2));
  if (options.config !== null) writeFileSync(join(dir, 'diffsync.config.ts'), options.config ?? CONFIG_TS);
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
