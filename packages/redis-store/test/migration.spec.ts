// Stores written in stored format 1 (@diffsync/redis-store 0.1, keys diffsync:<storeId>:…)
// are moved to format 2 (diffsync:{<storeId>}:…) when a store connects. The fixture
// layout-v1.json holds the keys that the 0.1 code wrote (dumped from a real run).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createClient } from 'redis';
import { LocalStore } from '@diffsync/core';
import { RedisStore, RedisStoreDecodeError } from '@diffsync/redis-store';
import { Device, Interface, InventoryAdapter, Site } from './models';
import { keyOf, redisFixture } from './redis-test-support';

const redis = redisFixture('migration');
afterAll(() => redis.cleanup());

interface Dump {
  keys: Record<string, { type: 'hash'; value: Record<string, string> } | { type: 'zset'; value: Array<{ value: string; score: number }> }>;
}
const dump = JSON.parse(readFileSync(join(__dirname, 'fixtures', 'layout-v1.json'), 'utf8')) as Dump;

async function raw() {
  const client = createClient({ url: redis.url() });
  await client.connect();
  return client;
}

/** Writes the format-1 keys of the fixture under `storeId`. */
async function writeFormat1(storeId: string): Promise<void> {
  const client = await raw();
  for (const [suffix, entry] of Object.entries(dump.keys)) {
    const key = `diffsync:${storeId}:${suffix}`;
    if (entry.type === 'hash') await client.hSet(key, entry.value);
    else await client.zAdd(key, entry.value);
  }
  await client.close();
}

/** What the 0.1 code had loaded, in LocalStore. */
async function expectedDict(): Promise<unknown> {
  const local = new InventoryAdapter({ store: new LocalStore() });
  await local.loadInventory({
    ams: { r1: { role: 'spine', interfaces: { eth0: 'uplink', 'eth1:0': 'colon in a uid' } }, r2: { role: 'leaf', interfaces: {} } },
    fra: { r3: { role: 'leaf', interfaces: { eth0: 'x' } } },
  });
  (await local.get(Device, 'r1')).tags = ['edge', 'core'];
  return local.toDict();
}

describe('RedisStore migration of stored format 1', () => {
  it('moves every key to diffsync:{storeId}:… on connect, keeping data, order and seq', async () => {
    const storeId = redis.storeId();
    await writeFormat1(storeId);
    const store = await RedisStore.connect({ url: redis.url(), storeId });
    const keys = await redis.keys();
    expect(keys.filter((k) => k.startsWith(`diffsync:${storeId}:`))).toEqual([]);
    expect(keys.filter((k) => k.startsWith(keyOf(storeId, '')))).toEqual(
      Object.keys(dump.keys)
        .map((suffix) => keyOf(storeId, suffix))
        .sort(),
    );
    const client = await raw();
    const meta = await client.hGetAll(keyOf(storeId, 'meta'));
    expect(meta).toMatchObject({ format: '2', seq: '8', flushes: '0' });
    expect(meta['version']).toMatch(/^0-[0-9a-f]{8}$/);
    for (const [suffix, entry] of Object.entries(dump.keys)) {
      if (suffix === 'meta') continue;
      const moved = entry.type === 'hash' ? await client.hGetAll(keyOf(storeId, suffix)) : await client.zRangeWithScores(keyOf(storeId, suffix), 0, -1);
      expect([suffix, moved]).toEqual([suffix, entry.value]);
    }
    await client.close();

    const a = new InventoryAdapter({ store });
    expect(await a.toDict()).toEqual(await expectedDict());
    expect((await a.getAll(Device)).map((d) => d.name)).toEqual(['r1', 'r2', 'r3']);
    expect((await a.getAll(Interface)).map((i) => i.getUniqueId())).toEqual(['r1__eth0', 'r1__eth1:0', 'r3__eth0']);
    // New objects come after the old ones (seq continues).
    await a.add(new Site({ name: 'lon' }));
    await a.flush();
    expect((await a.getAll(Site)).map((s) => s.name)).toEqual(['ams', 'fra', 'lon']);
    await store.close();
  });

  it('two stores connecting at once migrate once and both read the data', async () => {
    const storeId = redis.storeId();
    await writeFormat1(storeId);
    const stores = await Promise.all([0, 1, 2].map(() => RedisStore.connect({ url: redis.url(), storeId })));
    for (const store of stores) expect(await new InventoryAdapter({ store }).count()).toBe(8);
    expect((await redis.keys()).filter((k) => k.startsWith(`diffsync:${storeId}:`))).toEqual([]);
    await Promise.all(stores.map((s) => s.close()));
  });

  it('refuses, moving nothing, when a key of the new layout already exists', async () => {
    const storeId = redis.storeId();
    await writeFormat1(storeId);
    const client = await raw();
    await client.hSet(keyOf(storeId, 'data:site'), 'x', '{}');
    const error = await RedisStore.connect({ url: redis.url(), storeId }).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(error).toBeInstanceOf(RedisStoreDecodeError);
    expect(error?.message).toContain(`cannot migrate storeId '${storeId}' from the stored format 1 layout`);
    expect(error?.message).toContain(`key '${keyOf(storeId, 'data:site')}' of the new layout already exists`);
    expect(await client.exists(Object.keys(dump.keys).map((suffix) => `diffsync:${storeId}:${suffix}`))).toBe(Object.keys(dump.keys).length);
    await client.close();
  });

  it('refuses a storeId with data in both layouts (a 0.1 process wrote after the migration)', async () => {
    const storeId = redis.storeId();
    await writeFormat1(storeId);
    await (await RedisStore.connect({ url: redis.url(), storeId })).close();
    await writeFormat1(storeId);
    await expect(RedisStore.connect({ url: redis.url(), storeId })).rejects.toThrow(
      new RegExp(`storeId '${storeId}' has data in both key layouts: .*Upgrade every process using this storeId`),
    );
  });
});
