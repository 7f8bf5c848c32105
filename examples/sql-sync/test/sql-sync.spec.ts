import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { connect } from '@diffsync/sql';
import { DEFAULT_URL, main, runSqlSync } from '../src';
import { DIALECTS, scratchDatabase } from './databases';

const summary = (create: number, update: number, del: number, noChange: number) => ({
  create,
  update,
  delete: del,
  'no-change': noChange,
  skip: 0,
});

describe.each(DIALECTS)('sql-sync example on %s', (dialect) => {
  it('syncs Backend-A into empty tables, finds nothing to do the second time, then follows B and C', async () => {
    const db = await scratchDatabase(dialect);
    try {
      const lines: string[] = [];
      const first = await runSqlSync({ url: db.url, print: (l) => lines.push(l) });
      expect(first.schemaStatements).toBeGreaterThan(0);
      expect(first.summary).toEqual(summary(15, 0, 0, 0));
      expect(first.diffText).toContain('site: nyc MISSING in InventoryDb');
      expect(first.remaining).toBe('(no diffs)');
      expect(first.rows).toEqual({ sites: 2, devices: 4, interfaces: 9 });
      expect(lines).toContain('Left after the sync: (no diffs)');
      expect(lines[0]).toMatch(new RegExp(`^Database: .* \\(${dialect}\\)$`));

      const second = await runSqlSync({ url: db.url, print: () => undefined });
      expect(second.schemaStatements).toBe(0);
      expect(second.summary).toEqual(summary(0, 0, 0, 15));
      expect(second.diffText).toBe('(no diffs)');
      expect(second.remaining).toBe('(no diffs)');

      // Backend-B adds a site, changes a description and drops an interface.
      const b = await runSqlSync({ url: db.url, backend: 'b', print: () => undefined });
      expect(b.summary).toEqual(summary(7, 1, 1, 13));
      expect(b.remaining).toBe('(no diffs)');
      expect(b.rows).toEqual({ sites: 3, devices: 6, interfaces: 12 });

      const c = await runSqlSync({ url: db.url, backend: 'c', print: () => undefined });
      expect(c.summary).toEqual(summary(1, 1, 7, 13));
      expect(c.remaining).toBe('(no diffs)');
      expect(c.rows).toEqual({ sites: 2, devices: 4, interfaces: 9 });
    } finally {
      await db.cleanup();
    }
  });

  it('runs from the command line parser with --url and --backend', async () => {
    const db = await scratchDatabase(dialect);
    try {
      const lines: string[] = [];
      const result = await main(['node', 'sql-sync', '--url', db.url, '--backend', 'B'], (l) => lines.push(l));
      expect(result.summary).toEqual(summary(21, 0, 0, 0));
      expect(lines.some((l) => l.startsWith('Synced: {"create":21,'))).toBe(true);
      // The rows are really there, with the tree's foreign keys filled in.
      const conn = await connect(db.url);
      try {
        const q = (n: string) => conn.sqlDialect.quoteIdentifier(n);
        const rows = await conn.query<{ n: number | string }>(
          `SELECT COUNT(*) AS ${q('n')} FROM ${q('interfaces')} i JOIN ${q('devices')} d ON d.${q('name')} = i.${q('device_name')} JOIN ${q('sites')} s ON s.${q('name')} = d.${q('site_name')}`,
        );
        expect(Number(rows[0].n)).toBe(12);
      } finally {
        await conn.close();
      }
    } finally {
      await db.cleanup();
    }
  });
});

const root = join(__dirname, '..', '..', '..');
const program = join(__dirname, '..', 'dist', 'main.js');
let built = false;

/** Runs the built program (building it once, as `npm start` does). */
function runProgram(args: string[]): string {
  if (!built) {
    execFileSync(join(root, 'node_modules', '.bin', 'tsc'), ['-b', 'examples/sql-sync'], { cwd: root });
    built = true;
  }
  return execFileSync(process.execPath, [program, ...args], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

describe('sql-sync program', () => {
  it('defaults to a SQLite file in the OS temp folder', () => {
    expect(DEFAULT_URL).toMatch(/^sqlite:.*diffsync-sql-sync\.db$/);
  });

  it('builds and runs as the README says; a second run has no changes', async () => {
    const db = await scratchDatabase('sqlite');
    try {
      const run = () => runProgram(['--url', db.url]);
      const first = run();
      expect(first).toContain('Synced: {"create":15,"update":0,"delete":0,"no-change":0,"skip":0}');
      expect(first.trimEnd().endsWith('Left after the sync: (no diffs)')).toBe(true);
      const second = run();
      expect(second).toContain('Schema: up to date');
      expect(second).toContain('Synced: {"create":0,"update":0,"delete":0,"no-change":15,"skip":0}');
    } finally {
      await db.cleanup();
    }
  });

  it('reports a bad URL without a stack trace and exits 1', () => {
    let error: { status?: number; stderr?: string } = {};
    try {
      runProgram(['--url', 'oracle://scott:tiger@db/x']);
    } catch (e) {
      error = e as typeof error;
    }
    expect(error.status).toBe(1);
    expect(error.stderr).toContain('Unsupported connection URL');
    expect(error.stderr).not.toContain('tiger');
    expect(error.stderr).not.toMatch(/\n\s+at /);
  });
});
