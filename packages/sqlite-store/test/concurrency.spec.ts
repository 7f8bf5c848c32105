import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Interface as Lines } from 'node:readline';
import { createInterface } from 'node:readline';
import Database from 'better-sqlite3';
import { LocalStore, ObjectStoreException, StoreConflictError } from '@diffsync/core';
import { SCHEMA_VERSION, SqliteStore } from '@diffsync/sqlite-store';
import { Device, Interface, InventoryAdapter, Site } from './models';
import { tempFolder } from './temp-files';

const temp = tempFolder('concurrency');
afterAll(() => temp.cleanup());

const tsRun = join(__dirname, '..', '..', '..', 'test-support', 'ts-run.js');

/** Every row of a storeId as `model uid data`, in insertion order. */
function rows(filename: string, storeId: string): string[] {
  const db = new Database(filename, { readonly: true });
  try {
    const all = db.prepare('SELECT model, uid, data FROM diffsync_objects WHERE store_id = ? ORDER BY seq').all(storeId) as Array<Record<string, string>>;
    return all.map((r) => `${r['model']} ${r['uid']} ${r['data']}`);
  } finally {
    db.close();
  }
}

function versionIn(filename: string, storeId: string): number | undefined {
  const db = new Database(filename, { readonly: true });
  try {
    return db.prepare('SELECT version FROM diffsync_stores WHERE store_id = ?').pluck().get(storeId) as number | undefined;
  } finally {
    db.close();
  }
}

/** Writes the inventory every test starts from (one committed write: version 1). */
async function seed(filename: string, storeId: string): Promise<void> {
  const a = new InventoryAdapter({ store: new SqliteStore({ filename, storeId }) });
  await a.loadInventory({
    ams: { r1: { role: 'spine', interfaces: { eth0: 'uplink', eth1: 'peer' } }, r2: { role: 'leaf', interfaces: { eth0: 'uplink' } } },
  });
  await a.store.close();
}

async function open(filename: string, storeId: string): Promise<InventoryAdapter> {
  return new InventoryAdapter({ store: new SqliteStore({ filename, storeId }) });
}

/** Every interface row whose device row is missing, and every device whose site is missing. */
function orphans(filename: string, storeId: string): string[] {
  const db = new Database(filename, { readonly: true });
  try {
    const data = (model: string) =>
      (db.prepare('SELECT data FROM diffsync_objects WHERE store_id = ? AND model = ?').pluck().all(storeId, model) as string[]).map(
        (d) => JSON.parse(d) as Record<string, unknown>,
      );
    const devices = new Set(data('device').map((d) => d['name']));
    const children = new Set<unknown>(data('site').flatMap((s) => s['devices'] as string[]));
    return [
      ...data('interface')
        .filter((i) => !devices.has(i['deviceName']))
        .map((i) => `interface ${String(i['deviceName'])}__${String(i['name'])}`),
      ...data('device')
        .filter((d) => !children.has(d['name']))
        .map((d) => `device ${String(d['name'])}`),
    ];
  } finally {
    db.close();
  }
}

describe('SqliteStore: two stores on one storeId in one process', () => {
  it('refuses the later flush with StoreConflictError, writes nothing of it, and lets the caller reload and retry', async () => {
    const filename = temp.file('two-stores.sqlite');
    await seed(filename, 'inv');
    const a = await open(filename, 'inv');
    const b = await open(filename, 'inv');
    const storeA = a.store as SqliteStore;
    const storeB = b.store as SqliteStore;
    const [a1, b1] = [await a.get(Device, 'r1'), await b.get(Device, 'r1')];
    expect([storeA.version, storeB.version]).toEqual([1, 1]);

    a1.role = 'edge';
    await a.flush();
    expect(storeA.version).toBe(2);
    expect(versionIn(filename, 'inv')).toBe(2);
    const afterA = rows(filename, 'inv');

    b1.role = 'core';
    await b.add(new Site({ name: 'lon' }));
    const error = await b.flush().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(StoreConflictError);
    expect(error).toBeInstanceOf(ObjectStoreException);
    const conflict = error as StoreConflictError;
    expect(conflict.code).toBe('STORE_CONFLICT');
    expect([conflict.expectedVersion, conflict.actualVersion]).toEqual([1, 2]);
    expect(conflict.message).toContain(`another writer flushed storeId 'inv' after this store read it (this store read version 1, the file is at version 2)`);
    expect(conflict.message).toContain(filename);
    expect(rows(filename, 'inv')).toEqual(afterA);
    expect(versionIn(filename, 'inv')).toBe(2);
    // The refused changes stay pending: flushing again is refused again, and close() says so.
    await expect(b.flush()).rejects.toBeInstanceOf(StoreConflictError);
    await expect(storeB.close()).rejects.toBeInstanceOf(StoreConflictError);

    // A's own writes never conflict with themselves.
    (await a.get(Device, 'r2')).role = 'spine';
    await a.flush();
    expect(storeA.version).toBe(3);

    // Reload and retry: B sees A's changes and its retried flush goes through.
    await storeB.discard();
    expect(storeB.version).toBe(3);
    const again = await b.get(Device, 'r1');
    expect(again).not.toBe(b1);
    expect(again.role).toBe('edge');
    again.role = 'core';
    await b.add(new Site({ name: 'lon' }));
    await b.flush();
    expect(storeB.version).toBe(4);
    await Promise.all([storeA.close(), storeB.close()]);

    const check = await open(filename, 'inv');
    expect((await check.get(Device, 'r1')).role).toBe('core');
    expect((await check.get(Device, 'r2')).role).toBe('spine');
    expect((await check.getAll(Site)).map((s) => s.name)).toEqual(['ams', 'lon']);
    await check.store.close();
  });

  it('checks the version in the one write a store makes, flush(); addMany and queries write nothing', async () => {
    const filename = temp.file('kinds.sqlite');
    await seed(filename, 'inv');
    const a = await open(filename, 'inv');
    const b = await open(filename, 'inv');
    const storeB = b.store as SqliteStore;
    await a.count();
    await b.count();
    await a.add(new Site({ name: 'fra' }));
    await a.flush();
    await b.store.addMany({ objs: [new Site({ name: 'nyc' })] }); // buffered: no write, no conflict yet
    expect(await b.count(Site)).toBe(3); // ams and fra from the file, nyc pending: answered without writing
    expect((await b.getAll(Site)).map((s) => s.name)).toEqual(['ams', 'fra', 'nyc']);
    expect(storeB.version).toBe(1);
    await expect(b.flush()).rejects.toBeInstanceOf(StoreConflictError);
    await expect(b.count()).resolves.toBe(8); // 6 seeded, fra, and the pending nyc
    expect(rows(filename, 'inv').filter((r) => r.startsWith('site '))).toEqual([
      'site ams {"name":"ams","region":"eu","devices":["r1","r2"]}',
      'site fra {"name":"fra","region":"eu","devices":[]}',
    ]);
    await storeB.discard();
    await b.store.addMany({ objs: [new Site({ name: 'nyc' })] });
    await b.flush();
    expect(storeB.version).toBe(3);
    expect(
      rows(filename, 'inv')
        .filter((r) => r.startsWith('site '))
        .map((r) => r.split(' ')[1]),
    ).toEqual(['ams', 'fra', 'nyc']);
    await Promise.all([a.store.close(), b.store.close()]);
  });

  it('does not conflict across storeIds, nor for a store that only reads', async () => {
    const filename = temp.file('separate.sqlite');
    await seed(filename, 'one');
    await seed(filename, 'two');
    const one = await open(filename, 'one');
    const two = await open(filename, 'two');
    const reader = await open(filename, 'one');
    expect((await reader.get(Device, 'r1')).role).toBeDefined(); // reads, changes nothing
    (await one.get(Device, 'r1')).role = 'x';
    (await two.get(Device, 'r1')).role = 'y';
    await one.flush();
    await two.flush();
    await reader.flush(); // nothing to write: no conflict
    await Promise.all([one.store.close(), two.store.close(), reader.store.close()]);
    expect([versionIn(filename, 'one'), versionIn(filename, 'two')]).toEqual([2, 2]);
  });

  it("refuses the reporter's scenario: one writer deletes everything, the other's later sync leaves no orphan", async () => {
    const filename = temp.file('reporter.sqlite');
    await seed(filename, 'inv');
    const deleter = await open(filename, 'inv');
    const syncer = await open(filename, 'inv');
    const source = new InventoryAdapter({ store: new LocalStore() });
    await source.loadInventory({
      ams: {
        r1: { role: 'edge', interfaces: { eth0: 'uplink', eth1: 'peer', eth2: 'new' } },
        r2: { role: 'leaf', interfaces: { eth0: 'uplink', eth9: 'new' } },
      },
    });
    // Both read the same state; the syncer works out its changes from it.
    expect(await syncer.toDict()).toEqual(await deleter.toDict());
    const diff = await syncer.diffFrom(source);
    expect(diff.summary()).toMatchObject({ create: 2, update: 1, delete: 0 });

    // One writer deletes everything and flushes.
    for (const site of await deleter.getAll(Site)) await deleter.remove(site, { removeChildren: true });
    await deleter.flush();
    expect(rows(filename, 'inv')).toEqual([]);

    // The other applies its updates and new children later: its flush is refused.
    await expect(syncer.syncFrom(source, { diff })).rejects.toBeInstanceOf(StoreConflictError);
    expect(rows(filename, 'inv')).toEqual([]);
    expect(orphans(filename, 'inv')).toEqual([]);
    expect(versionIn(filename, 'inv')).toBe(2);

    // Reload and retry: the sync rebuilds the whole inventory from the empty store.
    await (syncer.store as SqliteStore).discard();
    const retried = await syncer.syncFrom(source);
    expect(retried.summary()).toMatchObject({ create: 8, update: 0, delete: 0 });
    expect(orphans(filename, 'inv')).toEqual([]);
    expect((await syncer.diffFrom(source)).hasDiffs()).toBe(false);
    await Promise.all([(deleter.store as SqliteStore).close({ flush: false }), syncer.store.close()]);
    expect(rows(filename, 'inv')).toHaveLength(8);
  });
});

interface Writer {
  child: ChildProcessWithoutNullStreams;
  lines: Lines;
  next(): Promise<Record<string, unknown>>;
}

function startWriter(filename: string, storeId: string, name: string): Writer {
  const child = spawn(process.execPath, [tsRun, join(__dirname, 'fixtures', 'conflicting-writer.ts'), filename, storeId, name]);
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const lines = createInterface({ input: child.stdout });
  const queue: string[] = [];
  const waiting: Array<(line: string) => void> = [];
  lines.on('line', (line) => {
    const w = waiting.shift();
    if (w) w(line);
    else queue.push(line);
  });
  const exited = once(child, 'exit');
  return {
    child,
    lines,
    next: () =>
      new Promise((resolve, reject) => {
        const take = (line: string) => resolve(JSON.parse(line) as Record<string, unknown>);
        const queued = queue.shift();
        if (queued !== undefined) return take(queued);
        waiting.push(take);
        void exited.then(([code]) => reject(new Error(`writer ${name} exited (${String(code)}) before answering: ${stderr}`)));
      }),
  };
}

describe('SqliteStore: two processes writing one storeId', () => {
  it.each([
    ['alpha', 'beta'],
    ['beta', 'alpha'],
  ])('keeps %s (which flushed first) and refuses %s with StoreConflictError', async (first, second) => {
    const filename = temp.file(`processes-${first}.sqlite`);
    await seed(filename, 'inv');
    const before = rows(filename, 'inv');
    const writers = { alpha: startWriter(filename, 'inv', 'alpha'), beta: startWriter(filename, 'inv', 'beta') };
    try {
      // Both read version 1 before either writes.
      expect(await writers.alpha.next()).toEqual({ read: 1, devices: 2 });
      expect(await writers.beta.next()).toEqual({ read: 1, devices: 2 });

      const winner = writers[first as 'alpha'];
      const loser = writers[second as 'beta'];
      winner.child.stdin.write('go\n');
      expect(await winner.next()).toEqual({ ok: 2 });
      loser.child.stdin.write('go\n');
      const refused = (await loser.next())['conflict'] as Record<string, unknown>;
      expect(refused).toMatchObject({ name: 'StoreConflictError', code: 'STORE_CONFLICT', expected: 1, actual: 2 });
      expect(refused['message']).toContain(`storeId 'inv'`);
      await Promise.all([once(winner.child, 'exit'), once(loser.child, 'exit')]);
      expect([winner.child.exitCode, loser.child.exitCode]).toEqual([0, 0]);
    } finally {
      for (const w of Object.values(writers)) if (w.child.exitCode === null) w.child.kill();
    }

    // The file holds exactly the first writer's state on top of the seed.
    expect(versionIn(filename, 'inv')).toBe(2);
    const check = await open(filename, 'inv');
    expect((await check.getAll(Device)).map((d) => [d.name, d.role, d.interfaces])).toEqual([
      ['r1', first, ['r1__eth0', 'r1__eth1', `r1__by-${first}`]],
      ['r2', first, ['r2__eth0', `r2__by-${first}`]],
    ]);
    expect((await check.getAll(Interface)).map((i) => i.getUniqueId())).toEqual(['r1__eth0', 'r1__eth1', 'r2__eth0', `r1__by-${first}`, `r2__by-${first}`]);
    expect(rows(filename, 'inv').filter((r) => r.includes(`by-${second}`) || r.includes(`"role":"${second}"`))).toEqual([]);
    expect(rows(filename, 'inv')).toHaveLength(before.length + 2);
    await check.store.close();
  });
});

describe('SqliteStore schema 3 migration', () => {
  it('opens a file written in schema 2 by the previous release, keeps its objects and versions them from 0', async () => {
    const filename = temp.file('from-v2.sqlite');
    // Written by @diffsync/sqlite-store with SCHEMA_VERSION 2 (two storeIds: inv and other).
    copyFileSync(join(__dirname, 'fixtures', 'schema-v2.sqlite'), filename);
    const a = await open(filename, 'inv');
    const b = await open(filename, 'inv');
    expect((await a.get(Site, 'ams')).devices).toEqual(['r1', 'r2']);
    expect((a.store as SqliteStore).version).toBe(0);
    expect(await b.count()).toBe(3);
    const db = new Database(filename, { readonly: true });
    expect(db.prepare(`SELECT value FROM diffsync_meta WHERE key = 'schema_version'`).pluck().get()).toBe(String(SCHEMA_VERSION));
    expect(db.prepare('SELECT COUNT(*) FROM diffsync_stores').pluck().get()).toBe(0);
    db.close();

    (await a.get(Device, 'r1')).role = 'spine';
    await a.flush();
    (await b.get(Device, 'r2')).role = 'spine';
    await expect(b.flush()).rejects.toMatchObject({ expectedVersion: 0, actualVersion: 1 });
    await Promise.all([a.store.close(), (b.store as SqliteStore).close({ flush: false })]);

    const other = await open(filename, 'other');
    expect((await other.get(Site, 'ams')).region).toBe('us');
    expect((await other.getAll(Device)).map((d) => d.role)).toEqual(['leaf', 'leaf']);
    await other.store.close();
    expect(rows(filename, 'inv')).toEqual([
      'site ams {"name":"ams","region":"eu","devices":["r1","r2"]}',
      'device r1 {"name":"r1","role":"spine","interfaces":[]}',
      'device r2 {"name":"r2","role":"leaf","interfaces":[]}',
    ]);
    expect(versionIn(filename, 'inv')).toBe(1);
  });
});
