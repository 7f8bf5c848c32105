export { RedisStore } from './redis-store';
export type { RedisStoreOptions } from './redis-store-options';
export type { RedisClientLike, RedisMultiLike, RedisCommand } from './redis-client';
export { RedisKeys, REDIS_STORE_FORMAT_VERSION } from './keys';
export { RedisStoreUnavailableError, RedisStoreDecodeError } from './errors';
