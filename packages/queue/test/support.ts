import IORedis from 'ioredis';
import type { Connection } from '@diffsync/sql';
import { connect } from '@diffsync/sql';
import { SyncQueue } from '@diffsync/queue';
import { postgresUrl, redisUrl, uniqueId } from '../../../test-support/services';
import type { InventoryShape } from './fixtures/inventory';
import { GeneratedInventory, InventoryDb, MODELS } from './fixtures/inventory';
import type { PartitionSpec, SyncQueueOptions } from '@diffsync/queue';

/** A SyncQueue with a name no other test uses; `cleanup()` obliterates it and closes it. */
export function testQueue(options: Partial<SyncQueueOptions> = {}): SyncQueue & { cleanup(): Promise<void> } {
  const queue = new SyncQueue({ name: uniqueId('q'), connection: redisUrl(), ...options }) as SyncQueue & { cleanup(): Promise<void> };
  queue.cleanup = async () => {
    const eraser = new SyncQueue({ name: queue.name, connection: redisUrl(), prefix: queue.prefix });
    await queue.close();
    await eraser.obliterate();
    await eraser.close();
  };
  return queue;
}

/** A PostgreSQL schema of its own, with the inventory tables. */
export interface ScratchSchema {
  url: string;
  cleanup(): Promise<void>;
}

export async function scratchSchema(): Promise<ScratchSchema> {
  const id = uniqueId('queue').toLowerCase();
  const admin = await connect(postgresUrl());
  await admin.execute(`CREATE SCHEMA "${id}"`);
  await admin.close();
  const url = `${postgresUrl()}?schema=${id}`;
  const db = await connect(url);
  await db.syncSchema(MODELS);
  await db.close();
  return {
    url,
    cleanup: async () => {
      const a = await connect(postgresUrl());
      await a.execute(`DROP SCHEMA IF EXISTS "${id}" CASCADE`);
      await a.close();
    },
  };
}

/** The factory every test worker defines: generated source → PostgreSQL target, one partition. */
export function inventoryFactory(url: string, shape: InventoryShape, onDispose?: (partition: PartitionSpec) => void) {
  return async (partition: PartitionSpec) => {
    const db = await connect(url);
    return {
      source: new GeneratedInventory({ shape, partition }),
      target: new InventoryDb({ connection: db, partition }),
      dispose: async () => {
        await db.close();
        onDispose?.(partition);
      },
    };
  };
}

/** The whole data in one process: a fresh load of both sides and their diff. */
export async function wholeDiff(url: string, shape: InventoryShape) {
  const db: Connection = await connect(url);
  try {
    const source = new GeneratedInventory({ shape });
    const target = new InventoryDb({ connection: db });
    await Promise.all([source.load(), target.load()]);
    return await target.diffFrom(source);
  } finally {
    await db.close();
  }
}

/** Every Redis key of a queue. */
export async function queueKeys(queue: SyncQueue): Promise<string[]> {
  const client = new IORedis(redisUrl());
  try {
    const keys = await client.keys(`${queue.prefix}:${queue.name}:*`);
    return keys.map((k) => k.slice(`${queue.prefix}:${queue.name}:`.length)).sort();
  } finally {
    client.disconnect();
  }
}
