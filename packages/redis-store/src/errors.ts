import { DiffSyncError, ObjectStoreException } from '@diffsync/core';
import { RedisCommandTimeoutError } from './timed-client';

/** The server cannot be reached (refused, timed out, authentication failed) or stopped answering (commandTimeoutMs). */
export class RedisStoreUnavailableError extends ObjectStoreException {
  override readonly code: string = 'REDIS_STORE_UNAVAILABLE';
}

/** A value under the store's keys could not be turned back into a model, or a key holds the wrong Redis type. */
export class RedisStoreDecodeError extends ObjectStoreException {
  override readonly code: string = 'REDIS_STORE_DECODE';
}

function driverMessage(error: unknown): string {
  const message = (error as { message?: unknown } | null)?.message;
  return typeof message === 'string' && message !== '' ? message : String(error);
}

/**
 * Turns a node-redis error into the store's error family, keeping the driver error as
 * `cause`. `what` says what the store was doing ("flush", "getAll device").
 */
export function translateRedisError(error: unknown, store: string, what: string): Error {
  if (error instanceof DiffSyncError) return error;
  const message = driverMessage(error);
  if (error instanceof RedisCommandTimeoutError) {
    return new RedisStoreUnavailableError(
      `Redis store is unavailable: ${store}: ${what} failed: the server sent ${message}. ` +
        'It may be overloaded, paused or unreachable; nothing is retried automatically (a flush keeps its changes pending).',
      { cause: error },
    );
  }
  const name = (error as { name?: unknown } | null)?.name;
  if (name === 'ClientClosedError' || name === 'ClientOfflineError' || /ECONNREFUSED|ECONNRESET|socket|closed|offline/i.test(message)) {
    return new RedisStoreUnavailableError(`Redis store is unavailable: ${store}: ${what} failed: ${message}`, { cause: error });
  }
  return new ObjectStoreException(`${store}: ${what} failed on Redis: ${message}`, { cause: error });
}
