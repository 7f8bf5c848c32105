import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { SqlConnectionError } from '@diffsync/sql';
import { missingDriverError } from '../src/session/driver-packages';

const run = promisify(execFile);
const tsRun = join(__dirname, '..', '..', '..', 'test-support', 'ts-run.js');

/** The error Node itself throws when `id` cannot be resolved from an empty folder. */
let scratch: string;
function notFound(id: string): unknown {
  const requireFromScratch = createRequire(join(scratch, 'index.js'));
  try {
    requireFromScratch(id);
  } catch (error) {
    return error;
  }
  throw new Error(`'${id}' resolved from ${scratch}; the test needs a folder where it does not`);
}

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'diffsync-no-drivers-'));
  writeFileSync(join(scratch, 'index.js'), '');
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('a missing database driver', () => {
  it.each([
    ['PostgreSQL', 'pg', 'npm install pg pg-copy-streams'],
    ['PostgreSQL', 'pg-copy-streams', 'npm install pg pg-copy-streams'],
    ['MySQL', 'mysql2/promise', 'npm install mysql2'],
    ['SQLite', 'better-sqlite3', 'npm install better-sqlite3'],
  ] as const)('%s without %s: SqlConnectionError naming the package and the install command', (dialect, id, command) => {
    const cause = notFound(id);
    const error = missingDriverError(cause, dialect);
    expect(error).toBeInstanceOf(SqlConnectionError);
    expect(error?.message).toBe(
      `Connecting to ${dialect} needs the '${id.split('/')[0]}' package, an optional peer dependency of @diffsync/sql that is not installed: ` +
        `run \`${command}\` in your project.`,
    );
    expect(error?.cause).toBe(cause);
  });

  it("pg-cursor's own require of a pg file names pg", () => {
    expect(missingDriverError(notFound('pg/lib/result.js'), 'PostgreSQL')?.message).toMatch(/needs the 'pg' package.*npm install pg pg-copy-streams/);
  });

  it('leaves other errors alone: a module of another dialect, something the driver needs, a failure that is not resolution', () => {
    expect(missingDriverError(notFound('mysql2'), 'PostgreSQL')).toBeUndefined();
    expect(missingDriverError(notFound('bindings'), 'SQLite')).toBeUndefined();
    expect(missingDriverError(new Error("Cannot find module 'pg'"), 'PostgreSQL')).toBeUndefined();
    expect(missingDriverError(undefined, 'MySQL')).toBeUndefined();
  });
});

describe('drivers are loaded on first use', () => {
  it('importing @diffsync/sql loads no driver; opening SQLite loads better-sqlite3 only', async () => {
    const { stdout } = await run(process.execPath, [tsRun, join(__dirname, 'fixtures', 'loaded-drivers.ts')]);
    expect(JSON.parse(stdout)).toEqual({ afterImport: [], afterSqlite: ['better-sqlite3'] });
  });
});
