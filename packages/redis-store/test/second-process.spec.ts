import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { LocalStore } from '@diffsync/core';
import { RedisStore } from '@diffsync/redis-store';
import { Device, InventoryAdapter, Site } from './models';
import { redisFixture } from './redis-test-support';

const redis = redisFixture('process');
afterAll(() => redis.cleanup());

const run = promisify(execFile);
const tsRun = join(__dirname, '..', '..', '..', 'test-support', 'ts-run.js');

describe('RedisStore shared by processes', () => {
  it('lets another process read what this one flushed and sync into the same storeId', async () => {
    const inventory = { ams: { r1: { role: 'spine', interfaces: { eth0: 'uplink' } } } };
    const loader = new InventoryAdapter({ store: await redis.connect() });
    const storeId = (loader.store as RedisStore).storeId;
    await loader.loadInventory(inventory);
    const inMemory = new InventoryAdapter({ store: new LocalStore() });
    await inMemory.loadInventory(inventory);
    await loader.store.close(); // flushes

    const { stdout } = await run(process.execPath, [tsRun, join(__dirname, 'fixtures', 'read-and-sync.ts'), redis.url(), storeId]);
    const child = JSON.parse(stdout) as { pid: number; seen: unknown; summary: unknown };
    expect(child.pid).not.toBe(process.pid);
    expect(child.seen).toEqual(await inMemory.toDict());
    expect(child.seen).toMatchObject({ device: { r1: { name: 'r1', role: 'spine', siteName: 'ams', interfaces: ['r1__eth0'] } } });
    expect(child.summary).toEqual({ create: 3, update: 1, delete: 0, 'no-change': 2, skip: 0 });

    const reader = new InventoryAdapter({ store: await RedisStore.connect({ url: redis.url(), storeId }) });
    expect((await reader.get(Device, 'r1')).role).toBe('leaf');
    expect((await reader.get(Site, 'fra')).devices).toEqual(['r2']);
    expect((await reader.get(Device, 'r1')).interfaces).toEqual(['r1__eth0', 'r1__eth1']);
    expect(await reader.count()).toBe(6);
    await reader.store.close();
  });
});
