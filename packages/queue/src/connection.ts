import type { RedisOptions as IORedisOptions } from 'ioredis';
import IORedis from 'ioredis';
import type { RedisOptions } from 'bullmq';
import { InvalidArgumentError } from '@diffsync/core';
import { QueueUnavailableError } from './errors';

/** A Redis URL (`redis://[:password@]host:port[/db]`, `rediss://…`) or ioredis options. */
export type QueueConnection = string | RedisOptions;

/** `redis://user:secret@host` → `redis://user:***@host`. */
export function redactRedisUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)([^@/?#]*)@/i, (_all, scheme: string, auth: string) => {
    const colon = auth.indexOf(':');
    return colon < 0 ? `${scheme}***@` : `${scheme}${auth.slice(0, colon)}:***@`;
  });
}

/** The ioredis options BullMQ gets, plus the redacted URL errors name. */
export interface ResolvedConnection {
  options: RedisOptions;
  display: string;
}

/** Turns the user's `connection` into ioredis options (a URL is parsed by ioredis' own rules). */
export function resolveConnection(connection: QueueConnection | undefined): ResolvedConnection {
  if (connection === undefined || connection === null) {
    throw new InvalidArgumentError("SyncQueue needs a 'connection': a Redis URL such as 'redis://127.0.0.1:6379' or ioredis options.");
  }
  if (typeof connection === 'string') {
    if (!/^rediss?:\/\//i.test(connection)) {
      throw new InvalidArgumentError(`SyncQueue connection '${redactRedisUrl(connection)}' is not a Redis URL; use 'redis://host:6379' or 'rediss://…'.`);
    }
    const parsed = new URL(connection);
    const options: RedisOptions = {
      host: parsed.hostname || '127.0.0.1',
      port: parsed.port ? Number(parsed.port) : 6379,
    };
    if (parsed.username) options.username = decodeURIComponent(parsed.username);
    if (parsed.password) options.password = decodeURIComponent(parsed.password);
    const db = parsed.pathname.replace(/^\//, '');
    if (db) {
      if (!/^\d+$/.test(db)) throw new InvalidArgumentError(`SyncQueue connection '${redactRedisUrl(connection)}': the database '${db}' is not a number.`);
      options.db = Number(db);
    }
    if (parsed.protocol.toLowerCase() === 'rediss:') options.tls = {};
    return { options, display: redactRedisUrl(connection) };
  }
  if (typeof connection !== 'object') {
    throw new InvalidArgumentError(`SyncQueue 'connection' must be a Redis URL or ioredis options, not ${typeof connection}.`);
  }
  const options = { ...connection };
  const auth = options.password ? `${options.username ?? ''}:***@` : '';
  const display = `redis${options.tls ? 's' : ''}://${auth}${options.host ?? '127.0.0.1'}:${options.port ?? 6379}${options.db ? `/${options.db}` : ''}`;
  return { options, display };
}

/**
 * Connects once with no retries and a bounded timeout, runs PING, disconnects. BullMQ's
 * own connections retry forever (right for a worker riding out a Redis restart, wrong for
 * a first connection to a wrong address), so every SyncQueue checks Redis this way first.
 */
export async function probeRedis<T = void>(resolved: ResolvedConnection, timeoutMs: number, then?: (client: IORedis) => Promise<T>): Promise<T | undefined> {
  const client = new IORedis({
    ...(resolved.options as IORedisOptions),
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
    reconnectOnError: () => false,
    disconnectTimeout: 100, // ioredis waits 2 s on a socket that already failed before giving up on it
  });
  let lastError: Error | undefined;
  client.on('error', (error: Error) => {
    lastError = error; // the driver's reason (ECONNREFUSED, ENOTFOUND, …), reported below
  });
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      (async () => {
        await client.connect();
        await client.ping();
        return then ? then(client) : undefined;
      })(),
      new Promise<never>((_resolve, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
  } catch (error) {
    const cause = lastError ?? error;
    const message = (cause as { message?: unknown } | undefined)?.message;
    const reason = typeof message === 'string' ? message : String(cause);
    throw new QueueUnavailableError(
      `Redis at ${resolved.display} is unreachable (${reason}); start Redis there or pass SyncQueue another 'connection'.`,
      resolved.display,
      { cause },
    );
  } finally {
    if (timer) clearTimeout(timer);
    client.disconnect();
  }
}
