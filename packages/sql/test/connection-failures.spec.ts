import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, Server, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Attribute, DiffSyncModel, Identifier, Model } from '@diffsync/core';
import { Column, connect, Connection, QueryError, SqlConnectionError } from '@diffsync/sql';
import { withDatabase } from './support';

async function connectError(url: string, options?: Parameters<typeof connect>[1]): Promise<SqlConnectionError> {
  const result = await connect(url, options).then(
    async (db) => {
      await db.close();
      return undefined;
    },
    (e: unknown) => e,
  );
  expect(result).toBeInstanceOf(SqlConnectionError);
  return result as SqlConnectionError;
}

/**
 * Bind-mounts `dir` read-only on itself (Linux, root, mount allowed); returns the undo,
 * or undefined where that is not possible.
 */
function readOnlyBind(dir: string): (() => void) | undefined {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return undefined;
  try {
    execFileSync('mount', ['--bind', dir, dir], { stdio: 'ignore' });
  } catch {
    return undefined;
  }
  const undo = () => execFileSync('umount', [dir], { stdio: 'ignore' });
  try {
    execFileSync('mount', ['-o', 'remount,ro,bind', dir], { stdio: 'ignore' });
  } catch {
    undo();
    return undefined;
  }
  return undo;
}

describe('connect() to SQLite files it cannot use', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'diffsync-sql-open-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('fails at connect, naming the file, for a directory, a missing folder and a file that is not a database', async () => {
    const folder = join(dir, 'a-folder');
    mkdirSync(folder);
    expect((await connectError(`sqlite:${folder}`)).message).toContain(`'${folder}'`);

    const missing = join(dir, 'no-such-folder', 'x.db');
    const missingError = await connectError(`sqlite:${missing}`);
    expect(missingError.message).toContain(`'${missing}'`);
    expect(missingError.message).toMatch(/directory does not exist/);

    const text = join(dir, 'notes.db');
    writeFileSync(text, 'these are notes, not a database\n'.repeat(100));
    const notADb = await connectError(`sqlite:${text}`);
    expect(notADb.message).toContain(`'${text}'`);
    expect(notADb.message).toMatch(/not a database/);
    expect(notADb.cause).toBeDefined();
    expect(readFileSync(text, 'utf8')).toBe('these are notes, not a database\n'.repeat(100));
  });

  it('fails at connect on read-only media', async () => {
    // procfs: the file opens (as an empty database) but nothing can be written there, even as root.
    if (process.platform === 'linux') {
      expect((await connectError('sqlite:/proc/version')).message).toMatch(/Cannot use SQLite database '\/proc\/version'/);
    }
    // A real database on a read-only bind mount.
    const file = join(dir, 'kept.db');
    const db = await connect(`sqlite:${file}`);
    await db.execute('CREATE TABLE t (x integer)');
    await db.execute('INSERT INTO t VALUES (1)');
    await db.close();
    const undo = readOnlyBind(dir);
    if (!undo) {
      console.warn('read-only bind mount not possible here (not root on Linux, or mount refused): only /proc was checked');
      return;
    }
    try {
      const error = await connectError(`sqlite:${file}`);
      expect(error.message).toContain(`'${file}'`);
      expect(error.message).toMatch(/read-only|readonly/);
      expect((await connectError(`sqlite:${join(dir, 'new.db')}`)).message).toContain('new.db');
    } finally {
      undo();
    }
    const again = await connect(`sqlite:${file}`);
    expect(await again.query('SELECT x FROM t')).toEqual([{ x: 1 }]);
    await again.close();
  });

  it('opens a database another connection is writing', async () => {
    const file = join(dir, 'busy.db');
    const writer = await connect(`sqlite:${file}`);
    await writer.execute('CREATE TABLE t (x integer)');
    await writer.transaction(async (tx) => {
      await tx.execute('INSERT INTO t VALUES (1)');
      const reader = await connect(`sqlite:${file}`);
      expect(await reader.query('SELECT count(*) AS n FROM t')).toEqual([{ n: 0 }]);
      await reader.close();
    });
    await writer.close();
  });
});

describe('connect() to a server that never answers', () => {
  let server: Server;
  let port: number;
  const sockets: Socket[] = [];
  beforeAll(async () => {
    server = createServer((socket) => {
      sockets.push(socket); // accept, then say nothing
      socket.on('error', () => undefined);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as { port: number }).port;
  });
  afterAll(async () => {
    for (const s of sockets) s.destroy();
    await new Promise((resolve) => server.close(resolve));
  });

  it.each(['postgresql', 'mysql'])('%s: SqlConnectionError after connectTimeout, without the password', async (scheme) => {
    const url = `${scheme}://someone:s3cr3t-pw@127.0.0.1:${port}/db`;
    const error = await connectError(url, { connectTimeout: 300 });
    expect(error.message).toContain(`${scheme}://someone:***@127.0.0.1:${port}/db`);
    expect(error.message).not.toContain('s3cr3t-pw');
    expect(error.message).toMatch(/time/i);
  });

  it('refuses a PostgreSQL ?schema= name longer than 63 bytes', async () => {
    const error = await connectError(`postgresql://u:pw@127.0.0.1:${port}/db?schema=${encodeURIComponent('é'.repeat(32))}`);
    expect(error.message).toMatch(/64 bytes long; PostgreSQL keeps at most 63 bytes/);
    expect(error.message).not.toContain(':pw@');
  });

  it('refuses a connectTimeout that is not a positive number', async () => {
    expect((await connectError('sqlite::memory:', { connectTimeout: 0 })).message).toMatch(/connectTimeout/);
  });
});

@Model('stream_item')
class Item extends DiffSyncModel {
  @Identifier() @Column({ type: 'integer' }) id!: number;
  @Attribute() @Column({ type: 'text' }) value!: string;
}

describe('a PostgreSQL backend terminated mid-upsert', () => {
  it('gives a QueryError saying the connection was lost, and leaves the table unchanged', async () => {
    await withDatabase('postgresql', async (db: Connection, t) => {
      await db.syncSchema([Item]);
      await db.insert(
        Item,
        Array.from({ length: 100 }, (_, i) => ({ id: i, value: 'before' })),
      );
      const [{ pid }] = await db.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      const admin = await t.connect();
      let terminated = false;
      async function* rows(): AsyncGenerator<{ id: number; value: string }> {
        for (let i = 0; i < 10_000; i++) {
          if (i === 5000) {
            await admin.query('SELECT pg_terminate_backend($1)', [pid]);
            terminated = true;
          }
          yield { id: i, value: 'after' };
        }
      }
      const error = await db.upsert(Item, rows()).catch((e: unknown) => e);
      expect(terminated).toBe(true);
      expect(error).toBeInstanceOf(QueryError);
      expect((error as Error).message).toMatch(/connection to PostgreSQL was lost/);
      expect((error as Error).cause).toBeDefined();
      const after = await admin.query<{ value: string; n: string }>('SELECT value, count(*) AS n FROM stream_item GROUP BY value');
      expect(after.map((r) => [r.value, Number(r.n)])).toEqual([['before', 100]]);
      // The dead connection says so, too.
      await expect(db.query('SELECT 1')).rejects.toThrow(QueryError);
    });
  });
});
