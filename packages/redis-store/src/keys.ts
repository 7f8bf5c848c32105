/** Stored-format version written to `diffsync:<storeId>:meta` (field `version`). */
export const REDIS_STORE_FORMAT_VERSION = 1;

/**
 * The keys of one storeId. Everything lives under `diffsync:<storeId>:`:
 *
 * | key | type | holds |
 * |---|---|---|
 * | `diffsync:<storeId>:meta` | hash | `version` (stored format), `seq` (last insertion number) |
 * | `diffsync:<storeId>:models` | sorted set | model names, scored by first insertion |
 * | `diffsync:<storeId>:data:<model>` | hash | uid → the model as JSON |
 * | `diffsync:<storeId>:order:<model>` | sorted set | uid, scored by insertion number (getAll order) |
 */
export class RedisKeys {
  readonly prefix: string;
  readonly meta: string;
  readonly models: string;

  constructor(readonly storeId: string) {
    this.prefix = `diffsync:${storeId}:`;
    this.meta = `${this.prefix}meta`;
    this.models = `${this.prefix}models`;
  }

  data(model: string): string {
    return `${this.prefix}data:${model}`;
  }

  order(model: string): string {
    return `${this.prefix}order:${model}`;
  }
}
