import { createClient } from 'redis';
import type { RedisStore } from '@diffsync/redis-store';
import { InventoryAdapter, Site } from './models';
import { redisFixture } from './redis-test-support';

const redis = redisFixture('isolation');
afterAll(() => redis.cleanup());

async function loaded(): Promise<InventoryAdapter> {
  const a = new InventoryAdapter({ store: await redis.connect() });
  await a.loadInventory({ ams: { r1: { role: 'spine', interfaces: { eth0: 'uplink' } } }, fra: {} });
  await a.flush();
  return a;
}

describe('RedisStore keys and clear()', () => {
  it('keeps everything of a storeId under diffsync:{<storeId>}: in the documented keys', async () => {
    const a = await loaded();
    const id = (a.store as RedisStore).storeId;
    expect((await redis.keys()).filter((k) => k.startsWith(`diffsync:{${id}}:`))).toEqual(
      ['data:device', 'data:interface', 'data:site', 'meta', 'models', 'order:device', 'order:interface', 'order:site'].map(
        (suffix) => `diffsync:{${id}}:${suffix}`,
      ),
    );
    await a.store.close();
  });

  it('clear() removes one storeId and nothing else; the store stays usable', async () => {
    const a = await loaded();
    const b = await loaded();
    const client = createClient({ url: redis.url() });
    await client.connect();
    const unrelated = `diffsync:${redis.prefix}_unrelated`;
    await client.set(unrelated, 'keep me');
    const idA = (a.store as RedisStore).storeId;
    const idB = (b.store as RedisStore).storeId;
    const before = await redis.keys();

    await (a.store as RedisStore).clear();
    const after = await redis.keys();
    expect(after.filter((k) => k.startsWith(`diffsync:{${idA}}:`))).toEqual([]);
    expect(after).toEqual(before.filter((k) => !k.startsWith(`diffsync:{${idA}}:`)));
    expect(await client.get(unrelated)).toBe('keep me');
    expect(await b.count()).toBe(4);
    expect(await a.count()).toBe(0);
    await a.add(new Site({ name: 'lon' }));
    expect(await a.count()).toBe(1);

    await (b.store as RedisStore).destroy();
    expect((await redis.keys()).filter((k) => k.startsWith(`diffsync:{${idB}}:`))).toEqual([]);
    expect((b.store as RedisStore).isOpen).toBe(false);
    await client.close();
    await a.store.close();
  });

  it('deleteOnClose removes the storeId when the store is closed', async () => {
    const a = new InventoryAdapter({ store: await redis.connect({ deleteOnClose: true }) });
    await a.loadInventory({ ams: { r1: { role: 'spine', interfaces: { eth0: 'uplink' } } } });
    await a.flush();
    const id = (a.store as RedisStore).storeId;
    expect((await redis.keys()).filter((k) => k.startsWith(`diffsync:{${id}}:`)).length).toBeGreaterThan(0);
    await a.store.close();
    expect((await redis.keys()).filter((k) => k.startsWith(`diffsync:{${id}}:`))).toEqual([]);
  });
});
