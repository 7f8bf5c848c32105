import { createClient } from 'redis';
import { InvalidArgumentError, ObjectStoreException } from '@diffsync/core';
import type { RedisClientLike } from '@diffsync/redis-store';
import { RedisStore, RedisStoreUnavailableError } from '@diffsync/redis-store';
import { Site, InventoryAdapter } from './models';
import { redisFixture } from './redis-test-support';

const redis = redisFixture('connect');
afterAll(() => redis.cleanup());

describe('RedisStore.connect', () => {
  it("refuses 'url' and 'host' together, and a client with either", async () => {
    await expect(RedisStore.connect({ url: redis.url(), host: '127.0.0.1' })).rejects.toThrow(InvalidArgumentError);
    await expect(RedisStore.connect({ url: redis.url(), host: '127.0.0.1' })).rejects.toThrow("'url' and 'host' arguments can't be specified together.");
    const client = createClient({ url: redis.url() });
    await expect(RedisStore.connect({ client: client as unknown as RedisClientLike, host: 'x' })).rejects.toThrow(/'client' can't be specified/);
  });

  it('refuses malformed options with messages naming them', async () => {
    await expect(RedisStore.connect({ url: 'http://127.0.0.1' })).rejects.toThrow(/'url' must start with redis:\/\//);
    await expect(RedisStore.connect({ host: '127.0.0.1', port: 70000 })).rejects.toThrow(/'port' must be a whole number/);
    await expect(RedisStore.connect({ host: '127.0.0.1', db: -1 })).rejects.toThrow(/'db' must be a whole number/);
    await expect(RedisStore.connect({ url: redis.url(), storeId: '' })).rejects.toThrow(/'storeId' must be a non-empty string/);
  });

  it('throws "Redis store is unavailable." with the driver error as cause when nothing listens', async () => {
    const error = await RedisStore.connect({ host: '127.0.0.1', port: 1, connectTimeoutMs: 2000 }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(RedisStoreUnavailableError);
    expect(error).toBeInstanceOf(ObjectStoreException);
    expect((error as Error).message).toMatch(/^Redis store is unavailable\. Could not reach redis:\/\/127\.0\.0\.1:1\/0/);
    expect((error as Error).cause).toBeInstanceOf(Error);
  });

  it('never prints the password of the url', async () => {
    const error = await RedisStore.connect({ url: 'redis://admin:s3cret@127.0.0.1:1', connectTimeoutMs: 2000 }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(RedisStoreUnavailableError);
    expect((error as Error).message).toContain('redis://admin:***@127.0.0.1:1');
    expect((error as Error).message).not.toContain('s3cret');
  });

  it('connects by host, port and db, and names itself "name (storeId)"', async () => {
    const { hostname, port } = new URL(redis.url());
    const store = await RedisStore.connect({ host: hostname, port: Number(port), db: 0, storeId: redis.storeId(), name: 'inventory' });
    expect(String(store)).toBe(`inventory (${store.storeId})`);
    const defaultName = await redis.connect();
    expect(String(defaultName)).toBe(`RedisStore (${defaultName.storeId})`);
    expect(store.isOpen).toBe(true);
    await store.close();
    await defaultName.close();
    expect(store.isOpen).toBe(false);
    await expect(store.count()).rejects.toThrow(/is closed/);
  });

  it('gives every store a UUID storeId by default', async () => {
    const store = await RedisStore.connect({ url: redis.url() });
    expect(store.storeId).toMatch(/^[0-9a-f-]{36}$/);
    await store.destroy();
  });

  it('uses a client passed in, connects it if needed, and leaves it open on close', async () => {
    const client = createClient({ url: redis.url() });
    const store = await RedisStore.connect({ client: client as unknown as RedisClientLike, storeId: redis.storeId() });
    expect(client.isOpen).toBe(true);
    const a = new InventoryAdapter({ store });
    await a.add(new Site({ name: 'ams' }));
    await store.close();
    expect(client.isOpen).toBe(true);
    expect(await client.hGet(`diffsync:{${store.storeId}}:data:site`, 'ams')).toBe(JSON.stringify({ name: 'ams', region: 'eu', devices: [] }));
    await client.close();
  });

  it('closes the client it created', async () => {
    const store = await redis.connect();
    const client = (store as unknown as { client: RedisClientLike }).client;
    await store.close();
    expect(client.isOpen).toBe(false);
  });
});
