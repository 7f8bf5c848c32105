import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ObjectAlreadyExists, ObjectStoreException, UnstorableValueError } from '@diffsync/core';
import { SqliteStore, SqliteStoreFileError, SqliteStoreLockedError } from '@diffsync/sqlite-store';
import { Device, InventoryAdapter, Site } from './models';
import { tempFolder } from './temp-files';

const temp = tempFolder('failures');
afterAll(() => temp.cleanup());

/** Every row of both tables, to compare a file's content before and after. */
function dump(file: string): unknown {
  const db = new Database(file, { readonly: true });
  try {
    return {
      objects: db.prepare('SELECT * FROM diffsync_objects ORDER BY store_id, seq').all(),
      meta: db.prepare('SELECT * FROM diffsync_meta ORDER BY key').all(),
    };
  } finally {
    db.close();
  }
}

/** Makes every insert of a row with uid 'boom' fail, inside the store's transaction. */
function injectFailure(file: string): () => void {
  const db = new Database(file);
  db.exec(`CREATE TRIGGER inject_failure BEFORE INSERT ON diffsync_rows WHEN NEW.uid = 'boom'
           BEGIN SELECT RAISE(ABORT, 'injected failure'); END`);
  return () => {
    db.exec('DROP TRIGGER inject_failure');
    db.close();
  };
}

async function openWithSites(filename: string, names: string[], busyTimeoutMs?: number): Promise<InventoryAdapter> {
  const a = new InventoryAdapter({ store: new SqliteStore({ filename, storeId: 's', busyTimeoutMs }) });
  for (const name of names) await a.add(new Site({ name }));
  await a.flush();
  return a;
}

describe('SqliteStore failures', () => {
  it('rolls a flush of an addMany batch back completely when one insert fails', async () => {
    const filename = temp.file('rollback-many.sqlite');
    const a = await openWithSites(filename, ['ams', 'fra']);
    const before = dump(filename);
    const removeTrigger = injectFailure(filename);
    const batch = ['lon', 'par', 'boom', 'nyc'].map((name) => new Site({ name }));
    await a.store.addMany({ objs: batch }); // buffered, like add()
    expect(dump(filename)).toEqual(before);
    const error = await a.flush().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ObjectStoreException);
    expect((error as Error).message).toMatch(/flush failed: injected failure/);
    expect(dump(filename)).toEqual(before); // lon and par were inserted before the failure: both gone
    expect(await a.count()).toBe(6); // the batch stays pending
    removeTrigger();
    await a.flush();
    const b = new InventoryAdapter({ store: new SqliteStore({ filename, storeId: 's' }) });
    expect((await b.getAll(Site)).map((s) => s.name)).toEqual(['ams', 'fra', 'lon', 'par', 'boom', 'nyc']);
    await Promise.all([a.store.close(), b.store.close()]);
  });

  it('rolls a failed flush back completely and keeps the changes pending for a retry', async () => {
    const filename = temp.file('rollback-flush.sqlite');
    const a = await openWithSites(filename, ['ams']);
    const before = dump(filename);
    const removeTrigger = injectFailure(filename);
    (await a.get(Site, 'ams')).region = 'us'; // a changed handed-out object...
    await a.remove(await a.get(Site, 'ams')); // ...then removed
    for (const name of ['lon', 'boom', 'nyc']) await a.add(new Site({ name }));
    await expect(a.flush()).rejects.toThrow(/flush failed: injected failure/);
    expect(dump(filename)).toEqual(before);
    removeTrigger();
    await a.flush();
    const b = new InventoryAdapter({ store: new SqliteStore({ filename, storeId: 's' }) });
    expect((await b.getAll(Site)).map((s) => s.name)).toEqual(['lon', 'boom', 'nyc']);
    await Promise.all([a.store.close(), b.store.close()]);
  });

  it('names an object that cannot be serialised, and writes nothing of its batch', async () => {
    const filename = temp.file('unserialisable.sqlite');
    const a = await openWithSites(filename, ['ams']);
    const before = dump(filename);
    await a.add(new Site({ name: 'lon' }));
    const bad = new Device({ name: 'r1', role: 'leaf', tags: [BigInt(1) as unknown as string] });
    await a.add(bad);
    await expect(a.flush()).rejects.toThrow(/^Cannot store device "r1": tags\[0\] holds a bigint \(1n\), which JSON cannot carry/);
    await expect(a.flush()).rejects.toBeInstanceOf(UnstorableValueError);
    expect(dump(filename)).toEqual(before);
    bad.tags = ['fixed'];
    await a.flush();
    expect(dump(filename)).toMatchObject({
      objects: [{ uid: 'ams' }, { uid: 'lon' }, { uid: 'r1', data: '{"name":"r1","role":"leaf","tags":["fixed"],"interfaces":[]}' }],
    });
    await a.store.close();
  });

  it('refuses a batch holding a stored uid with ObjectAlreadyExists and writes none of it', async () => {
    const filename = temp.file('duplicate.sqlite');
    const a = await openWithSites(filename, ['ams']);
    await a.store.close();
    const b = new InventoryAdapter({ store: new SqliteStore({ filename, storeId: 's' }) });
    const dup = new Site({ name: 'ams', region: 'us' });
    const error = await b.store.addMany({ objs: [new Site({ name: 'lon' }), dup] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ObjectAlreadyExists);
    expect((error as ObjectAlreadyExists).newObject).toBe(dup);
    expect(((error as ObjectAlreadyExists).existingObject as Site).region).toBe('eu');
    expect(await b.count()).toBe(1);
    await b.store.close();
  });

  it('fails with a clear error naming a file that is not a SQLite database', async () => {
    const filename = temp.file('not-a-database.sqlite');
    writeFileSync(filename, 'these are not the bytes of a SQLite database\n'.repeat(200));
    const store = new SqliteStore({ filename });
    const error = await store.count().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SqliteStoreFileError);
    expect((error as Error).message).toBe(
      `'${filename}' is not a SQLite database or is corrupt (SQLITE_NOTADB: file is not a database); ` +
        'point the store at another file or restore this one from a backup.',
    );
    expect(((error as Error).cause as { code?: string }).code).toBe('SQLITE_NOTADB');
  });

  it('fails with a clear error naming a file it cannot open', async () => {
    const filename = join(temp.dir, 'no', 'such', 'folder', 'store.sqlite');
    await expect(new SqliteStore({ filename }).count()).rejects.toThrow(`Cannot open SQLite file '${filename}'`);
  });

  it('waits for a lock within busyTimeoutMs, then says the file is locked', async () => {
    const filename = temp.file('locked.sqlite');
    const a = await openWithSites(filename, ['ams'], 50);
    const other = new Database(filename);
    other.exec('BEGIN IMMEDIATE'); // another writer holds the write lock
    await a.add(new Site({ name: 'lon' }));
    const error = await a.flush().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SqliteStoreLockedError);
    expect(error).toBeInstanceOf(ObjectStoreException);
    expect((error as Error).message).toMatch(new RegExp(`^SQLite file '.*locked\\.sqlite' is locked by another connection: flush gave up after waiting 50 ms`));
    expect(((error as Error).cause as { code?: string }).code).toBe('SQLITE_BUSY');
    other.exec('ROLLBACK');
    other.close();
    await a.flush(); // the pending add was kept
    expect(dump(filename)).toMatchObject({ objects: [{ uid: 'ams' }, { uid: 'lon' }] });
    await a.store.close();
  });

  it('retries while another process holds the write lock, and succeeds once it is released', async () => {
    const filename = temp.file('locked-by-process.sqlite');
    const patient = await openWithSites(filename, ['ams']);
    const impatient = await openWithSites(filename, [], 50);
    const child = spawn(process.execPath, [join(__dirname, 'fixtures', 'hold-lock.js'), filename, '1500'], { stdio: ['ignore', 'pipe', 'inherit'] });
    const [firstOutput] = (await once(child.stdout, 'data')) as [Buffer];
    expect(firstOutput.toString()).toBe('locked\n');
    await impatient.add(new Site({ name: 'lon' }));
    await expect(impatient.flush()).rejects.toThrow(SqliteStoreLockedError);
    await patient.add(new Site({ name: 'par' }));
    await patient.flush(); // waits (up to the default 5 s) until the other process commits
    const [code] = (await once(child, 'exit')) as [number];
    expect(code).toBe(0);
    await (impatient.store as SqliteStore).close({ flush: false });
    await patient.store.close();
    expect(dump(filename)).toMatchObject({ objects: [{ uid: 'ams' }, { uid: 'par' }] });
  });
});
