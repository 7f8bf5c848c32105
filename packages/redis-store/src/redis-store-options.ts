import type { StoreOptions } from '@diffsync/core';
import type { RedisClientLike } from './redis-client';

/** Options of `RedisStore.connect(...)`. */
export interface RedisStoreOptions extends StoreOptions {
  /** `redis://[[user]:password@]host[:port][/db]`; not together with `host`. */
  url?: string;
  /** Server host name; not together with `url`. Defaults to 127.0.0.1 when neither is given. */
  host?: string;
  /** Server port with `host` (default 6379). */
  port?: number;
  /** Logical database with `host` (default 0). */
  db?: number;
  /**
   * Names this store's keys (`diffsync:{<storeId>}:…`, the storeId is a Redis hash tag, so
   * it may not contain `{` or `}`); stores with the same id share their objects. Defaults
   * to a random UUID.
   */
  storeId?: string;
  /**
   * An existing node-redis client to use instead of creating one. The caller owns it:
   * `close()` leaves it open. It is connected first when it is not open yet.
   */
  client?: RedisClientLike;
  /**
   * Delete the storeId's keys when the store is closed (pending changes are dropped), for
   * scratch stores of one run — e.g. a store per adapter instance in a NestJS service.
   */
  deleteOnClose?: boolean;
  /** How long connecting may take before the store gives up (default 5000 ms). */
  connectTimeoutMs?: number;
  /**
   * How long one command (or one MULTI/EXEC, or one flush script) may wait for its reply
   * (default 30000 ms). A server that stops answering fails the pending call with
   * `RedisStoreUnavailableError` after this time instead of leaving it hanging. A flush
   * that timed out may still be applied if the server resumes; the store treats it as
   * failed (changes stay pending) and the version check refuses a blind retry over it.
   */
  commandTimeoutMs?: number;
}
