import { Test } from '@nestjs/testing';
import { createClient } from 'redis';
import { RedisStore } from '@diffsync/redis-store';
import { AppModule, SyncJobService, redisStorePerAdapter } from '../src';
import { redisUrl, uniqueId } from '../../../test-support/services';

/** Backend-B (source) into Backend-A (target), as with LocalStore. */
const EXPECTED = { create: 7, update: 1, delete: 1, 'no-change': 13, skip: 0 };

async function keysUnder(prefix: string): Promise<string[]> {
  const client = createClient({ url: redisUrl() });
  await client.connect();
  try {
    const out: string[] = [];
    // Keys are diffsync:{<storeId>}:… (redis-store format 2); the old layout's pattern too.
    for (const match of [`diffsync:{${prefix}*`, `diffsync:${prefix}*`]) {
      for await (const batch of client.scanIterator({ MATCH: match, COUNT: 1000 })) out.push(...batch);
    }
    return out;
  } finally {
    await client.close();
  }
}

describe('nestjs-app with RedisStore', () => {
  it('syncs on demand with every adapter on its own Redis storeId, and leaves no keys behind', async () => {
    const prefix = uniqueId('nest');
    const seen: string[] = [];
    const factory = redisStorePerAdapter(redisUrl(), prefix);
    const app = await Test.createTestingModule({
      imports: [
        AppModule.register({
          store: async (adapter) => {
            const store = await factory(adapter);
            seen.push(`${store.constructor.name} ${(store as RedisStore).storeId.split(':')[1]}`);
            return store;
          },
        }),
      ],
    }).compile();
    await app.init(); // the bootstrap check connects one store per adapter and closes it
    const job = app.get(SyncJobService);
    const reports = await Promise.all([job.run(), job.run()]);
    for (const report of reports) {
      expect(report.summary).toEqual(EXPECTED);
      expect(report.remaining).toBe('(no diffs)');
    }
    expect(seen.filter((s) => s === 'RedisStore Network')).toHaveLength(3);
    expect(seen.filter((s) => s === 'RedisStore CMDB')).toHaveLength(3);
    await app.close();
    expect(await keysUnder(prefix)).toEqual([]);
  });

  it('fails at bootstrap, naming the adapter, when Redis is unreachable', async () => {
    const app = await Test.createTestingModule({
      imports: [AppModule.register({ store: () => RedisStore.connect({ host: '127.0.0.1', port: 1, connectTimeoutMs: 2000 }) })],
    }).compile();
    const error = await app.init().then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(error?.message).toMatch(/failed at bootstrap: Could not build the store of adapter (CmdbAdapter|NetworkAdapter): Redis store is unavailable\./);
    // Nest's close() of a context whose init failed reports the same bootstrap error.
    await expect(app.close()).rejects.toThrow(/failed at bootstrap/);
  });
});
