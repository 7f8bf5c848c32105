import Database from 'better-sqlite3';
import { ObjectStoreException } from '@diffsync/core';
import { MIGRATIONS, SCHEMA_VERSION, SqliteStore, SqliteStoreDecodeError, SqliteStoreFileError, ensureSchema } from '@diffsync/sqlite-store';
import { Device, Interface, InventoryAdapter, Site } from './models';
import { tempFolder } from './temp-files';

const temp = tempFolder('persistence');
afterAll(() => temp.cleanup());

function rawRows(file: string, storeId: string): Array<{ model: string; uid: string; data: string }> {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare('SELECT model, uid, data FROM diffsync_objects WHERE store_id = ? ORDER BY seq').all(storeId) as Array<{
      model: string;
      uid: string;
      data: string;
    }>;
  } finally {
    db.close();
  }
}

describe('SqliteStore persistence', () => {
  it('keeps what was written across a restart (write, close, reopen, read)', async () => {
    const filename = temp.file('restart.sqlite');
    const a = new InventoryAdapter({ store: new SqliteStore({ filename, storeId: 'inv' }) });
    await a.loadInventory({ ams: { r1: { role: 'spine', interfaces: { eth0: 'uplink', eth1: 'server' } } }, fra: {} });
    (await a.get(Device, 'r1')).tags = ['core', 'lab'];
    await a.store.close();

    const b = new InventoryAdapter({ store: new SqliteStore({ filename, storeId: 'inv' }) });
    expect((await b.getAll(Site)).map((s) => s.toDict())).toEqual([
      { modelFlags: 0, name: 'ams', region: 'eu', devices: ['r1'] },
      { modelFlags: 0, name: 'fra', region: 'eu', devices: [] },
    ]);
    const r1 = await b.get(Device, 'r1');
    expect(r1).toBeInstanceOf(Device);
    expect(r1.toDict()).toEqual({ modelFlags: 0, name: 'r1', siteName: 'ams', role: 'spine', tags: ['core', 'lab'], interfaces: ['r1__eth0', 'r1__eth1'] });
    expect((await b.getByUids(['r1__eth1', 'r1__eth0'], Interface)).map((i) => i.description)).toEqual(['server', 'uplink']);
    expect(await b.count()).toBe(5);
    await b.store.close();
  });

  it('uses WAL mode and records its schema version in the file', async () => {
    const filename = temp.file('wal.sqlite');
    const store = new SqliteStore({ filename, name: 'inventory', storeId: 'one' });
    expect(String(store)).toBe('inventory (one)');
    await store.count();
    const db = new Database(filename, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.prepare(`SELECT value FROM diffsync_meta WHERE key = 'schema_version'`).pluck().get()).toBe(String(SCHEMA_VERSION));
    db.close();
    await store.close();
    expect(String(new SqliteStore())).toMatch(/^SqliteStore \([0-9a-f-]{36}\)$/);
  });

  it('shares one file between storeIds without mixing their objects', async () => {
    const filename = temp.file('shared.sqlite');
    const a = new InventoryAdapter({ store: new SqliteStore({ filename, storeId: 'a' }) });
    const b = new InventoryAdapter({ store: new SqliteStore({ filename, storeId: 'b' }) });
    await a.add(new Site({ name: 'ams', region: 'eu' }));
    await b.add(new Site({ name: 'ams', region: 'us' }));
    await b.add(new Site({ name: 'nyc', region: 'us' }));
    expect(await a.count()).toBe(1);
    expect(await b.count()).toBe(2);
    expect((await a.get(Site, 'ams')).region).toBe('eu');
    expect((await b.get(Site, 'ams')).region).toBe('us');
    await a.store.close();
    await b.store.close();
    expect(rawRows(filename, 'a').map((r) => r.uid)).toEqual(['ams']);
    expect(rawRows(filename, 'b').map((r) => r.uid)).toEqual(['ams', 'nyc']);
  });

  it('writes changes to handed-out objects at flush, and keeps insertion order through remove and re-add', async () => {
    const filename = temp.file('dirty.sqlite');
    const a = new InventoryAdapter({ store: new SqliteStore({ filename, storeId: 's' }) });
    for (const name of ['a', 'b', 'c']) await a.add(new Site({ name }));
    await a.flush();
    const [siteA] = await a.getAll(Site);
    siteA.region = 'ap';
    await a.remove(await a.get(Site, 'b'));
    await a.add(new Site({ name: 'b', region: 'us' }));
    expect(rawRows(filename, 's').map((r) => (JSON.parse(r.data) as { region: string }).region)).toEqual(['eu', 'eu', 'eu']); // nothing written yet
    await a.flush();
    expect(rawRows(filename, 's').map((r) => [r.uid, (JSON.parse(r.data) as { region: string }).region])).toEqual([
      ['a', 'ap'],
      ['c', 'eu'],
      ['b', 'us'],
    ]);
    await a.store.close();
  });

  it('serialises through the model codec as JSON text', async () => {
    const filename = temp.file('json.sqlite');
    const a = new InventoryAdapter({ store: new SqliteStore({ filename, storeId: 's' }) });
    await a.add(new Device({ name: 'r1', role: 'leaf', tags: ['x'] }));
    await a.store.close();
    expect(rawRows(filename, 's')).toEqual([{ model: 'device', uid: 'r1', data: '{"name":"r1","role":"leaf","tags":["x"],"interfaces":[]}' }]);
  });

  it('names the row it cannot decode', async () => {
    const filename = temp.file('undecodable.sqlite');
    const a = new InventoryAdapter({ store: new SqliteStore({ filename, storeId: 's' }) });
    await a.add(new Site({ name: 'ams' }));
    await a.store.close();
    const db = new Database(filename);
    db.prepare(`UPDATE diffsync_rows SET data = '{"name": "ams", broken' WHERE uid = 'ams'`).run();
    db.close();
    const b = new InventoryAdapter({ store: new SqliteStore({ filename, storeId: 's' }) });
    const error = await b.get(Site, 'ams').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SqliteStoreDecodeError);
    expect(error).toBeInstanceOf(ObjectStoreException);
    expect((error as Error).message).toMatch(/^Cannot decode site ams \(row \d+ of store s in '.*undecodable\.sqlite'\) as Site: /);
    expect((error as Error).cause).toBeInstanceOf(SyntaxError);
    await expect(b.getAll(Site)).rejects.toThrow(SqliteStoreDecodeError);
    await b.store.close();
  });

  it('reads back uids holding quotes, backslashes, control and non-ASCII characters', async () => {
    const filename = temp.file('odd-uids.sqlite');
    const names = ['a"b', 'back\\slash', 'tab\tnew\nline\u0001', 'zürich ✓ 😀', '[1,2]'];
    const a = new InventoryAdapter({ store: new SqliteStore({ filename, storeId: 's' }) });
    for (const name of names) await a.add(new Site({ name }));
    await a.store.close();
    const b = new InventoryAdapter({ store: new SqliteStore({ filename, storeId: 's' }) });
    expect((await b.getAll(Site)).map((s) => s.getUniqueId())).toEqual(names);
    expect((await b.getByUids([names[2], names[0]], Site)).map((s) => s.name)).toEqual([names[2], names[0]]);
    await b.store.close();
  });

  it('refuses a row whose data is more than one JSON value, naming it', async () => {
    const filename = temp.file('two-values.sqlite');
    const a = new InventoryAdapter({ store: new SqliteStore({ filename, storeId: 's' }) });
    await a.add(new Site({ name: 'ams' }));
    await a.store.close();
    const db = new Database(filename);
    db.prepare(`UPDATE diffsync_rows SET data = '{"name":"ams"},{}' WHERE uid = 'ams'`).run();
    db.close();
    const b = new InventoryAdapter({ store: new SqliteStore({ filename, storeId: 's' }) });
    const error = await b.getAll(Site).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SqliteStoreDecodeError);
    expect((error as Error).message).toMatch(/^Cannot decode site ams \(row \d+ of store s in '.*two-values\.sqlite'\) as Site: /);
    expect((error as Error).cause).toBeInstanceOf(SyntaxError);
    await b.store.close();
  });

  it('refuses a file written by a newer schema version', async () => {
    const filename = temp.file('newer.sqlite');
    const first = new SqliteStore({ filename });
    await first.count();
    await first.close();
    const db = new Database(filename);
    db.prepare(`UPDATE diffsync_meta SET value = '99' WHERE key = 'schema_version'`).run();
    db.close();
    const error = await new SqliteStore({ filename }).count().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SqliteStoreFileError);
    expect((error as Error).message).toContain(
      `'${filename}' was written by a newer @diffsync/sqlite-store (schema version 99; this version reads up to ${SCHEMA_VERSION})`,
    );
  });

  it('runs the migrations from an older schema version, once', () => {
    const filename = temp.file('migrate.sqlite');
    const db = new Database(filename);
    ensureSchema(db, filename, [], 1); // a file as the first version of this package wrote it
    const calls: number[] = [];
    const migrations = [
      { from: 1, migrate: (d: Database.Database) => (calls.push(1), d.exec('ALTER TABLE diffsync_objects ADD COLUMN extra TEXT')) },
      { from: 2, migrate: () => calls.push(2) },
    ];
    ensureSchema(db, filename, migrations, 3);
    ensureSchema(db, filename, migrations, 3);
    expect(calls).toEqual([1, 2]);
    expect(db.prepare(`SELECT value FROM diffsync_meta WHERE key = 'schema_version'`).pluck().get()).toBe('3');
    expect(() => ensureSchema(db, filename, [], 4)).toThrow(/has diffsync schema version 3 and no migration from it is known/);
    db.close();
  });

  it('migrates a schema 1 file with the objects of two storeIds, keeping their data and order', async () => {
    const filename = temp.file('from-v1.sqlite');
    const db = new Database(filename);
    db.pragma('journal_mode = WAL');
    ensureSchema(db, filename, [], 1);
    const insert = db.prepare('INSERT INTO diffsync_objects (store_id, model, uid, seq, data) VALUES (?, ?, ?, ?, ?)');
    insert.run('a', 'site', 'fra', 1, '{"name":"fra","region":"eu","devices":["r1"]}');
    insert.run('b', 'site', 'nyc', 2, '{"name":"nyc","region":"us","devices":[]}');
    insert.run('a', 'device', 'r1', 3, '{"name":"r1","siteName":"fra","role":"edge","interfaces":[]}');
    insert.run('a', 'site', 'ams', 4, '{"name":"ams","region":"eu","devices":[]}');
    db.prepare(`UPDATE diffsync_meta SET value = '5' WHERE key = 'next_seq'`).run();
    db.close();

    const a = new InventoryAdapter({ store: new SqliteStore({ filename, storeId: 'a' }) });
    expect((await a.getAll(Site)).map((s) => s.name)).toEqual(['fra', 'ams']);
    expect((await a.get(Device, 'r1')).role).toBe('edge');
    expect([...(await a.getAllModelNames())]).toEqual(['site', 'device']);
    await a.add(new Site({ name: 'lon' }));
    await a.store.close();
    const b = new InventoryAdapter({ store: new SqliteStore({ filename, storeId: 'b' }) });
    expect(await b.count()).toBe(1);
    await b.store.close();

    const check = new Database(filename, { readonly: true });
    expect(check.prepare(`SELECT value FROM diffsync_meta WHERE key = 'schema_version'`).pluck().get()).toBe(String(SCHEMA_VERSION));
    expect(check.prepare(`SELECT type FROM sqlite_master WHERE name = 'diffsync_objects'`).pluck().get()).toBe('view');
    check.close();
    expect(rawRows(filename, 'a')).toEqual([
      { model: 'site', uid: 'fra', data: '{"name":"fra","region":"eu","devices":["r1"]}' },
      { model: 'device', uid: 'r1', data: '{"name":"r1","siteName":"fra","role":"edge","interfaces":[]}' },
      { model: 'site', uid: 'ams', data: '{"name":"ams","region":"eu","devices":[]}' },
      { model: 'site', uid: 'lon', data: '{"name":"lon","region":"eu","devices":[]}' },
    ]);
    expect(MIGRATIONS.map((m) => m.from)).toEqual([1, 2]);
  });
});
