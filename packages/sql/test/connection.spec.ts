import { DiffSyncError } from '@diffsync/core';
import { connect, QueryError, redactUrl, SqlConnectionError } from '@diffsync/sql';
import { DIALECTS, withDatabase } from './support';
import { postgresUrl } from '../../../test-support/services';

describe('connect() URLs and errors', () => {
  it('opens an in-memory SQLite database', async () => {
    const db = await connect('sqlite::memory:');
    expect(db.dialect).toBe('sqlite');
    expect(await db.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
    await db.close();
  });

  it('never prints the password of an unreachable server', async () => {
    const error = await connect('postgresql://postgres:s3cr3t-pw@127.0.0.1:1/test').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SqlConnectionError);
    expect(error).toBeInstanceOf(DiffSyncError);
    expect(String((error as Error).message)).toContain('postgresql://postgres:***@127.0.0.1:1/test');
    expect(String((error as Error).message)).not.toContain('s3cr3t-pw');
    const mysqlError = await connect('mysql://root:s3cr3t-pw@127.0.0.1:1/test').catch((e: unknown) => e);
    expect(mysqlError).toBeInstanceOf(SqlConnectionError);
    expect(String((mysqlError as Error).message)).not.toContain('s3cr3t-pw');
  });

  it('rejects unknown and malformed URLs', async () => {
    await expect(connect('oracle://x:pw@h/db')).rejects.toThrow(SqlConnectionError);
    await expect(connect('oracle://x:pw@h/db')).rejects.not.toThrow(/pw@/);
    await expect(connect('sqlite:')).rejects.toThrow(/names no file/);
    expect(redactUrl('mysql://u:p%40ss@h:3306/db')).toBe('mysql://u:***@h:3306/db');
    expect(redactUrl('sqlite:file.db')).toBe('sqlite:file.db');
  });

  it('reports a missing PostgreSQL schema', async () => {
    await expect(connect(`${postgresUrl()}?schema=no_such_schema_x`)).rejects.toThrow(/schema 'no_such_schema_x' does not exist/);
  });
});

describe.each(DIALECTS)('connection on %s', (dialect) => {
  it('executes, queries, commits and rolls back transactions', async () => {
    await withDatabase(dialect, async (db) => {
      const q = (n: string) => db.sqlDialect.quoteIdentifier(n);
      const p = (i: number) => db.sqlDialect.placeholder(i);
      expect(db.dialect).toBe(dialect);
      await db.execute(`CREATE TABLE ${q('t')} (${q('id')} integer PRIMARY KEY, ${q('v')} varchar(20))`);
      expect(await db.execute(`INSERT INTO ${q('t')} VALUES (${p(1)}, ${p(2)})`, [1, 'a'])).toBe(1);
      await db.transaction(async (tx) => {
        await tx.execute(`INSERT INTO ${q('t')} VALUES (${p(1)}, ${p(2)})`, [2, 'b']);
      });
      await expect(
        db.transaction(async (tx) => {
          await tx.execute(`INSERT INTO ${q('t')} VALUES (${p(1)}, ${p(2)})`, [3, 'c']);
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      // nested: the inner failure rolls back to its savepoint only
      await db.transaction(async (tx) => {
        await tx.execute(`INSERT INTO ${q('t')} VALUES (${p(1)}, ${p(2)})`, [4, 'd']);
        await tx
          .transaction(async (inner) => {
            await inner.execute(`INSERT INTO ${q('t')} VALUES (${p(1)}, ${p(2)})`, [5, 'e']);
            throw new Error('inner');
          })
          .catch(() => undefined);
      });
      const rows = await db.query<{ id: number }>(`SELECT ${q('id')} AS id FROM ${q('t')} ORDER BY ${q('id')}`);
      expect(rows.map((r) => Number(r.id))).toEqual([1, 2, 4]);
    });
  });

  it('turns driver errors into QueryError with the statement and the cause', async () => {
    await withDatabase(dialect, async (db) => {
      const error = await db.query('SELECT * FROM no_such_table_here WHERE 1 = 1').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(QueryError);
      expect(error).toBeInstanceOf(DiffSyncError);
      expect((error as QueryError).statement).toBe('SELECT * FROM no_such_table_here WHERE 1 = 1');
      expect((error as QueryError).message).toContain('no_such_table_here');
      expect((error as Error).cause).toBeDefined();
      const long = `SELECT ${'1 + '.repeat(500)}x FROM nowhere`;
      const longError = (await db.query(long).catch((e: unknown) => e)) as QueryError;
      expect(longError.statement.length).toBeLessThan(long.length);
      expect(longError.statement).toMatch(/chars\)$/);
    });
  });
});
