import { createClient } from 'redis';
import type { RedisStoreOptions } from '@diffsync/redis-store';
import { RedisStore } from '@diffsync/redis-store';
import { redisUrl, uniqueId } from '../../../test-support/services';

/** The name of a store's key: `diffsync:{<storeId>}:<suffix>` (stored format 2). */
export function keyOf(storeId: string, suffix: string): string {
  return `diffsync:{${storeId}}:${suffix}`;
}

/**
 * StoreIds of one test file share a prefix, so `cleanup()` can remove exactly the keys
 * the file wrote (tests only; the store itself never scans the keyspace). Keys of the
 * format 1 layout (`diffsync:<storeId>:…`, migration tests) are matched too.
 */
export function redisFixture(name: string) {
  const prefix = uniqueId(`rs_${name}`);
  let n = 0;
  const storeId = () => `${prefix}_${++n}`;
  return {
    prefix,
    storeId,
    url: () => redisUrl(),
    connect: (options: RedisStoreOptions = {}) => RedisStore.connect({ url: redisUrl(), storeId: storeId(), ...options }),
    /** Keys of this file's storeIds now on the server (`diffsync:{<prefix>…` and `diffsync:<prefix>…`), sorted. */
    async keys(): Promise<string[]> {
      const client = createClient({ url: redisUrl() });
      await client.connect();
      try {
        const out: string[] = [];
        for (const match of [`diffsync:{${prefix}*`, `diffsync:${prefix}*`]) {
          for await (const batch of client.scanIterator({ MATCH: match, COUNT: 1000 })) out.push(...batch);
        }
        return out.sort();
      } finally {
        await client.close();
      }
    },
    async cleanup(): Promise<void> {
      const client = createClient({ url: redisUrl() });
      await client.connect();
      try {
        for (const match of [`diffsync:{${prefix}*`, `diffsync:${prefix}*`]) {
          for await (const batch of client.scanIterator({ MATCH: match, COUNT: 1000 })) if (batch.length) await client.del(batch);
        }
      } finally {
        await client.close();
      }
    },
  };
}
