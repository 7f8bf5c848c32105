import type { DiffSyncModel, ModelClass, Snapshot } from '@diffsync/core';
import { ModelCodec, ObjectStoreException, encodeWithSnapshot, snapshotOfDecoded } from '@diffsync/core';
import { RedisStoreDecodeError } from './errors';

/**
 * A model as the JSON text stored in its model's hash (through core's ModelCodec, i.e.
 * class-transformer), and its snapshot as written.
 */
export function encodePayload(obj: DiffSyncModel, model: string, uid: string): { json: string; snap: Snapshot } {
  try {
    return encodeWithSnapshot(obj);
  } catch (error) {
    throw new ObjectStoreException(`Cannot serialise ${model} ${uid} for the Redis store: ${(error as Error).message}`, { cause: error });
  }
}

/**
 * The model stored under `key` / `uid` and its snapshot; RedisStoreDecodeError naming both
 * when it cannot be read.
 */
export function decodePayload(cls: ModelClass, text: string, key: string, uid: string): { obj: DiffSyncModel; snap: Snapshot } {
  try {
    const plain: unknown = JSON.parse(text);
    if (plain === null || typeof plain !== 'object' || Array.isArray(plain)) throw new Error('the stored JSON is not an object');
    const obj = ModelCodec.decode(cls, plain as Record<string, unknown>);
    return { obj, snap: snapshotOfDecoded(obj, plain as Record<string, unknown>) };
  } catch (error) {
    throw new RedisStoreDecodeError(
      `Cannot decode field '${uid}' of Redis key '${key}' as ${cls.name}: ${(error as Error).message}. ` +
        `Something other than diffsync wrote under this storeId's keys; delete that field (HDEL) or use another storeId.`,
      { cause: error },
    );
  }
}
