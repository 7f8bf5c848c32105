import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { LocalStore, StoreConflictError } from '@diffsync/core';
import { RedisStore } from '@diffsync/redis-store';
import type { Inventory } from './models';
import { Device, InventoryAdapter, Site } from './models';
import { keyOf, redisFixture } from './redis-test-support';

const redis = redisFixture('concurrency');
afterAll(() => redis.cleanup());

/** 4 sites × 25 devices × 2 interfaces; `role` for every device. */
function inventory(role: string): Inventory {
  const out: Inventory = {};
  for (let s = 0; s < 4; s++) {
    const devices: Inventory[string] = {};
    for (let d = 0; d < 25; d++) devices[`s${s}d${d}`] = { role, interfaces: { eth0: 'up', eth1: 'down' } };
    out[`site${s}`] = devices;
  }
  return out;
}
const before = inventory('leaf');
const updated = inventory('spine');

async function loaded(): Promise<string> {
  const loader = new InventoryAdapter({ store: await redis.connect() });
  await loader.loadInventory(before);
  await loader.store.close();
  return (loader.store as RedisStore).storeId;
}

/**
 * What a new store reads under `storeId`, as toDict(), and what LocalStore holds after
 * loading `before` and syncing from each of `syncs` in turn (undefined: an empty source).
 */
async function readBack(storeId: string, ...syncs: Array<Inventory | undefined>): Promise<[unknown, unknown]> {
  const fresh = new InventoryAdapter({ store: await RedisStore.connect({ url: redis.url(), storeId }) });
  const local = new InventoryAdapter({ store: new LocalStore() });
  await local.loadInventory(before);
  for (const data of syncs) {
    const source = new InventoryAdapter({ store: new LocalStore() });
    if (data) await source.loadInventory(data);
    await local.syncFrom(source);
  }
  const seen = await fresh.toDict();
  await fresh.store.close();
  return [seen, await local.toDict()];
}

async function diffed(storeId: string, data: Inventory | undefined) {
  const target = new InventoryAdapter({ store: await RedisStore.connect({ url: redis.url(), storeId }) });
  const source = new InventoryAdapter({ store: new LocalStore() });
  if (data) await source.loadInventory(data);
  const diff = await target.diffFrom(source);
  return { target, source, diff, sync: () => target.syncFrom(source, { diff }) };
}

describe('RedisStore optimistic concurrency (one storeId, two writers in one process)', () => {
  it.each([
    ['deleting everything', 'updating every device', undefined, updated],
    ['updating every device', 'deleting everything', updated, undefined],
  ])('%s, then %s from the same read: the second flush is refused and writes nothing', async (_first, _second, firstData, secondData) => {
    const storeId = await loaded();
    const first = await diffed(storeId, firstData);
    const second = await diffed(storeId, secondData);
    await first.sync();

    const error = await second.sync().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(StoreConflictError);
    const conflict = error as StoreConflictError;
    expect(conflict.code).toBe('STORE_CONFLICT');
    expect(conflict.message).toContain(`storeId '${storeId}'`);
    expect(conflict.expectedVersion).toEqual(expect.any(String));
    expect(conflict.actualVersion).toEqual(expect.any(String));
    expect(conflict.actualVersion).not.toBe(conflict.expectedVersion);
    expect(conflict.message).toContain(String(conflict.expectedVersion));
    expect(conflict.message).toContain(String(conflict.actualVersion));
    // The first writer's state, whole: no orphan devices, no half-applied sync.
    const [seen, expected] = await readBack(storeId, firstData);
    expect(seen).toEqual(expected);
    // The refused changes stay pending: flushing again is refused again, and writes nothing.
    await expect(second.target.flush()).rejects.toThrow(StoreConflictError);
    expect((await readBack(storeId, firstData))[0]).toEqual(expected);

    // Reload and retry: a new store on the same storeId, diffed again, syncs.
    await (second.target.store as RedisStore).close({ flush: false });
    const retry = await diffed(storeId, secondData);
    await retry.sync();
    const [after, wanted] = await readBack(storeId, firstData, secondData);
    expect(after).toEqual(wanted);
    await Promise.all([first.target.store.close(), retry.target.store.close()]);
  });

  it('a store that read an empty storeId is refused after another writer filled it', async () => {
    const storeId = redis.storeId();
    const a = new InventoryAdapter({ store: await RedisStore.connect({ url: redis.url(), storeId }) });
    const b = new InventoryAdapter({ store: await RedisStore.connect({ url: redis.url(), storeId }) });
    expect(await a.count()).toBe(0);
    expect(await b.count()).toBe(0);
    await a.add(new Site({ name: 'ams', region: 'eu' }));
    await a.flush();
    await b.add(new Site({ name: 'fra' }));
    const error = await b.flush().then(
      () => undefined,
      (e: unknown) => e as StoreConflictError,
    );
    expect(error).toBeInstanceOf(StoreConflictError);
    expect(error?.expectedVersion).toBeUndefined(); // it read no version: the storeId was empty
    expect(error?.message).toContain('read at version none (empty)');
    await (b.store as RedisStore).close({ flush: false });
    const fresh = new InventoryAdapter({ store: await RedisStore.connect({ url: redis.url(), storeId }) });
    expect((await fresh.getAll(Site)).map((site) => site.name)).toEqual(['ams']);
    await Promise.all([a.store.close(), fresh.store.close()]);
  });

  it("a store's own flushes move its version forward; another writer's flush after its read is caught on the next flush", async () => {
    const storeId = await loaded();
    const a = new InventoryAdapter({ store: await RedisStore.connect({ url: redis.url(), storeId }) });
    const b = new InventoryAdapter({ store: await RedisStore.connect({ url: redis.url(), storeId }) });
    for (let i = 0; i < 3; i++) {
      (await a.get(Device, 's0d0')).role = `r${i}`;
      await a.flush();
    }
    // b reads after a's flushes: its version is the current one, so its flush goes through.
    (await b.get(Device, 's1d1')).role = 'b';
    await b.flush();
    // a has not read since: b's flush is news to it.
    (await a.get(Device, 's0d0')).role = 'late';
    await expect(a.flush()).rejects.toThrow(StoreConflictError);
    const fresh = new InventoryAdapter({ store: await RedisStore.connect({ url: redis.url(), storeId }) });
    expect([(await fresh.get(Device, 's0d0')).role, (await fresh.get(Device, 's1d1')).role]).toEqual(['r2', 'b']);
    await Promise.all([(a.store as RedisStore).close({ flush: false }), b.store.close(), fresh.store.close()]);
  });

  it('clear() is not checked, and a writer that read before it is refused afterwards', async () => {
    const storeId = await loaded();
    const a = await diffed(storeId, updated);
    const clearer = await RedisStore.connect({ url: redis.url(), storeId });
    await clearer.clear();
    await expect(a.sync()).rejects.toThrow(StoreConflictError);
    expect((await redis.keys()).filter((k) => k.startsWith(keyOf(storeId, '')))).toEqual([]);
    await Promise.all([(a.target.store as RedisStore).close({ flush: false }), clearer.close()]);
  });
});

// ---- two processes -------------------------------------------------------------------

const tsRun = join(__dirname, '..', '..', '..', 'test-support', 'ts-run.js');

interface Writer {
  child: ChildProcessWithoutNullStreams;
  next(): Promise<Record<string, unknown>>;
  exited: Promise<number | null>;
}

function startWriter(storeId: string, mode: 'delete' | 'update'): Writer {
  const child = spawn(process.execPath, [tsRun, join(__dirname, 'fixtures', 'concurrent-writer.ts'), redis.url(), storeId, mode, JSON.stringify(updated)], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  return {
    child,
    exited,
    async next() {
      const line = await Promise.race([lines.next(), exited.then(() => ({ done: true, value: undefined }))]);
      if (line.done || line.value === undefined) throw new Error(`writer ${mode} (pid ${child.pid}) ended early: ${stderr}`);
      return JSON.parse(line.value) as Record<string, unknown>;
    },
  };
}

describe('RedisStore optimistic concurrency (two Node processes on one storeId)', () => {
  it.each([
    ['delete', 'update'],
    ['update', 'delete'],
  ] as const)('%s flushes first, %s second: one writer’s consistent state, the other gets StoreConflictError', async (firstMode, secondMode) => {
    const storeId = await loaded();
    const first = startWriter(storeId, firstMode);
    const second = startWriter(storeId, secondMode);
    const [readyFirst, readySecond] = await Promise.all([first.next(), second.next()]);
    const summaries = { delete: { create: 0, update: 0, delete: 304 }, update: { create: 0, update: 100, delete: 0 } };
    expect(readyFirst['ready']).toMatchObject({ summary: summaries[firstMode] });
    expect(readySecond['ready']).toMatchObject({ summary: summaries[secondMode] });
    const pids = [(readyFirst['ready'] as { pid: number }).pid, (readySecond['ready'] as { pid: number }).pid];
    expect(new Set([...pids, process.pid]).size).toBe(3);

    first.child.stdin.write('go\n');
    expect((await first.next())['result']).toEqual({ ok: true });
    second.child.stdin.write('go\n');
    const refused = (await second.next())['result'] as Record<string, unknown>;
    expect(refused).toMatchObject({ ok: false, conflict: true, name: 'StoreConflictError', code: 'STORE_CONFLICT' });
    expect(refused['message']).toContain(`storeId '${storeId}'`);
    expect(refused['expected']).not.toEqual(refused['actual']);
    expect(await Promise.all([first.exited, second.exited])).toEqual([0, 0]);

    const [seen, expected] = await readBack(storeId, firstMode === 'delete' ? undefined : updated);
    expect(seen).toEqual(expected);
  });
});
