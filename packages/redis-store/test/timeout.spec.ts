import { RedisStore, RedisStoreUnavailableError } from '@diffsync/redis-store';
import { Device, InventoryAdapter } from './models';
import { startPrivateRedis } from './private-redis';
import { redisFixture } from './redis-test-support';

const redis = redisFixture('timeout');

let server: Awaited<ReturnType<typeof startPrivateRedis>>;
beforeAll(async () => {
  server = await startPrivateRedis();
});
afterAll(async () => {
  await server?.stop(); // resumes it first if a test left it paused
});

describe('RedisStore commandTimeoutMs', () => {
  it('refuses a commandTimeoutMs that is not a positive whole number', async () => {
    await expect(RedisStore.connect({ url: server.url, commandTimeoutMs: 0 })).rejects.toThrow(/'commandTimeoutMs' must be a whole number/);
  });

  it('fails pending calls with RedisStoreUnavailableError when the server stops answering, and works again when it resumes', async () => {
    const storeId = redis.storeId();
    const a = new InventoryAdapter({ store: await RedisStore.connect({ url: server.url, storeId, commandTimeoutMs: 1000 }) });
    await a.loadInventory({ ams: { r1: { role: 'spine', interfaces: { eth0: 'uplink' } } } });
    await a.flush();
    (await a.get(Device, 'r1')).role = 'leaf';

    server.pause();
    try {
      const flushError = await a.flush().then(
        () => undefined,
        (e: unknown) => e as Error,
      );
      expect(flushError).toBeInstanceOf(RedisStoreUnavailableError);
      expect(flushError?.message).toMatch(/^Redis store is unavailable: .*flush failed: the server sent no reply to EVAL within 1000 ms \(commandTimeoutMs\)/);
      await expect(a.count()).rejects.toThrow(RedisStoreUnavailableError);
      // Connecting is bounded too (node-redis' handshake waits for replies).
      await expect(RedisStore.connect({ url: server.url, storeId, connectTimeoutMs: 1000 })).rejects.toThrow(
        /^Redis store is unavailable\. Could not reach .*no reply to connect within 1000 ms \(connectTimeoutMs\)/,
      );
    } finally {
      server.resume();
    }

    // The flush that timed out reached the server and ran when it resumed; the retry sees
    // the version that flush wrote, recognises it as its own and goes ahead.
    (await a.get(Device, 'r1')).tags = ['edge'];
    await a.flush();
    const fresh = new InventoryAdapter({ store: await RedisStore.connect({ url: server.url, storeId }) });
    const r1 = await fresh.get(Device, 'r1');
    expect([r1.role, r1.tags]).toEqual(['leaf', ['edge']]);
    expect(await fresh.count()).toBe(3);
    await Promise.all([a.store.close(), fresh.store.close()]);
  });

  it('closing a store whose server stopped answering does not hang', async () => {
    const store = await RedisStore.connect({ url: server.url, storeId: redis.storeId(), commandTimeoutMs: 1000 });
    server.pause();
    try {
      await store.close({ flush: false });
      expect(store.isOpen).toBe(false);
    } finally {
      server.resume();
    }
  });
});
