import { Adapter, Attribute, DiffSyncModel, Identifier, Model } from '@diffsync/core';
import { Column, Connection, QueryError, SqlAdapter, Table } from '@diffsync/sql';
import { createTables, DIALECTS, withDatabase } from './support';

/** Regression tests for issue 15: every value is carried exactly or refused, on every dialect. */

@Model('vrow')
@Table({ name: 'vrows' })
class VRow extends DiffSyncModel {
  @Identifier() @Column({ type: 'varchar', length: 40 }) id!: string;
  @Attribute() @Column({ type: 'text' }) a!: string;
  @Attribute() @Column({ type: 'text' }) b!: string;
  @Attribute() @Column({ type: 'text', nullable: true }) note!: string | null;
  @Attribute() @Column({ type: 'double', nullable: true }) d!: number | null;
  @Attribute() @Column({ type: 'bigint', nullable: true, jsType: 'bigint' }) big!: bigint | null;
  @Attribute() @Column({ type: 'bigint', nullable: true }) small!: number | null;
  @Attribute() @Column({ type: 'decimal', precision: 20, scale: 4, nullable: true, jsType: 'string' }) price!: string | null;
  @Attribute() @Column({ type: 'json', nullable: true }) doc!: unknown;
  @Attribute() @Column({ type: 'timestamp', nullable: true }) at!: Date | null;
}

const BASE = { a: 'a', b: 'b', note: null, d: null, big: null, small: null, price: null, doc: null, at: null };
const row = (id: string, extra: Partial<Record<keyof VRow, unknown>> = {}) => ({ id, ...BASE, ...extra });

class VSource extends Adapter {
  static override models = [VRow];
  static override topLevel = ['vrow'];
}
class VTarget extends SqlAdapter {
  static override models = [VRow];
  static override topLevel = ['vrow'];
}

async function raw(db: Connection): Promise<Array<Record<string, unknown>>> {
  return db.query('SELECT id, a, b FROM vrows ORDER BY id');
}

/** Rejects with a QueryError whose message names the table and the column. */
async function refused(promise: Promise<unknown>, column: string): Promise<QueryError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(QueryError);
  expect((error as Error).message).toContain(`Table 'vrows' column '${column}'`);
  return error as QueryError;
}

/** Writes `objs` through insert and upsert (each dialect's bulk paths), reads them back with select. */
async function roundTrip(db: Connection, objs: Array<Record<string, unknown>>): Promise<VRow[]> {
  await db.execute('DELETE FROM vrows');
  await db.insert(VRow, objs);
  const inserted = await db.select(VRow);
  await db.execute('DELETE FROM vrows');
  await db.upsert(VRow, objs);
  const upserted = await db.select(VRow);
  expect(upserted.map((o) => o.toDict())).toEqual(inserted.map((o) => o.toDict()));
  return inserted;
}

describe.each(DIALECTS)('values on %s', (dialect) => {
  it('refuses an array or object in a text column, and text in a number column, before anything is written (no value moves)', async () => {
    await withDatabase(dialect, async (db) => {
      await createTables(db, [VRow]);
      await db.insert(VRow, [row('row1', { a: 'a1', b: 'b1' }), row('row2', { a: 'a2', b: 'b2' })]);
      const before = await raw(db);
      await refused(db.upsert(VRow, [row('row1', { a: ['a1', 'EXTRA'], b: 'b1' }), row('row2', { a: 'a2x', b: 'b2x' })]), 'a');
      await refused(db.upsert(VRow, [row('row1', { a: { x: 1 } })]), 'a');
      await refused(db.insert(VRow, [row('row3', { b: ['x', 'y'] })]), 'b');
      await refused(db.upsert(VRow, [row('row1', { d: '12' })]), 'd');
      await refused(db.upsert(VRow, [row('row1', { a: 5 })]), 'a');
      await refused(db.upsert(VRow, [row('row1', { a: null })]), 'a');
      expect(await raw(db)).toEqual(before);
    });
  });

  it('loads NULL as null by default, so a sync then a fresh load diffs empty', async () => {
    await withDatabase(dialect, async (db, t) => {
      await createTables(db, [VRow]);
      const source = new VSource();
      await source.add(new VRow(row('n1')));
      await source.add(new VRow(row('n2', { note: 'x', d: 1.5, big: 7n, small: 3, price: '1.2500', doc: { k: [1] }, at: new Date(0) })));
      const target = new VTarget({ connection: db });
      await target.load();
      await target.syncFrom(source);
      const fresh = new VTarget({ connection: await t.connect() });
      await fresh.load();
      expect((await fresh.get(VRow, { id: 'n1' })).note).toBeNull();
      // An unset (undefined) optional attribute in the source is "no value" too.
      const unset = new VRow(row('n3'));
      delete (unset as unknown as Record<string, unknown>).note;
      await source.add(unset);
      await fresh.syncFrom(source);
      const again = new VTarget({ connection: await t.connect() });
      await again.load();
      const diff = await again.diffFrom(source);
      expect(diff.hasDiffs() ? diff.str() : '').toBe('');
    });
  });

  it("still leaves NULL columns unset with nullAs: 'undefined'", async () => {
    await withDatabase(dialect, async (db) => {
      await createTables(db, [VRow]);
      await db.insert(VRow, [row('u1')]);
      const target = new VTarget({ connection: db, nullAs: 'undefined' });
      await target.load();
      const loaded = await target.get(VRow, { id: 'u1' });
      expect(loaded.note).toBeUndefined();
      expect(loaded.a).toBe('a');
    });
  });

  it('refuses to load a timestamp no JS Date holds', async () => {
    await withDatabase(dialect, async (db) => {
      await createTables(db, [VRow]);
      const bad = dialect === 'postgresql' ? "'infinity'" : dialect === 'mysql' ? "'0000-00-00 00:00:00'" : "'not a time'";
      if (dialect === 'mysql') await db.execute("SET SESSION sql_mode = ''");
      await db.execute(`INSERT INTO vrows (id, a, b, at) VALUES ('inf', 'a', 'b', ${bad})`);
      await refused(db.select(VRow), 'at');
    });
  });

  it('carries 17-digit doubles, subnormals and the extremes exactly', async () => {
    await withDatabase(dialect, async (db) => {
      await createTables(db, [VRow]);
      let seed = 15;
      const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
      const values = [
        90.28571428571429,
        5e-324,
        -5e-324,
        2.2250738585072014e-308,
        2.225073858507201e-308,
        Number.MAX_VALUE,
        -Number.MAX_VALUE,
        Number.MIN_VALUE,
        0.1,
        1 / 3,
        0,
        -0,
      ];
      const bits = new DataView(new ArrayBuffer(8));
      while (values.length < 500) {
        bits.setUint32(0, Math.floor(random() * 0x100000000));
        bits.setUint32(4, Math.floor(random() * 0x100000000));
        const v = bits.getFloat64(0);
        if (Number.isFinite(v)) values.push(v);
      }
      const loaded = await roundTrip(
        db,
        values.map((d, i) => row(`d${String(i).padStart(4, '0')}`, { d })),
      );
      const back = loaded.map((o) => o.d);
      for (let i = 0; i < values.length; i++) {
        // PostgreSQL keeps -0; MariaDB and SQLite store it as 0, which the diff counts as equal (-0 === 0).
        if (dialect === 'postgresql') expect(Object.is(back[i], values[i])).toBe(true);
        else expect(back[i] === values[i]).toBe(true);
      }
    });
  });

  it('carries NaN and ±Infinity where the dialect can, and refuses them on MariaDB', async () => {
    await withDatabase(dialect, async (db) => {
      await createTables(db, [VRow]);
      const objs = [row('n', { d: Number.NaN }), row('p', { d: Infinity }), row('q', { d: -Infinity })];
      if (dialect === 'mysql') {
        await refused(db.insert(VRow, objs), 'd');
        await refused(db.upsert(VRow, objs.slice(1)), 'd');
        expect(await raw(db)).toEqual([]);
      } else {
        const loaded = await roundTrip(db, objs);
        expect(loaded.map((o) => o.d)).toEqual([Number.NaN, Infinity, -Infinity]);
      }
    });
  });

  it('loads bigint columns as bigint, refuses a number property beyond 2^53, and keeps decimal text', async () => {
    await withDatabase(dialect, async (db) => {
      await createTables(db, [VRow]);
      const bigs = [2n ** 63n - 1n, -(2n ** 63n), 9007199254740993n, 0n, -1n];
      const loaded = await roundTrip(
        db,
        bigs.map((big, i) => row(`b${i}`, { big, small: 2 ** 53 - 1 - i, price: i === 0 ? '-12345678901.2345' : `${i}.5000` })),
      );
      expect(loaded.map((o) => o.big)).toEqual(bigs);
      expect(loaded.map((o) => o.small)).toEqual(bigs.map((_, i) => 2 ** 53 - 1 - i));
      expect(loaded.map((o) => o.price)).toEqual(['-12345678901.2345', '1.5000', '2.5000', '3.5000', '4.5000']);
      await refused(db.upsert(VRow, [row('x', { small: 2 ** 60 })]), 'small');
      await refused(db.upsert(VRow, [row('x', { big: 2n ** 63n })]), 'big');
      await refused(db.upsert(VRow, [row('x', { price: '1.5' })]), 'price');
      // A value written by someone else that a number property cannot hold: the load is refused, never rounded.
      await db.execute(`UPDATE vrows SET small = big WHERE id = 'b2'`);
      await refused(db.select(VRow), 'small');
    });
  });

  it('holds any JSON value, a top-level string or number and dangerous keys included, and loads it again and again', async () => {
    await withDatabase(dialect, async (db) => {
      await createTables(db, [VRow]);
      const docs: unknown[] = [
        '123',
        '{"a":1}',
        'plain text',
        42,
        -1.5,
        true,
        [],
        {},
        ['x', { y: null }],
        JSON.parse('{"__proto__":{"polluted":1},"constructor":{"prototype":1}}'),
      ];
      for (let pass = 0; pass < 2; pass++) {
        const loaded = await roundTrip(
          db,
          docs.map((doc, i) => row(`j${i}`, { doc })),
        );
        expect(loaded.map((o) => o.doc)).toEqual(docs);
        const proto = loaded[loaded.length - 1].doc as Record<string, unknown>;
        expect(Object.prototype.hasOwnProperty.call(proto, '__proto__')).toBe(true);
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }
      await refused(db.upsert(VRow, [row('bad', { doc: { n: Number.NaN } })]), 'doc');
      await refused(db.upsert(VRow, [row('bad', { doc: new Map() })]), 'doc');
    });
  });

  it('keeps timestamps to the millisecond, far past and future included, or refuses them', async () => {
    await withDatabase(dialect, async (db) => {
      await createTables(db, [VRow]);
      const dates = ['1000-01-01T00:00:00.001Z', '1960-06-30T23:59:59.999Z', '9999-12-31T23:59:59.999Z', '2024-02-29T12:00:00.500Z'].map((s) => new Date(s));
      const far = [new Date('0001-01-01T00:00:00.000Z'), new Date(Date.UTC(-200, 0, 1)), new Date('+012345-06-07T08:09:10.011Z')];
      if (dialect === 'mysql') {
        for (const at of far) await refused(db.upsert(VRow, [row('far', { at })]), 'at');
      } else {
        dates.push(...far);
      }
      const loaded = await roundTrip(
        db,
        dates.map((at, i) => row(`t${i}`, { at })),
      );
      expect(loaded.map((o) => o.at?.getTime())).toEqual(dates.map((d) => d.getTime()));
      await refused(db.upsert(VRow, [row('bad', { at: new Date(Number.NaN) })]), 'at');
    });
  });

  it('refuses lone surrogates (UTF-8 cannot hold them) and carries 4-byte characters and, except on PostgreSQL, NUL', async () => {
    await withDatabase(dialect, async (db) => {
      await createTables(db, [VRow]);
      await refused(db.upsert(VRow, [row('s', { a: 'x\ud800y' })]), 'a');
      await refused(db.upsert(VRow, [row('s', { doc: { k: '\udc00' } })]), 'doc');
      const texts = ['😀 emoji', '', ' trailing ', 'tab\tnew\nline\\back', 'quote\'"'];
      if (dialect === 'postgresql') {
        await refused(db.upsert(VRow, [row('nul', { a: 'a\u0000b' })]), 'a');
        await refused(db.insert(VRow, [row('nul', { b: '\u0000' })]), 'b');
      } else {
        texts.push('a\u0000b');
      }
      const loaded = await roundTrip(
        db,
        texts.map((a, i) => row(`u${i}`, { a })),
      );
      expect(loaded.map((o) => o.a)).toEqual(texts);
    });
  });
});

@Model('brow')
@Table({ name: 'brows' })
class BRow extends DiffSyncModel {
  @Identifier() @Column({ type: 'bigint' }) id!: bigint;
  @Attribute() @Column({ type: 'bigint' }) big!: bigint;
  @Attribute() @Column({ type: 'double' }) d!: number;
  @Attribute() @Column({ type: 'timestamp' }) at!: Date;
  @Attribute() @Column({ type: 'text' }) label!: string;
}

describe.each(DIALECTS)('bigint keys and values on every write path on %s', (dialect) => {
  it('insert (binary COPY / LOAD DATA / multi-row), upsert, partial upsert (UPDATE … FROM), delete', async () => {
    await withDatabase(dialect, async (db) => {
      await createTables(db, [BRow]);
      const at = new Date('2024-01-02T03:04:05.678Z');
      const ids = [2n ** 62n + 1n, -(2n ** 63n), 2n ** 63n - 1n, 9007199254740993n];
      const rows = ids.map((id, i) => new BRow({ id, big: id / 3n, d: 0.1 * i, at, label: `r${i}` }));
      await db.insert(BRow, rows);
      const sorted = [...ids].sort((a, b) => (a < b ? -1 : 1));
      const dump = async () => (await db.select(BRow)).map((o) => [o.id, o.big, o.d, o.at.getTime(), o.label]);
      expect(await dump()).toEqual([...rows].sort((a, b) => (a.id < b.id ? -1 : 1)).map((o) => [o.id, o.big, o.d, at.getTime(), o.label]));
      await db.upsert(
        BRow,
        rows.map((o) => ({ id: o.id, big: o.big + 1n, d: o.d, at, label: o.label })),
      );
      // Only `big` given: `d`, `at` and `label` are NOT NULL without a default, so existing rows take UPDATE … FROM.
      expect((await db.select(BRow)).map((o) => [o.id, o.big])).toEqual(sorted.map((id) => [id, id / 3n + 1n]));
      await db.upsert(
        BRow,
        rows.map((o) => ({ id: o.id, big: o.id / 5n })),
        { columns: ['big'] },
      );
      expect((await db.select(BRow)).map((o) => [o.id, o.big])).toEqual(sorted.map((id) => [id, id / 5n]));
      await db.delete(BRow, [{ id: ids[0] }, { id: ids[3] }]);
      expect((await db.select(BRow)).map((o) => o.id)).toEqual([ids[1], ids[2]]);
    });
  });
});

describe('MariaDB keys', () => {
  it("refuses a key with trailing spaces (PAD SPACE: 'a ' would overwrite row 'a')", async () => {
    await withDatabase('mysql', async (db) => {
      await createTables(db, [VRow]);
      await db.insert(VRow, [row('a', { b: 'kept' })]);
      await refused(db.upsert(VRow, [row('a ', { b: 'moved' })]), 'id');
      await refused(db.insert(VRow, [row('z ', { b: 'x' })]), 'id');
      expect(await raw(db)).toEqual([{ id: 'a', a: 'a', b: 'kept' }]);
    });
  });
});

describe('SQLite timestamp text', () => {
  it("reads SQLite's own CURRENT_TIMESTAMP form ('YYYY-MM-DD HH:MM:SS') as UTC", async () => {
    await withDatabase('sqlite', async (db) => {
      await createTables(db, [VRow]);
      await db.execute(`INSERT INTO vrows (id, a, b, at) VALUES ('c', 'a', 'b', '2024-01-02 03:04:05'), ('d', 'a', 'b', '2024-01-02 03:04:05.678')`);
      const [c, d] = await db.select(VRow);
      expect(c.at?.toISOString()).toBe('2024-01-02T03:04:05.000Z');
      expect(d.at?.toISOString()).toBe('2024-01-02T03:04:05.678Z');
    });
  });
});

describe('MariaDB max_allowed_packet', () => {
  it('refuses a value above the limit naming table, column and limit, and the connection stays usable', async () => {
    await withDatabase('mysql', async (db) => {
      await createTables(db, [VRow]);
      const [{ packet }] = await db.query<{ packet: number | string }>('SELECT @@max_allowed_packet AS packet');
      const limit = Number(packet);
      const huge = 'x'.repeat(limit + 1);
      for (const write of [() => db.upsert(VRow, [row('big', { b: huge })]), () => db.insert(VRow, [row('big', { b: huge })])]) {
        const error = await refused(write(), 'b');
        expect(error.message).toContain(`max_allowed_packet of ${limit} bytes`);
        expect(await db.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
      }
      // Many rows that only together exceed the limit are split into several statements.
      const quarter = 'y'.repeat(Math.floor(limit / 4));
      const many = Array.from({ length: 6 }, (_, i) => row(`m${i}`, { b: quarter }));
      await db.upsert(VRow, many);
      await db.insert(VRow, [row('single', { b: quarter })]);
      const rows = await db.query<{ id: string; n: number }>('SELECT id, LENGTH(b) AS n FROM vrows ORDER BY id');
      expect(rows).toEqual([...many.map((r) => ({ id: r.id, n: quarter.length })), { id: 'single', n: quarter.length }]);
    });
  });

  it('never finishes a transaction in a new session after the connection was lost inside it', async () => {
    await withDatabase('mysql', async (db, t) => {
      await db.execute('CREATE TABLE t1 (id int PRIMARY KEY)');
      const [{ id }] = await db.query<{ id: number | string }>('SELECT CONNECTION_ID() AS id');
      const outcome = await db
        .transaction(async (tx) => {
          await tx.execute('INSERT INTO t1 VALUES (1)');
          await tx.execute(`KILL ${Number(id)}`).catch(() => undefined);
          // Let the server's close reach the client, so the next statement sees a lost session.
          await new Promise((resolve) => setTimeout(resolve, 200));
          await tx.execute('INSERT INTO t1 VALUES (2)');
          await tx.execute('INSERT INTO t1 VALUES (3)');
        })
        .then(
          () => 'committed',
          (e: unknown) => e,
        );
      expect(outcome).toBeInstanceOf(QueryError);
      const other = await t.connect();
      expect(await other.query('SELECT id FROM t1')).toEqual([]);
    });
  });

  it('reopens the session when the server dropped the connection', async () => {
    await withDatabase('mysql', async (db) => {
      const [{ id }] = await db.query<{ id: number | string }>('SELECT CONNECTION_ID() AS id');
      await expect(db.execute(`KILL ${Number(id)}`)).rejects.toThrow();
      // A call racing the server's close may still fail (as a QueryError, never retried: it may have run); the next one reconnects.
      await db.query('SELECT 1 AS one').catch((e: unknown) => expect(e).toBeInstanceOf(QueryError));
      expect(await db.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
      const [{ id: next }] = await db.query<{ id: number | string }>('SELECT CONNECTION_ID() AS id');
      expect(Number(next)).not.toBe(Number(id));
    });
  });
});
