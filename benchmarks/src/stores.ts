import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BaseStore } from '@diffsync/core';
import type { StoreFactory } from './phases';

/** Load an optional package, explaining what to do when it is missing. */
function optional<T>(name: string): T {
  try {
    return require(name) as T;
  } catch (error) {
    throw new Error(`${name} is not available (${(error as Error).message}); build it with "npx tsc -b benchmarks".`);
  }
}

export function storeFactory(kind: string): { make: StoreFactory; cleanup: () => void | Promise<void> } {
  if (kind === 'local') return { make: async () => undefined, cleanup: () => undefined };
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'diffsync-bench-'));
    const { SqliteStore } = optional<{ SqliteStore: new (o: object) => BaseStore }>('@diffsync/sqlite-store');
    return {
      make: async (name) => new SqliteStore({ filename: join(dir, `${name}-${randomUUID()}.db`), name }),
      cleanup: () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  if (kind === 'redis') {
    type Connected = BaseStore & { destroy(): Promise<void> };
    const { RedisStore } = optional<{ RedisStore: { connect(o: object): Promise<Connected> } }>('@diffsync/redis-store');
    const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
    const storeIds: string[] = [];
    return {
      make: async (name) => {
        const storeId = `bench-${name}-${randomUUID()}`;
        storeIds.push(storeId);
        return RedisStore.connect({ url, storeId, name });
      },
      // Remove every storeId the run created (each run closes its stores; reconnect to clear them).
      cleanup: async () => {
        for (const storeId of storeIds.splice(0)) await (await RedisStore.connect({ url, storeId })).destroy();
      },
    };
  }
  throw new Error(`unknown --store ${kind}: use local, sqlite or redis`);
}
