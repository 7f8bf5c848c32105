import { InvalidArgumentError } from '@diffsync/core';

/** Stored-format version written to the meta hash (field `format`). Format 1 is the old layout (see LegacyKeys). */
export const REDIS_STORE_FORMAT_VERSION = 2;

/**
 * Refuses a storeId that cannot be a Redis hash tag: empty, or holding `{` or `}`.
 * With those excluded, the storeId is exactly the text between the first `{` and the
 * first `}` of every key of the store, so no two storeIds share a key.
 */
export function checkStoreId(storeId: unknown): asserts storeId is string {
  if (typeof storeId !== 'string' || storeId === '') {
    throw new InvalidArgumentError(`RedisStore: 'storeId' must be a non-empty string, got ${JSON.stringify(storeId)}.`);
  }
  if (storeId.includes('{') || storeId.includes('}')) {
    throw new InvalidArgumentError(
      `RedisStore: 'storeId' must not contain '{' or '}' (it is the Redis hash tag of the store's keys, diffsync:{storeId}:…), got ${JSON.stringify(storeId)}.`,
    );
  }
}

/**
 * The keys of one storeId (stored format 2). The storeId is a Redis hash tag, so every
 * key of a store is in one Redis Cluster slot and no storeId/model combination can
 * produce another store's key:
 *
 * | key | type | holds |
 * |---|---|---|
 * | `diffsync:{<storeId>}:meta` | hash | `format` (2), `version` (changes with every flush), `seq` (last insertion number), `flushes` |
 * | `diffsync:{<storeId>}:models` | sorted set | model names, scored by first insertion |
 * | `diffsync:{<storeId>}:data:<model>` | hash | uid → the model as JSON |
 * | `diffsync:{<storeId>}:order:<model>` | sorted set | uid, scored by insertion number (getAll order) |
 *
 * Within one store, `meta` and `models` have no `:` and every per-model key starts with
 * `data:` or `order:`, so model names need no escaping.
 */
export class RedisKeys {
  /** `diffsync:{<storeId>}:`, the start of every key of the store. */
  readonly prefix: string;
  /** `diffsync:{<storeId>}:meta`: hash of `format`, `version`, `seq` and `flushes`. */
  readonly meta: string;
  /** `diffsync:{<storeId>}:models`: sorted set of the model names, scored by first insertion. */
  readonly models: string;

  constructor(
    /** The store's id, the hash tag of every key. */
    readonly storeId: string,
  ) {
    checkStoreId(storeId);
    this.prefix = `diffsync:{${storeId}}:`;
    this.meta = `${this.prefix}meta`;
    this.models = `${this.prefix}models`;
  }

  /** `diffsync:{<storeId>}:data:<model>`: hash of uid → the model as JSON. */
  data(model: string): string {
    return `${this.prefix}data:${model}`;
  }

  /** `diffsync:{<storeId>}:order:<model>`: sorted set of uids scored by insertion number (getAll order). */
  order(model: string): string {
    return `${this.prefix}order:${model}`;
  }
}

/**
 * The keys of stored format 1 (@diffsync/redis-store 0.1): `diffsync:<storeId>:meta`
 * (hash: `version` = 1, `seq`), `…:models`, `…:data:<model>`, `…:order:<model>`. Read
 * only to migrate a store to format 2 (see migrate.ts).
 */
export class LegacyKeys {
  readonly meta: string;
  readonly models: string;

  constructor(readonly storeId: string) {
    this.meta = `diffsync:${storeId}:meta`;
    this.models = `diffsync:${storeId}:models`;
  }

  data(model: string): string {
    return `diffsync:${this.storeId}:data:${model}`;
  }

  order(model: string): string {
    return `diffsync:${this.storeId}:order:${model}`;
  }
}
