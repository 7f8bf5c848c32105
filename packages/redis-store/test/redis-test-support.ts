import { createClient } from 'redis';
import { RedisStore, RedisStoreOptions } from '@diffsync/redis-store';
import { redisUrl, uniqueId } from '../../../test-support/services';

/**
 * StoreIds of one test file share a prefix, so `cleanup()` can remove exactly the keys
 * the file wrote (tests only; the store itself never scans the keyspace).
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
    /** Keys under `diffsync:<prefix>…` now on the server. */
    async keys(): Promise<string[]> {
      const client = createClient({ url: redisUrl() });
      await client.connect();
      try {
        const out: string[] = [];
        for await (const batch of client.scanIterator({ MATCH: `diffsync:${prefix}*`, COUNT: 1000 })) out.push(...batch);
        return out.sort();
      } finally {
        await client.close();
      }
    },
    async cleanup(): Promise<void> {
      const client = createClient({ url: redisUrl() });
      await client.connect();
      try {
        for await (const batch of client.scanIterator({ MATCH: `diffsync:${prefix}*`, COUNT: 1000 })) if (batch.length) await client.del(batch);
      } finally {
        await client.close();
      }
    },
  };
}
