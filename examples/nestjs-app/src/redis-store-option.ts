import { randomUUID } from 'node:crypto';
import type { Adapter, BaseStore } from '@diffsync/core';
import { RedisStore } from '@diffsync/redis-store';

/**
 * The `store` option for DiffSyncModule.forRoot that gives every adapter instance a
 * RedisStore of its own: a fresh storeId under `prefix` per instance (concurrent runs
 * never share data), deleted again when the module closes the store after the run.
 */
export function redisStorePerAdapter(url: string, prefix = 'nestjs-app'): (adapter: Adapter) => Promise<BaseStore> {
  return (adapter) => RedisStore.connect({ url, storeId: `${prefix}:${adapter.type}:${randomUUID()}`, deleteOnClose: true });
}
