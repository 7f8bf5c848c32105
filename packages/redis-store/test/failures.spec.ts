import { createClient } from 'redis';
import { ObjectStoreException } from '@diffsync/core';
import { RedisStore, RedisStoreDecodeError } from '@diffsync/redis-store';
import { Device, InventoryAdapter, Site } from './models';
import { redisFixture } from './redis-test-support';

const redis = redisFixture('failures');
afterAll(() => redis.cleanup());

async function raw() {
  const client = createClient({ url: redis.url() });
  await client.connect();
  return client;
}

describe('RedisStore with foreign or bad data', () => {
  it('names the key and field of a value that is not a model, in get and getAll', async () => {
    const store = await redis.connect();
    const a = new InventoryAdapter({ store });
    await a.add(new Site({ name: 'ams' }));
    await a.flush();
    const client = await raw();
    await client.hSet(`diffsync:{${store.storeId}}:data:site`, 'junk', '{not json');
    await client.zAdd(`diffsync:{${store.storeId}}:order:site`, { score: 99, value: 'junk' });
    const reader = new InventoryAdapter({ store: await RedisStore.connect({ url: redis.url(), storeId: store.storeId }) });
    await expect(reader.get(Site, 'junk')).rejects.toThrow(RedisStoreDecodeError);
    await expect(reader.get(Site, 'junk')).rejects.toThrow(`Cannot decode field 'junk' of Redis key 'diffsync:{${store.storeId}}:data:site' as Site`);
    await expect(reader.getAll(Site)).rejects.toThrow(ObjectStoreException);
    await client.hSet(`diffsync:{${store.storeId}}:data:site`, 'junk', '[1,2]');
    await expect(reader.get(Site, 'junk')).rejects.toThrow(/the stored JSON is not an object/);
    await client.close();
    await Promise.all([store.close(), reader.store.close()]);
  });

  it('refuses a flush touching a key of the wrong type and writes nothing', async () => {
    const store = await redis.connect();
    const client = await raw();
    await client.set(`diffsync:{${store.storeId}}:order:device`, 'not a sorted set');
    const a = new InventoryAdapter({ store });
    await a.add(new Site({ name: 'ams' }));
    await a.add(new Device({ name: 'r1', role: 'spine' }));
    await expect(a.flush()).rejects.toThrow(RedisStoreDecodeError);
    await expect(a.flush()).rejects.toThrow(`Redis key 'diffsync:{${store.storeId}}:order:device' holds a string, not a zset`);
    expect(await client.exists(`diffsync:{${store.storeId}}:data:site`)).toBe(0);
    expect(await client.exists(`diffsync:{${store.storeId}}:data:device`)).toBe(0);
    // The changes stay pending: once the key is gone the same flush succeeds.
    await client.del(`diffsync:{${store.storeId}}:order:device`);
    await a.flush();
    expect(await client.hLen(`diffsync:{${store.storeId}}:data:site`)).toBe(1);
    expect(await client.hLen(`diffsync:{${store.storeId}}:data:device`)).toBe(1);
    await client.close();
    await store.close();
  });

  it('writes nothing of a batch when one object cannot be serialised', async () => {
    const store = await redis.connect();
    const a = new InventoryAdapter({ store });
    await a.add(new Site({ name: 'ams' }));
    const bad = new Device({ name: 'r1', role: 'spine' });
    (bad as unknown as { tags: unknown }).tags = [10n];
    await a.add(bad);
    await expect(a.flush()).rejects.toThrow(/Cannot serialise device r1 for the Redis store/);
    const client = await raw();
    expect(await client.exists(`diffsync:{${store.storeId}}:data:site`)).toBe(0);
    await a.remove(bad);
    await a.flush();
    expect(await client.hKeys(`diffsync:{${store.storeId}}:data:site`)).toEqual(['ams']);
    await client.close();
    await store.close();
  });

  it('refuses a storeId written in a newer stored format', async () => {
    const storeId = redis.storeId();
    const client = await raw();
    await client.hSet(`diffsync:{${storeId}}:meta`, 'format', '99');
    await expect(RedisStore.connect({ url: redis.url(), storeId })).rejects.toThrow(/stored format 99; this @diffsync\/redis-store reads format 2/);
    await client.close();
  });

  it('refuses an add whose uid another connection stored, without losing the stored object', async () => {
    const first = new InventoryAdapter({ store: await redis.connect() });
    await first.add(new Site({ name: 'ams', region: 'us' }));
    await first.flush();
    const second = new InventoryAdapter({ store: await RedisStore.connect({ url: redis.url(), storeId: (first.store as RedisStore).storeId }) });
    await second.add(new Site({ name: 'fra' })); // probes the model: not empty
    await expect(second.add(new Site({ name: 'ams', region: 'eu' }))).rejects.toThrow(/Object ams already present/);
    await second.flush();
    expect((await second.get(Site, 'ams')).region).toBe('us');
    await Promise.all([first.store.close(), second.store.close()]);
  });
});
