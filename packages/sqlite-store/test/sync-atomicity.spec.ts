import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import Database from 'better-sqlite3';
import { Adapter, DiffSyncModel, LocalStore, Model, UnstorableValueError, ValueMap } from '@diffsync/core';
import { SqliteStore } from '@diffsync/sqlite-store';
import { Device, Interface, Inventory, InventoryAdapter, Site } from './models';
import { syncInventory } from './fixtures/sync-inventory';
import { tempFolder } from './temp-files';

const temp = tempFolder('atomicity');
afterAll(() => temp.cleanup());

const tsRun = join(__dirname, '..', '..', '..', 'test-support', 'ts-run.js');

/** Every row of the file (rows, collections, versions, meta), to compare a file before and after. */
function dump(filename: string): unknown {
  const db = new Database(filename, { readonly: true });
  try {
    const all = (table: string, order: string) => db.prepare(`SELECT * FROM ${table} ORDER BY ${order}`).all();
    return {
      rows: all('diffsync_rows', 'coll, uid'),
      collections: all('diffsync_collections', 'id'),
      stores: all('diffsync_stores', 'store_id'),
      meta: all('diffsync_meta', 'key'),
    };
  } finally {
    db.close();
  }
}

function rowCount(filename: string): number {
  const db = new Database(filename, { readonly: true });
  try {
    return db.prepare('SELECT COUNT(*) FROM diffsync_rows').pluck().get() as number;
  } finally {
    db.close();
  }
}

async function sourceOf(inventory: Inventory): Promise<InventoryAdapter> {
  const source = new InventoryAdapter({ name: 'source', store: new LocalStore() });
  await source.loadInventory(inventory);
  return source;
}

async function seeded(filename: string, storeId: string, inventory: Inventory): Promise<void> {
  const target = new InventoryAdapter({ store: new SqliteStore({ filename, storeId }) });
  await target.syncFrom(await sourceOf(inventory));
  await target.store.close();
}

const before: Inventory = {
  ams: { r1: { role: 'spine', interfaces: { eth0: 'uplink', eth1: 'peer' } }, r2: { role: 'leaf', interfaces: { eth0: 'uplink' } } },
  fra: { r3: { role: 'leaf', interfaces: { eth0: 'uplink' } } },
};
const after: Inventory = {
  ams: { r1: { role: 'core', interfaces: { eth0: 'uplink' } } },
  lon: { r4: { role: 'leaf', interfaces: { eth0: 'uplink', eth1: 'peer' } }, r5: { role: 'leaf', interfaces: {} } },
};

describe('SqliteStore: a sync is written whole or not at all', () => {
  it('leaves the file row for row unchanged when the last create of a sync holds a value JSON cannot carry', async () => {
    const filename = temp.file('refused.sqlite');
    await seeded(filename, 'inv', before);
    const unchanged = dump(filename);

    const source = await sourceOf(after);
    (await source.get(Device, 'r5')).tags = [BigInt(7) as unknown as string]; // r5 is the sync's last create
    const store = new SqliteStore({ filename, storeId: 'inv' });
    const target = new InventoryAdapter({ store });
    const error = await target.syncFrom(source).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnstorableValueError);
    expect((error as Error).message).toMatch(/^Cannot store device "r5": tags\[0\] holds a bigint/);
    expect(dump(filename)).toEqual(unchanged); // lon, r4 and its interfaces were created before r5: none written

    // The refused sync's changes stay pending: this store still sees them, and writes none of them.
    expect((await target.getAll(Site)).map((s) => s.name)).toEqual(['ams', 'lon']);
    expect(await target.count()).toBe(8);
    await expect(target.flush()).rejects.toBeInstanceOf(UnstorableValueError);
    await expect(store.close()).rejects.toBeInstanceOf(UnstorableValueError);
    expect(dump(filename)).toEqual(unchanged);
    const fresh = new InventoryAdapter({ store: new SqliteStore({ filename, storeId: 'inv' }) });
    expect((await fresh.diffFrom(await sourceOf(before))).hasDiffs()).toBe(false);
    await fresh.store.close();

    // Fixing the value lets the whole sync be written by one flush.
    (await target.get(Device, 'r5')).tags = ['fixed'];
    await store.close();
    const reread = new InventoryAdapter({ store: new SqliteStore({ filename, storeId: 'inv' }) });
    const expected = await sourceOf(after);
    (await expected.get(Device, 'r5')).tags = ['fixed'];
    expect((await reread.diffFrom(expected)).hasDiffs()).toBe(false);
    await reread.store.close();
  });

  it('answers queries made during a sync from the sync’s own changes, writing none of them', async () => {
    const filename = temp.file('queries.sqlite');
    await seeded(filename, 'inv', before);
    const rowsBefore = rowCount(filename);
    const seen: Array<{ device: string; sites: string[]; devices: number; total: number; rows: number }> = [];

    @Model('device')
    class WatchedDevice extends Device {
      static override async create(adapter: Adapter, ids: ValueMap, attrs: ValueMap): Promise<DiffSyncModel | null> {
        seen.push({
          device: String(ids.name),
          sites: (await adapter.getAll(Site)).map((s) => s.name),
          devices: await adapter.count(WatchedDevice),
          total: await adapter.count(),
          rows: rowCount(filename),
        });
        return super.create(adapter, ids, attrs);
      }
    }
    class WatchedAdapter extends InventoryAdapter {
      static override models = [Site, WatchedDevice, Interface];
    }

    const target = new WatchedAdapter({ store: new SqliteStore({ filename, storeId: 'inv' }) });
    await target.syncFrom(await sourceOf(after));
    // The diff applies ams (r1 updated, its eth1 and r2 with its eth0 removed), then creates
    // lon (r4 with two interfaces, r5), then removes fra: the queries see exactly that much.
    expect(seen).toEqual([
      { device: 'r4', sites: ['ams', 'fra', 'lon'], devices: 2, total: 3 + 2 + 2, rows: rowsBefore },
      { device: 'r5', sites: ['ams', 'fra', 'lon'], devices: 3, total: 3 + 3 + 4, rows: rowsBefore },
    ]);
    expect([...(await target.getAllModelNames())]).toEqual(['site', 'device', 'interface']);
    await target.store.close();
    const reread = new InventoryAdapter({ store: new SqliteStore({ filename, storeId: 'inv' }) });
    expect((await reread.diffFrom(await sourceOf(after))).hasDiffs()).toBe(false);
    expect(await reread.count()).toBe(8);
    await reread.store.close();
  });
});

const SITES = 120; // the killed sync creates 40 sites of 41 objects, updates 80 and deletes 40

interface Run {
  paused: boolean;
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
  atPause: unknown;
}

/** Runs killed-sync.ts; when it says "paused", dumps the file and kills the process with SIGKILL. */
async function runSync(filename: string, pause: 'sync' | 'transaction' | 'flushed' | 'none'): Promise<Run> {
  const child = spawn(process.execPath, [tsRun, join(__dirname, 'fixtures', 'killed-sync.ts'), filename, 'inv', String(SITES), pause]);
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  let paused = false;
  let atPause: unknown;
  for await (const line of createInterface({ input: child.stdout })) {
    if (line !== 'paused') continue;
    paused = true;
    atPause = dump(filename);
    child.kill('SIGKILL');
    break;
  }
  const [code, signal] = await exited;
  return { paused, code, signal, stderr, atPause };
}

describe('SqliteStore: a syncing process killed with SIGKILL', () => {
  let unchanged: unknown; // the seeded file
  let syncedOnce: unknown; // the same file after the sync ran to the end (runs from one start are identical)
  const fileWith = async (name: string) => {
    const filename = temp.file(name);
    await seeded(filename, 'inv', syncInventory('before', SITES));
    return filename;
  };

  beforeAll(async () => {
    const filename = await fileWith('reference.sqlite');
    unchanged = dump(filename);
    const run = await runSync(filename, 'none');
    expect(run).toMatchObject({ paused: false, code: 0, signal: null });
    syncedOnce = dump(filename);
    expect(syncedOnce).not.toEqual(unchanged);
    const reread = new InventoryAdapter({ store: new SqliteStore({ filename, storeId: 'inv' }) });
    expect((await reread.diffFrom(await sourceOf(syncInventory('after', SITES)))).hasDiffs()).toBe(false);
    await reread.store.close();
  }, 60_000);

  it.each([
    ['half-way through applying the diff', 'sync', 'unchanged'],
    ['inside the flush transaction, after half of its inserts', 'transaction', 'unchanged'],
    ['after the flush committed, before close', 'flushed', 'written'],
  ] as const)(
    'leaves the file unchanged or fully written, never partial: killed %s',
    async (_when, pause, outcome) => {
      const filename = await fileWith(`killed-${pause}.sqlite`);
      expect(dump(filename)).toEqual(unchanged);
      const run = await runSync(filename, pause);
      expect(run).toMatchObject({ paused: true, signal: 'SIGKILL' });
      const expected = outcome === 'unchanged' ? unchanged : syncedOnce;
      expect(run.atPause).toEqual(expected); // what other processes saw while it was stopped
      expect(dump(filename)).toEqual(expected); // what is left once it is gone

      // The file is usable: the same sync run again completes (or, once written, finds nothing to do).
      const again = await runSync(filename, 'none');
      expect(again).toMatchObject({ paused: false, code: 0, signal: null });
      expect(dump(filename)).toEqual(syncedOnce);
    },
    60_000,
  );
});
