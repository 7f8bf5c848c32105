import type { DiffSyncModel, ModelClass } from '@diffsync/core';
import type { Connection, DialectName } from '@diffsync/sql';
import { connect, defineModel, diffTables, SchemaError, TableDiffError } from '@diffsync/sql';
import type { TestDatabase } from './support';
import { createTables, DIALECTS, freshDatabase } from './support';
import { elementsOf, fullLoadDiff } from './table-diff-support';
import { postgresUrl } from '../../../test-support/services';

jest.setTimeout(120_000);

const PAIRS: Array<[DialectName, DialectName]> = DIALECTS.flatMap((a) => DIALECTS.map((b) => [a, b] as [DialectName, DialectName]));

function itemModel(table: string): ModelClass<DiffSyncModel> {
  return defineModel({
    name: table,
    identifiers: { id: 'integer' },
    attributes: {
      label: { type: 'text', nullable: true },
      big: { type: 'bigint', nullable: true },
      ratio: { type: 'double', nullable: true },
      price: { type: 'decimal', precision: 18, scale: 6, nullable: true },
      active: { type: 'boolean', nullable: true },
      seen: { type: 'timestamp', nullable: true },
      day: { type: 'date', nullable: true },
      meta: { type: 'json', nullable: true },
    },
  });
}

const SPECIAL = [
  {
    id: 1,
    label: 'plain',
    big: 9007199254740991,
    ratio: 0.1 + 0.2,
    price: 1.5,
    active: true,
    seen: new Date('2024-02-29T12:34:56.789Z'),
    day: '2024-02-29',
    meta: { a: 1, b: 'x' },
  },
  { id: 2, label: '', big: -1, ratio: -0, price: 0, active: false, seen: new Date(0), day: '1970-01-01', meta: [] },
  { id: 3, label: null, big: null, ratio: null, price: null, active: null, seen: null, day: null, meta: null },
  {
    id: 7,
    label: 'ünïcödé 😀 𝔘 \u00e9 tab\tnew\nline',
    big: 0,
    ratio: 1e300,
    price: -123456.000001,
    active: true,
    seen: new Date('2099-12-31T23:59:59.999Z'),
    day: '2099-12-31',
    meta: { nested: { deep: [1, 2, { x: null }] } },
  },
  {
    id: 1000,
    label: 'x'.repeat(20_000),
    big: 42,
    ratio: 2 ** -1000,
    price: 1234567.5,
    active: false,
    seen: new Date('2000-01-01T00:00:00.001Z'),
    day: '2000-01-01',
    meta: true,
  },
  {
    id: 1_000_000,
    label: 'gap',
    big: 5,
    ratio: 123456789.12345679,
    price: 0.000001,
    active: true,
    seen: new Date('2030-06-15T08:00:00.5Z'),
    day: '2030-06-15',
    meta: 0,
  },
];

async function setUp(dialect: DialectName, model: ModelClass, rows: readonly Record<string, unknown>[]): Promise<{ t: TestDatabase; db: Connection }> {
  const t = await freshDatabase(dialect);
  const db = await t.connect();
  await createTables(db, [model]);
  if (rows.length > 0)
    await db.insert(
      model,
      rows.map((r) => new model(r)),
    );
  return { t, db };
}

describe('diffTables: equal data gives equal checksums on every pair of dialects', () => {
  it.each(PAIRS)('%s → %s: no difference, no row fetched; then edits found exactly as a full load finds them; repair converges', async (a, b) => {
    const model = itemModel('items');
    const src = await setUp(a, model, SPECIAL);
    const tgt = await setUp(b, model, SPECIAL);
    try {
      const equal = await diffTables(src.db, tgt.db, { table: 'items', model });
      expect(equal.diff.hasDiffs()).toBe(false);
      // JSON is hashed as each engine prints it: PostgreSQL's jsonb text differs from the
      // others', so those segments are fetched (and found equal) across PostgreSQL and another engine.
      const jsonPrintedAlike = a === b || (a !== 'postgresql' && b !== 'postgresql');
      if (jsonPrintedAlike) expect(equal.stats.rowsFetched).toBe(0);
      else expect(equal.stats.rowsFetched).toBeGreaterThan(0);
      expect(equal.stats.sourceRows).toBe(SPECIAL.length);
      expect(equal.stats.targetRows).toBe(SPECIAL.length);

      // Edits on the target: an update of a 17-digit double, a delete, an insert, a NULL.
      await tgt.db.execute(
        `UPDATE ${tgt.db.sqlDialect.quoteIdentifier('items')} SET ${tgt.db.sqlDialect.quoteIdentifier('ratio')} = 0.30000000000000010 WHERE ${tgt.db.sqlDialect.quoteIdentifier('id')} = 1`,
      );
      await tgt.db.delete(model, [{ id: 7 }]);
      await tgt.db.insert(model, [
        new model({ id: 5, label: 'only in target', big: 1, ratio: 1, price: 1, active: true, seen: new Date(5), day: '2001-01-01', meta: {} }),
      ]);
      await tgt.db.upsert(model, [new model({ ...SPECIAL[5], label: null })]);
      const found = await diffTables(src.db, tgt.db, { table: 'items', model, segments: 4, leafRows: 1 });
      const expected = await fullLoadDiff(model, src.db, tgt.db);
      expect(elementsOf(found.diff)).toEqual(elementsOf(expected));
      expect(found.diff.summary()).toMatchObject({ create: 1, update: 2, delete: 1 });

      const repaired = await diffTables(src.db, tgt.db, { table: 'items', model, repair: true });
      expect(elementsOf(repaired.diff)).toEqual(elementsOf(expected));
      const again = await diffTables(src.db, tgt.db, { table: 'items', model });
      expect(again.diff.hasDiffs()).toBe(false);
      if (jsonPrintedAlike) expect(again.stats.rowsFetched).toBe(0);
    } finally {
      await src.t.cleanup();
      await tgt.t.cleanup();
    }
  });
});

describe('diffTables: refusals and failures', () => {
  it('refuses a table without a primary key or unique index, naming it', async () => {
    const t = await freshDatabase('sqlite');
    try {
      const db = await t.connect();
      await db.execute('CREATE TABLE "loose" ("a" INTEGER, "b" TEXT)');
      const attempt = diffTables(db, db, { table: 'loose' });
      await expect(attempt).rejects.toThrow(SchemaError);
      await expect(diffTables(db, db, { table: 'loose' })).rejects.toThrow(/Table 'loose' has no primary key and no unique index/);
    } finally {
      await t.cleanup();
    }
  });

  it('a lost connection mid-diff is a clear error and the target is left untouched', async () => {
    jest.setTimeout(30_000);
    const model = itemModel('items');
    const rows = Array.from({ length: 2000 }, (_, i) => ({
      id: i + 1,
      label: `row ${i}`,
      big: i,
      ratio: i / 3,
      price: i,
      active: i % 2 === 0,
      seen: new Date(i * 1000),
      day: '2020-01-01',
      meta: { i },
    }));
    const src = await setUp('postgresql', model, rows);
    const tgt = await setUp(
      'sqlite',
      model,
      rows.map((r) => (r.id % 10 === 0 ? { ...r, label: 'changed' } : r)),
    );
    const admin = await connect(postgresUrl());
    try {
      const [{ pid }] = await src.db.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      let killed = false;
      const attempt = diffTables(src.db, tgt.db, {
        table: 'items',
        repair: true,
        leafRows: 4,
        onProgress: async () => {
          if (killed) return;
          killed = true;
          await admin.query('SELECT pg_terminate_backend($1)', [pid]);
        },
      });
      await expect(attempt).rejects.toThrow(TableDiffError);
      await expect(attempt).rejects.toThrow(/failed on the source \(postgresql\)[\s\S]*Nothing was written to the target/);
      const changed = await tgt.db.query<{ n: number }>(`SELECT COUNT(*) AS n FROM "items" WHERE "label" = 'changed'`);
      expect(Number(changed[0].n)).toBe(200);
    } finally {
      await admin.close();
      await src.t.cleanup().catch(() => undefined);
      await tgt.t.cleanup();
    }
  });
});

describe('diffTables options', () => {
  it('threads (URLs, several connections per side), where, columns, key and targetTable', async () => {
    const model = itemModel('items');
    const rows = Array.from({ length: 3000 }, (_, i) => ({
      id: i * 7,
      label: `r${i}`,
      big: i,
      ratio: i / 9,
      price: i / 4,
      active: i % 2 === 0,
      seen: new Date(i * 1000),
      day: '2020-01-01',
      meta: { i },
    }));
    const src = await setUp('postgresql', model, rows);
    const tgt = await setUp(
      'mysql',
      itemModel('items_copy'),
      rows.map((r) => (r.id % 70 === 0 ? { ...r, label: 'changed', ratio: -1 } : r.id % 91 === 0 ? { ...r, price: 0 } : r)),
    );
    try {
      const copy = itemModel('items_copy');
      await tgt.db.delete(copy, [{ id: 7 }]);
      const threaded = await diffTables(src.t.url, tgt.t.url, { table: 'items', targetTable: 'items_copy', model, threads: 3, leafRows: 8 });
      const expected = await fullLoadDiff(
        model,
        src.db,
        await (async () => {
          // the target's rows read as `items` (same columns) through a scratch copy of its table name
          const scratch = await freshDatabase('mysql');
          const db = await scratch.connect();
          await createTables(db, [model]);
          await db.insert(
            model,
            (await tgt.db.select(copy)).map((r) => new model({ ...(r as unknown as Record<string, unknown>) })),
          );
          cleanups.push(() => scratch.cleanup());
          return db;
        })(),
      );
      expect(elementsOf(threaded.diff)).toEqual(elementsOf(expected));
      expect(threaded.diff.summary()).toMatchObject({ create: 1, update: 300 + 231 - 24 }); // ids 70·k, 91·k, both 910·k

      // Only some columns, only some rows: the catalog-built model keeps the key and those columns.
      const some = await diffTables(src.db, tgt.db, { table: 'items', targetTable: 'items_copy', columns: ['label'], where: 'id < 1000' });
      expect(some.stats.sourceRows).toBe(143);
      expect(
        [...some.diff.getChildren()]
          .filter((e) => e.hasDiffs())
          .map((e) => e.name)
          .sort(),
      ).toEqual(['0', '140', '210', '280', '350', '420', '490', '560', '630', '7', '70', '700', '770', '840', '910', '980'].sort());
      // A key given explicitly, one column compared.
      const byKey = await diffTables(src.db, tgt.db, { table: 'items', targetTable: 'items_copy', key: ['id'], columns: ['price'] });
      expect(byKey.diff.summary()).toMatchObject({ create: 1, update: 231 - 24 }); // 910·k rows got the other edit
    } finally {
      for (const c of cleanups.splice(0)) await c();
      await src.t.cleanup();
      await tgt.t.cleanup();
    }
  });
});

const cleanups: Array<() => Promise<void>> = [];

describe('diffTables with enum lookup tables', () => {
  it.each([
    ['postgresql', 'sqlite'],
    ['mysql', 'postgresql'],
  ] as Array<[DialectName, DialectName]>)('%s → %s: values, not lookup ids, are compared', async (a, b) => {
    const model = defineModel({ name: 'gear', identifiers: { id: 'integer' }, attributes: { role: { enum: ['spine', 'leaf', 'edge'], enumAs: 'lookup' } } });
    const src = await freshDatabase(a);
    const tgt = await freshDatabase(b);
    try {
      const s = await src.connect();
      const t = await tgt.connect();
      await s.syncSchema([model]);
      await t.syncSchema([model]);
      await s.insert(
        model,
        [1, 2, 3, 4].map((id) => new model({ id, role: ['spine', 'leaf', 'edge', 'leaf'][id - 1] })),
      );
      await t.insert(
        model,
        [1, 2, 3, 5].map((id) => new model({ id, role: ['spine', 'edge', 'edge', 'spine'][id > 4 ? 3 : id - 1] })),
      );
      const found = await diffTables(s, t, { table: 'gear', model });
      expect(elementsOf(found.diff)).toEqual(elementsOf(await fullLoadDiff(model, s, t)));
      expect(found.diff.summary()).toMatchObject({ create: 1, update: 1, delete: 1 });
    } finally {
      await src.cleanup();
      await tgt.cleanup();
    }
  });
});

describe('diffTables session settings', () => {
  it('runs PostgreSQL without parallel workers and with room for the GROUP BY, MariaDB with in-memory temporary tables, and puts back what it found', async () => {
    const model = itemModel('items');
    const rows = Array.from({ length: 500 }, (_, i) => ({
      id: i * 3,
      label: `r${i}`,
      big: i,
      ratio: i / 3,
      price: i,
      active: true,
      seen: new Date(i),
      day: '2020-01-01',
      meta: null,
    }));
    const src = await setUp('postgresql', model, rows);
    const tgt = await setUp('mysql', model, rows.slice(1));
    const pgSettings = async () =>
      (await src.db.query<{ w: string; p: string }>(`SELECT current_setting('work_mem') AS w, current_setting('max_parallel_workers_per_gather') AS p`))[0];
    const myHeap = async () => Number((await tgt.db.query<{ h: unknown }>('SELECT @@SESSION.max_heap_table_size AS h'))[0].h);
    try {
      await src.db.execute(`SET work_mem = '1MB'`);
      await src.db.execute('SET max_parallel_workers_per_gather = 3');
      await tgt.db.execute('SET SESSION max_heap_table_size = 1048576');
      const during: Array<{ w: string; p: string; heap: number }> = [];
      const result = await diffTables(src.db, tgt.db, {
        table: 'items',
        model,
        onProgress: async () => {
          during.push({ ...(await pgSettings()), heap: await myHeap() });
        },
      });
      expect(result.diff.summary()).toMatchObject({ create: 1 });
      expect(during.length).toBeGreaterThan(0);
      expect(during[0]).toEqual({ w: '64MB', p: '0', heap: 64 * 1024 * 1024 });
      expect(await pgSettings()).toEqual({ w: '1MB', p: '3' });
      expect(await myHeap()).toBe(1048576);

      // serverParallel keeps PostgreSQL's parallel workers; work_mem is still raised.
      const parallel: Array<{ w: string; p: string }> = [];
      await diffTables(src.db, tgt.db, {
        table: 'items',
        model,
        serverParallel: true,
        onProgress: async () => {
          parallel.push(await pgSettings());
        },
      });
      expect(parallel[0]).toEqual({ w: '64MB', p: '3' });
      expect(await pgSettings()).toEqual({ w: '1MB', p: '3' });
    } finally {
      await src.t.cleanup();
      await tgt.t.cleanup();
    }
  });
});

describe('diffTables on catalog models: 64-bit integers and wide decimals load exactly', () => {
  const DDL: Record<DialectName, string> = {
    postgresql: 'CREATE TABLE wide (id bigint PRIMARY KEY, big bigint, dec numeric(30,10), small numeric(10,2), free numeric)',
    mysql: 'CREATE TABLE wide (id bigint PRIMARY KEY, big bigint, `dec` decimal(30,10), small decimal(10,2), free decimal(65,30))',
    sqlite: 'CREATE TABLE wide (id BIGINT PRIMARY KEY, big BIGINT, dec NUMERIC(30,10), small NUMERIC(10,2), free NUMERIC)',
  };
  it.each([
    ['postgresql', 'mysql'],
    ['mysql', 'postgresql'],
  ] as Array<[DialectName, DialectName]>)('%s → %s: a difference past 2^53 or past 15 digits is found, and repair converges', async (a, b) => {
    const src = await freshDatabase(a);
    const tgt = await freshDatabase(b);
    try {
      const s = await src.connect();
      const t = await tgt.connect();
      await s.execute(DDL[a]);
      await t.execute(DDL[b]);
      const q = (db: Connection) => (n: string) => db.sqlDialect.quoteIdentifier(n);
      const insert = async (db: Connection, rows: string[]) => {
        const cols = ['id', 'big', 'dec', 'small', 'free'].map(q(db)).join(', ');
        for (const r of rows) await db.execute(`INSERT INTO wide (${cols}) VALUES (${r})`);
      };
      await insert(s, [
        '9007199254740993, 9007199254740993, 12345678901234567.1234567891, 12345678.25, 1.5',
        '1, -9223372036854775808, 0.0000000001, 0, 2',
        '2, 9223372036854775807, 1, 1, 3',
      ]);
      await insert(t, [
        '9007199254740993, 9007199254740992, 12345678901234567.1234567891, 12345678.25, 1.5',
        '1, -9223372036854775808, 0.0000000002, 0, 2',
        '2, 9223372036854775807, 1, 1, 3',
      ]);
      const [Wide] = await s.models({ tables: ['wide'] });
      const loaded = (await s.select(Wide)).map((r) => r as unknown as Record<string, unknown>).find((r) => r.id === 9007199254740993n);
      expect(loaded).toMatchObject({ id: 9007199254740993n, big: 9007199254740993n, dec: '12345678901234567.1234567891', small: 12345678.25 });
      expect(typeof loaded?.free).toBe('string');

      const found = await diffTables(s, t, { table: 'wide' });
      expect(found.diff.str()).toContain('big    source(9007199254740993)    target(9007199254740992)');
      expect(found.diff.str()).toContain('dec    source(0.0000000001)    target(0.0000000002)');
      expect(found.diff.summary()).toMatchObject({ create: 0, update: 2, delete: 0 });
      expect(
        [...found.diff.getChildren()]
          .filter((e) => e.hasDiffs())
          .map((e) => e.name)
          .sort(),
      ).toEqual(['1', '9007199254740993']);
      // The diff's JSON form carries the 64-bit values exactly.
      const json = JSON.stringify(found.diff.toJSON());
      expect(json).toContain('{"$bigint":"9007199254740993"}');

      const repaired = await diffTables(s, t, { table: 'wide', repair: true });
      expect(repaired.diff.summary().update).toBe(2);
      const again = await diffTables(s, t, { table: 'wide' });
      expect(again.diff.hasDiffs()).toBe(false);
      const rows = await t.query<{ big: unknown }>(`SELECT ${q(t)('big')} AS big FROM wide WHERE id = 9007199254740993`);
      expect(String(rows[0].big)).toBe('9007199254740993');
    } finally {
      await src.cleanup();
      await tgt.cleanup();
    }
  });
});

describe('diffTables repair refuses values the target would round', () => {
  it('names each column, row and value and writes nothing; the diff alone still runs; rows that fit repair', async () => {
    const src = await freshDatabase('postgresql');
    const tgt = await freshDatabase('mysql');
    try {
      const s = await src.connect();
      const t = await tgt.connect();
      await s.execute('CREATE TABLE reading (id INTEGER PRIMARY KEY, at TIMESTAMP(6), amount NUMERIC(20,4), ratio DOUBLE PRECISION, free NUMERIC)');
      await t.execute('CREATE TABLE reading (id INTEGER PRIMARY KEY, at DATETIME(0), amount DECIMAL(10,2), ratio FLOAT, free DECIMAL(65,30))');
      await s.execute("INSERT INTO reading VALUES (1, '2024-01-01 10:00:00.123456', 12.2345, 0.1, 1.5), (2, '2024-01-01 10:00:00', 12345678901.5, 0.5, 2)");
      const refused = await diffTables(s, t, { table: 'reading', repair: true }).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(SchemaError);
      const message = (refused as Error).message;
      expect(message).toContain("repair would round values in table 'reading' on the target (mysql)");
      expect(message).toContain("column 'at' of 1 holds 2024-01-01T10:00:00.123Z, but it keeps 0 fractional-second digit(s)");
      expect(message).toContain("column 'amount' of 1 holds '12.2345', but it keeps 2 fraction digit(s)");
      expect(message).toContain("column 'ratio' of 1 holds 0.1, but it is a single-precision float");
      expect(message).toContain("column 'amount' of 2 holds '12345678901.5', but it holds 8 integer digit(s)");
      expect(message).not.toContain("'free'");
      expect(await t.query('SELECT id FROM reading')).toEqual([]);
      const compared = await diffTables(s, t, { table: 'reading' });
      expect(compared.diff.summary().create).toBe(2);
      // The values made to fit: the repair goes ahead and a second diff is empty.
      await s.execute("UPDATE reading SET at = '2024-01-01 10:00:01', amount = 12.25, ratio = 0.25 WHERE id = 1");
      await s.execute('UPDATE reading SET amount = 1.5 WHERE id = 2');
      const repaired = await diffTables(s, t, { table: 'reading', repair: true });
      expect(repaired.diff.summary().create).toBe(2);
      expect((await diffTables(s, t, { table: 'reading' })).diff.hasDiffs()).toBe(false);
    } finally {
      await src.cleanup();
      await tgt.cleanup();
    }
  });
});

describe('diffTables refines mismatched integer buckets before fetching', () => {
  it.each([
    ['postgresql', 'mysql'],
    ['mysql', 'sqlite'],
  ] as Array<[DialectName, DialectName]>)('%s → %s: scattered edits found exactly as a full load finds them, fetching a few rows each', async (a, b) => {
    const model = itemModel('items');
    const rows = Array.from({ length: 6000 }, (_, i) => ({
      id: i * 3 + 1,
      label: `r${i}`,
      big: i,
      ratio: i / 7,
      price: i / 8,
      active: i % 2 === 0,
      seen: new Date(1_600_000_000_000 + i * 1000),
      day: '2020-01-01',
      meta: null,
    }));
    const edited = rows
      .filter((r) => r.id % 997 !== 1) // about 6 deleted on the target
      .map((r) => (r.id % 613 === 1 ? { ...r, label: `${r.label}!` } : r.id % 1409 === 0 ? { ...r, ratio: -r.ratio } : r));
    edited.push({ ...rows[0], id: 2 }, { ...rows[0], id: 9_000 }); // two rows only the target has (in gaps)
    const src = await setUp(a, model, rows);
    const tgt = await setUp(b, model, edited);
    try {
      const found = await diffTables(src.db, tgt.db, { table: 'items', model });
      const expected = await fullLoadDiff(model, src.db, tgt.db);
      expect(elementsOf(found.diff)).toEqual(elementsOf(expected));
      const s = found.diff.summary();
      expect(s.update + s.create + s.delete).toBeGreaterThan(15);
      // Whole buckets hold about 32 rows; refined, each difference costs a few rows per side.
      expect(found.stats.rowsFetched).toBeLessThan((s.update + s.create + s.delete) * 2 * 8);
      await diffTables(src.db, tgt.db, { table: 'items', model, repair: true });
      expect((await diffTables(src.db, tgt.db, { table: 'items', model })).diff.hasDiffs()).toBe(false);
    } finally {
      await src.t.cleanup();
      await tgt.t.cleanup();
    }
  });
});
