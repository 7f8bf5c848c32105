import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DiffElement } from '@diffsync/core';
import { Diff } from '@diffsync/core';
import type { Connection } from '@diffsync/sql';
import type { TestDatabase } from '../../sql/test/support';
import { freshDatabase } from '../../sql/test/support';
import { buildCli, diffsync, makeWorkdir, REPO } from './harness';

jest.setTimeout(180_000);

/** site (parent) and device (child: its key starts with the foreign key to site), plus an unrelated tag table. */
const DDL = [
  'CREATE TABLE site (name VARCHAR(64) NOT NULL, region VARCHAR(64) NOT NULL, opened TIMESTAMP NULL, PRIMARY KEY (name))',
  'CREATE TABLE device (site VARCHAR(64) NOT NULL, name VARCHAR(64) NOT NULL, role VARCHAR(64) NOT NULL, ports INTEGER NULL, ' +
    'PRIMARY KEY (site, name), FOREIGN KEY (site) REFERENCES site (name))',
  'CREATE TABLE tag (id INTEGER NOT NULL, label VARCHAR(64) NOT NULL, PRIMARY KEY (id))',
];

async function fill(db: Connection, side: 'source' | 'target'): Promise<void> {
  for (const statement of DDL) await db.execute(statement);
  if (side === 'source') {
    await db.execute("INSERT INTO site VALUES ('ams', 'eu', '2024-01-02 03:04:05'), ('lon', 'uk', '2023-05-06 07:08:09'), ('nyc', 'us', NULL)");
    await db.execute("INSERT INTO device VALUES ('ams', 'r1', 'spine', 48), ('ams', 'r2', 'leaf', 24), ('lon', 'r5', 'leaf', NULL), ('nyc', 'n1', 'edge', 8)");
    await db.execute("INSERT INTO tag VALUES (1, 'red'), (2, 'green')");
  } else {
    await db.execute("INSERT INTO site VALUES ('ams', 'eu', '2024-01-02 03:04:05'), ('nyc', 'us-east', NULL), ('par', 'fr', NULL)");
    await db.execute("INSERT INTO device VALUES ('ams', 'r1', 'leaf', 48), ('ams', 'r3', 'leaf', 24), ('nyc', 'n1', 'edge', 8), ('par', 'r9', 'spine', NULL)");
    await db.execute("INSERT INTO tag VALUES (1, 'red'), (2, 'blue')");
  }
}

/** `type name action` of every element with an action, at every depth, sorted. */
function changes(json: string): string[] {
  const out: string[] = [];
  const walk = (elements: Iterable<DiffElement>): void => {
    for (const el of elements) {
      if (el.action !== null) out.push(`${el.type} ${el.name} ${el.action}`);
      walk(el.getChildren());
    }
  };
  walk(Diff.fromJSON(json).getChildren());
  return out.sort();
}

async function rows(db: Connection): Promise<unknown[]> {
  return [
    ...(await db.query('SELECT name, region FROM site ORDER BY name')),
    ...(await db.query('SELECT site, name, role, ports FROM device ORDER BY site, name')),
    ...(await db.query('SELECT id, label FROM tag ORDER BY id')),
  ];
}

let cwd: string;
beforeAll(() => buildCli());
beforeEach(() => {
  cwd = mkdtempSync(join(tmpdir(), 'diffsync-urls-'));
});
afterEach(() => rmSync(cwd, { recursive: true, force: true }));

/** A fresh source and target, filled, handed to `fn`, and dropped afterwards. */
async function withPair(
  dialects: ['postgresql' | 'mysql' | 'sqlite', 'postgresql' | 'mysql' | 'sqlite'],
  fn: (source: TestDatabase, target: TestDatabase, db: { source: Connection; target: Connection }) => Promise<void>,
): Promise<void> {
  const source = await freshDatabase(dialects[0]);
  const target = await freshDatabase(dialects[1]);
  try {
    const db = { source: await source.connect(), target: await target.connect() };
    await fill(db.source, 'source');
    await fill(db.target, 'target');
    await fn(source, target, db);
  } finally {
    await source.cleanup();
    await target.cleanup();
  }
}

describe('diffsync diff|plan|sync --from URL --to URL (no config)', () => {
  it('PostgreSQL → MariaDB: exactly the created, updated and deleted rows, parents with their children; sync; then no diff', async () => {
    await withPair(['postgresql', 'mysql'], async (pg, maria, db) => {
      const json = diffsync(cwd, ['diff', '--from', pg.url, '--to', maria.url, '--format', 'json', '--exit-code']);
      expect(json.stderr).toBe('');
      expect(json.code).toBe(1);
      expect(changes(json.stdout)).toEqual([
        'device ams__r1 update',
        'device ams__r2 create',
        'device ams__r3 delete',
        'device lon__r5 create',
        'device par__r9 delete',
        'site lon create',
        'site nyc update',
        'site par delete',
        'tag 2 update',
      ]);
      // Children sit under their parent in the diff.
      const tree = Diff.fromJSON(json.stdout);
      const lon = [...tree.getChildren()].find((e) => e.type === 'site' && e.name === 'lon') as DiffElement;
      expect([...lon.getChildren()].map((e) => `${e.type} ${e.name}`)).toEqual(['device lon__r5']);

      const text = diffsync(cwd, ['diff', '--from', pg.url, '--to', maria.url]);
      expect(text.code).toBe(0);
      expect(text.stdout).toContain(`site: lon MISSING in ${maria.url}`);
      expect(text.stdout).toContain(`site: par MISSING in ${pg.url}`);
      expect(text.stdout).toMatch(/summary: create 3, update 3, delete 3, no-change 3, skip 0\n$/);

      const md = diffsync(cwd, ['diff', '--from', pg.url, '--to', maria.url, '--format', 'markdown']);
      expect(md.stdout).toContain(`## diffsync: ${pg.url} → ${maria.url}`);
      expect(md.stdout).toContain('| `device` | 2 | 1 | 2 | 1 |');
      const html = diffsync(cwd, ['diff', '--from', pg.url, '--to', maria.url, '--format', 'html', '--out', 'report.html']);
      expect(html.code).toBe(0);
      expect(readFileSync(join(cwd, 'report.html'), 'utf8').startsWith('<!DOCTYPE html>')).toBe(true);

      const sync = diffsync(cwd, ['sync', '--from', pg.url, '--to', maria.url, '--quiet']);
      expect(sync.stderr).toBe('');
      expect(sync.code).toBe(0);
      expect(sync.stdout).toMatch(/summary: create 3, update 3, delete 3, no-change 3, skip 0\n$/);
      expect(await rows(db.target)).toEqual(await rows(db.source));

      const again = diffsync(cwd, ['diff', '--from', pg.url, '--to', maria.url, '--exit-code']);
      expect(again.code).toBe(0);
      expect(again.stdout).toBe('(no diffs)\nsummary: create 0, update 0, delete 0, no-change 9, skip 0\n');
    });
  });

  it('--tables: only those tables (a child without its parent is top-level); a table the source lacks is refused (exit 2)', async () => {
    await withPair(['postgresql', 'mysql'], async (pg, maria, db) => {
      const sites = diffsync(cwd, ['diff', '--from', pg.url, '--to', maria.url, '--format', 'json', '--tables', 'site,tag']);
      expect(sites.code).toBe(0);
      expect(changes(sites.stdout)).toEqual(['site lon create', 'site nyc update', 'site par delete', 'tag 2 update']);
      const devices = diffsync(cwd, ['diff', '--from', pg.url, '--to', maria.url, '--format', 'json', '--tables', ' device ']);
      expect(changes(devices.stdout)).toEqual([
        'device ams__r1 update',
        'device ams__r2 create',
        'device ams__r3 delete',
        'device lon__r5 create',
        'device par__r9 delete',
      ]);

      // sync --tables tag touches the tag table only.
      const before = await db.target.query('SELECT name, region FROM site ORDER BY name');
      expect(diffsync(cwd, ['sync', '--from', pg.url, '--to', maria.url, '--tables', 'tag', '-q']).code).toBe(0);
      expect(await db.target.query('SELECT id, label FROM tag ORDER BY id')).toEqual(await db.source.query('SELECT id, label FROM tag ORDER BY id'));
      expect(await db.target.query('SELECT name, region FROM site ORDER BY name')).toEqual(before);

      const missing = diffsync(cwd, ['diff', '--from', pg.url, '--to', maria.url, '--tables', 'site,rack']);
      expect(missing.code).toBe(2);
      expect(missing.stderr).toBe(`diffsync: --tables: the source ${pg.url} has no table 'rack'; its tables are: device, site, tag.\n`);
    });
  });

  it('plan and sync --plan with SQLite files (relative sqlite: paths); a spent plan is refused', async () => {
    await withPair(['sqlite', 'sqlite'], async (source, target, db) => {
      const plan = diffsync(cwd, ['plan', '--from', source.url, '--to', target.url, '--out', 'plan.json', '--exit-code']);
      expect(plan.code).toBe(1);
      expect(plan.stdout).toBe(`plan written to plan.json; summary: create 3, update 3, delete 3, no-change 3, skip 0\n`);
      const apply = diffsync(cwd, ['sync', '--from', source.url, '--to', target.url, '--plan', 'plan.json', '-q']);
      expect(apply.stderr).toBe('');
      expect(apply.code).toBe(0);
      expect(await rows(db.target)).toEqual(await rows(db.source));
      expect(diffsync(cwd, ['diff', '--from', source.url, '--to', target.url, '--exit-code', '-q']).code).toBe(0);
      const spent = diffsync(cwd, ['sync', '--from', source.url, '--to', target.url, '--plan', 'plan.json']);
      expect(spent.code).toBe(4);
      expect(spent.stderr).toContain(`no longer matches the data of ${source.url} -> ${target.url}`);

      // A relative sqlite: path is resolved against the working directory.
      const file = source.url.slice('sqlite:'.length);
      const dir = join(file, '..');
      const relative = diffsync(dir, ['diff', '--from', `sqlite:${file.slice(dir.length + 1)}`, '--to', target.url, '--exit-code']);
      expect(relative.stderr).toBe('');
      expect(relative.code).toBe(0);
    });
  });

  it('--namespace: a PostgreSQL schema against namespace__-prefixed SQLite tables', async () => {
    const pg = await freshDatabase('postgresql');
    const lite = await freshDatabase('sqlite');
    try {
      const source = await pg.connect();
      const target = await lite.connect();
      // The schema is named on the command line, not in the URL.
      const base = pg.url.replace(/\?schema=.*$/, '');
      await source.execute(`CREATE TABLE "${pg.id}".site (name VARCHAR(64) PRIMARY KEY, region VARCHAR(64) NOT NULL)`);
      await source.execute(`INSERT INTO "${pg.id}".site VALUES ('ams', 'eu'), ('lon', 'uk')`);
      await target.execute(`CREATE TABLE "${pg.id}__site" (name VARCHAR(64) PRIMARY KEY, region VARCHAR(64) NOT NULL)`);
      await target.execute(`INSERT INTO "${pg.id}__site" VALUES ('ams', 'eu')`);
      const r = diffsync(cwd, ['diff', '--from', base, '--to', lite.url, '--namespace', pg.id, '--format', 'json']);
      expect(r.stderr).toBe('');
      expect(changes(r.stdout)).toEqual(['site lon create']);
      expect(diffsync(cwd, ['sync', '--from', base, '--to', lite.url, '--namespace', pg.id, '-q']).code).toBe(0);
      expect(await target.query(`SELECT name, region FROM "${pg.id}__site" ORDER BY name`)).toEqual([
        { name: 'ams', region: 'eu' },
        { name: 'lon', region: 'uk' },
      ]);
    } finally {
      await pg.cleanup();
      await lite.cleanup();
    }
  });
});

describe('database URL errors', () => {
  it('a table missing on the target is named, with how to create it (exit 2), before anything is loaded', async () => {
    await withPair(['postgresql', 'mysql'], async (pg, maria, db) => {
      await db.source.execute('CREATE TABLE rack (id INTEGER PRIMARY KEY, site VARCHAR(64))');
      const r = diffsync(cwd, ['sync', '--from', pg.url, '--to', maria.url]);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(
        `diffsync: --to ${maria.url} has no table 'rack', which the source has. Create it on the target first ` +
          '(diffsync schema apply --url TARGET_URL --models MODULE, or the CREATE TABLE of the source), or leave it out with --tables.\n',
      );
      await db.target.execute('CREATE TABLE rack (id INTEGER PRIMARY KEY)');
      const column = diffsync(cwd, ['diff', '--from', pg.url, '--to', maria.url]);
      expect(column.code).toBe(2);
      expect(column.stderr).toContain(`--to ${maria.url}: table 'rack' has no column 'site', which the source has.`);
      // Nothing was written by the refused sync.
      expect(await db.target.query("SELECT name FROM site WHERE name = 'lon'")).toEqual([]);
    });
  });

  it('sync refuses values the target columns would round (exit 2), before anything is written; values that fit sync', async () => {
    await withPair(['postgresql', 'mysql'], async (pg, maria, db) => {
      await db.source.execute('CREATE TABLE reading (id INTEGER PRIMARY KEY, at TIMESTAMP(3), amount NUMERIC(12,4), ratio DOUBLE PRECISION)');
      await db.target.execute('CREATE TABLE reading (id INTEGER PRIMARY KEY, at DATETIME, amount DECIMAL(12,2), ratio FLOAT)');
      await db.source.execute("INSERT INTO reading VALUES (1, '2024-01-01 10:00:00.123', 1.2345, 0.1), (2, '2024-01-01 10:00:00', 1.5, 0.5)");
      const r = diffsync(cwd, ['sync', '--from', pg.url, '--to', maria.url, '--tables', 'reading']);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`--to ${maria.url} would round values the sync writes:`);
      expect(r.stderr).toContain(`table 'reading' column 'at' of reading 1: "2024-01-01T10:00:00.123Z", but it keeps 0 fractional-second digit(s)`);
      expect(r.stderr).toContain(`table 'reading' column 'amount' of reading 1: 1.2345, but it keeps 2 fraction digit(s)`);
      expect(r.stderr).toContain(`table 'reading' column 'ratio' of reading 1: 0.1, but it is a single-precision float`);
      expect(r.stderr).not.toContain('of reading 2');
      expect(await db.target.query('SELECT id FROM reading')).toEqual([]);
      // Row 1 made to fit: the sync goes ahead, and a second diff is empty.
      await db.source.execute("UPDATE reading SET at = '2024-01-01 10:00:01', amount = 1.25, ratio = 0.25 WHERE id = 1");
      const ok = diffsync(cwd, ['sync', '--from', pg.url, '--to', maria.url, '--tables', 'reading', '--quiet']);
      expect(ok.code).toBe(0);
      const again = diffsync(cwd, ['diff', '--from', pg.url, '--to', maria.url, '--tables', 'reading', '--exit-code']);
      expect(again.code).toBe(0);
    });
  });

  it('a source table without a primary key is the SchemaError of modelsFromCatalog (exit 2)', async () => {
    await withPair(['postgresql', 'sqlite'], async (pg, lite, db) => {
      await db.source.execute('CREATE TABLE audit (at TIMESTAMP, note TEXT)');
      const r = diffsync(cwd, ['diff', '--from', pg.url, '--to', lite.url]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`diffsync: --from ${pg.url}: Table 'audit' has no primary key and no unique index`);
      expect(r.stderr).toContain('Or compare the other tables only, with --tables t1,t2.');
      expect(diffsync(cwd, ['diff', '--from', pg.url, '--to', lite.url, '--tables', 'site,device,tag', '-q']).code).toBe(0);
    });
  });

  it('an unreachable database is named without its password (exit 4); a missing SQLite file (exit 2)', async () => {
    const lite = await freshDatabase('sqlite');
    try {
      await lite.connect(); // creates the file
      const down = diffsync(cwd, ['diff', '--from', 'postgresql://app:s3cret@127.0.0.1:1/crm', '--to', lite.url]);
      expect(down.code).toBe(4);
      expect(down.stderr).toContain('postgresql://app:***@127.0.0.1:1/crm');
      expect(down.stderr).not.toContain('s3cret');
      const maria = diffsync(cwd, ['plan', '--from', lite.url, '--to', 'mysql://root:pw9@127.0.0.1:1/crm', '--out', 'p.json']);
      expect(maria.code).toBe(4);
      expect(maria.stderr).toContain('mysql://root:***@127.0.0.1:1/crm');
      expect(maria.stderr).not.toContain('pw9');

      const nofile = diffsync(cwd, ['diff', '--from', 'sqlite:nope.db', '--to', lite.url]);
      expect(nofile.code).toBe(2);
      expect(nofile.stderr).toBe(`diffsync: --from sqlite:nope.db: the SQLite file ${join(cwd, 'nope.db')} does not exist.\n`);
      expect(existsSync(join(cwd, 'nope.db'))).toBe(false);
    } finally {
      await lite.cleanup();
    }
  });

  it('a URL and an adapter name, --tables with adapters, --config with URLs: usage errors (exit 2)', () => {
    const work = makeWorkdir();
    try {
      const mixed = diffsync(work.dir, ['diff', '--from', 'a', '--to', 'sqlite:b.db']);
      expect(mixed.code).toBe(2);
      expect(mixed.stderr).toBe(
        'diffsync: --to is a database URL but --from "a" is not: give two database URLs ' +
          '(postgresql://user@host:5432/db, mysql://user@host:3306/db or sqlite:file.db; no config needed) or two adapter names of the config.\n',
      );
      const tables = diffsync(work.dir, ['diff', '--from', 'a', '--to', 'b', '--tables', 'site']);
      expect(tables.code).toBe(2);
      expect(tables.stderr).toContain('--tables applies to database URLs only');
      const config = diffsync(work.dir, ['sync', '--from', 'sqlite:a.db', '--to', 'sqlite:b.db', '--config', 'diffsync.config.ts']);
      expect(config.code).toBe(2);
      expect(config.stderr).toContain('--config is not read when --from and --to are database URLs');
      const run = diffsync(work.dir, ['run', '--from', 'a', '--to', 'sqlite:b.db', '--redis', 'redis://127.0.0.1:6379', '--partitions', '2']);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('--to: diffsync run takes adapter names of the config, not database URLs');
    } finally {
      work.cleanup();
    }
  });
});

it('docs/cli.md shows the output of a diff between two SQLite files', async () => {
  await withPair(['sqlite', 'sqlite'], async (source, target) => {
    const doc = readFileSync(join(REPO, 'docs', 'cli.md'), 'utf8');
    const block = /<!-- output: diff two databases -->\n```[a-z]*\n([\s\S]*?)```/.exec(doc)?.[1];
    // The docs name the two files crm.db and replica.db.
    const r = diffsync(cwd, ['diff', '--from', source.url, '--to', target.url]);
    expect(r.code).toBe(0);
    const shown = r.stdout.split(source.url).join('sqlite:crm.db').split(target.url).join('sqlite:replica.db');
    expect(block).toBe(`$ diffsync diff --from sqlite:crm.db --to sqlite:replica.db\n${shown}`);
  });
});
