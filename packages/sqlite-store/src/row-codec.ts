import { DiffSyncModel, ModelClass, ModelCodec, ObjectStoreException } from '@diffsync/core';
import { SqliteStoreDecodeError } from './errors';

/** A model as the JSON text stored in the `data` column (through core's ModelCodec). */
export function encodeRow(obj: DiffSyncModel, model: string, uid: string): string {
  try {
    return JSON.stringify(ModelCodec.encode(obj));
  } catch (error) {
    throw new ObjectStoreException(`Cannot serialise ${model} ${uid} for the SQLite store: ${(error as Error).message}`, {
      cause: error,
    });
  }
}

/** The model stored in one row; SqliteStoreDecodeError naming the row when it cannot be read. */
export function decodeRow(cls: ModelClass, text: string, where: { filename: string; storeId: string; model: string; uid: string; seq: number }): DiffSyncModel {
  try {
    const plain: unknown = JSON.parse(text);
    if (plain === null || typeof plain !== 'object' || Array.isArray(plain)) throw new Error('the stored JSON is not an object');
    return ModelCodec.decode(cls, plain as Record<string, unknown>);
  } catch (error) {
    throw new SqliteStoreDecodeError(
      `Cannot decode ${where.model} ${where.uid} (row ${where.seq} of store ${where.storeId} in '${where.filename}') ` +
        `as ${cls.name}: ${(error as Error).message}. Remove or rewrite that row.`,
      { cause: error },
    );
  }
}
