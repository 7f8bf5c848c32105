import { createClient } from 'redis';
import { InvalidArgumentError } from '@diffsync/core';
import { RedisStoreUnavailableError } from './errors';
import type { RedisClientLike } from './redis-client';
import type { RedisStoreOptions } from './redis-store-options';
import { DEFAULT_COMMAND_TIMEOUT_MS, withTimeout } from './timed-client';

const DEFAULT_CONNECT_TIMEOUT_MS = 5000;

/** A client ready for commands, and whether the store created it (and so closes it). */
export interface OpenedClient {
  client: RedisClientLike;
  owned: boolean;
  /** Where it points, without a password, for messages. */
  target: string;
  /** How long a command may wait for its reply (`commandTimeoutMs`). */
  commandTimeoutMs: number;
}

/** `redis://user:secret@host` → `redis://user:***@host`, for messages. */
export function redactUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)([^@/]*)@/i, (_m, scheme: string, auth: string) => {
    const colon = auth.indexOf(':');
    return colon < 0 ? `${scheme}${auth}@` : `${scheme}${auth.slice(0, colon)}:***@`;
  });
}

/** Refuses contradictory or malformed connection options before anything is opened. */
export function checkConnectOptions(options: RedisStoreOptions): void {
  const { url, host, port, db, client, connectTimeoutMs, commandTimeoutMs } = options;
  if (url !== undefined && host !== undefined) throw new InvalidArgumentError("'url' and 'host' arguments can't be specified together.");
  if (client !== undefined && (url !== undefined || host !== undefined)) {
    throw new InvalidArgumentError("'client' can't be specified together with 'url' or 'host': the client already knows its server.");
  }
  if (url !== undefined && (typeof url !== 'string' || !/^rediss?:\/\//i.test(url))) {
    throw new InvalidArgumentError(`RedisStore: 'url' must start with redis:// or rediss://, got ${JSON.stringify(redactUrl(String(url)))}.`);
  }
  if (host !== undefined && (typeof host !== 'string' || host === ''))
    throw new InvalidArgumentError(`RedisStore: 'host' must be a non-empty string, got ${String(host)}.`);
  if (port !== undefined && (!Number.isInteger(port) || port <= 0 || port > 65535)) {
    throw new InvalidArgumentError(`RedisStore: 'port' must be a whole number from 1 to 65535, got ${String(port)}.`);
  }
  if (db !== undefined && (!Number.isInteger(db) || db < 0)) throw new InvalidArgumentError(`RedisStore: 'db' must be a whole number >= 0, got ${String(db)}.`);
  if (connectTimeoutMs !== undefined && (!Number.isInteger(connectTimeoutMs) || connectTimeoutMs <= 0)) {
    throw new InvalidArgumentError(`RedisStore: 'connectTimeoutMs' must be a whole number of milliseconds > 0, got ${String(connectTimeoutMs)}.`);
  }
  if (commandTimeoutMs !== undefined && (!Number.isInteger(commandTimeoutMs) || commandTimeoutMs <= 0)) {
    throw new InvalidArgumentError(`RedisStore: 'commandTimeoutMs' must be a whole number of milliseconds > 0, got ${String(commandTimeoutMs)}.`);
  }
  if (client !== undefined && (typeof client !== 'object' || client === null || typeof client.sendCommand !== 'function')) {
    throw new InvalidArgumentError("RedisStore: 'client' must be a node-redis client (from createClient() of the 'redis' package).");
  }
}

function unavailable(target: string, cause: unknown): RedisStoreUnavailableError {
  const detail = (cause as { message?: unknown } | null)?.message;
  return new RedisStoreUnavailableError(
    `Redis store is unavailable. Could not reach ${target}${typeof detail === 'string' && detail ? ` (${detail})` : ''}; ` +
      'check that the server runs and the url/host/port are right.',
    { cause },
  );
}

/**
 * Opens (or adopts) a client and proves the server answers with PING. A created client
 * fails fast while disconnected (no offline queue) and, once it has connected, reconnects
 * with a capped backoff; it gives up at once when the first connection fails.
 */
export async function openClient(options: RedisStoreOptions): Promise<OpenedClient> {
  checkConnectOptions(options);
  const commandTimeoutMs = options.commandTimeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS;
  if (options.client) {
    const client = options.client;
    const target = 'the given client';
    try {
      if (!client.isOpen) await withTimeout(client.connect(), options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS, 'connect', 'connectTimeoutMs');
      await withTimeout(client.sendCommand(['PING']), commandTimeoutMs, 'PING');
    } catch (error) {
      throw unavailable(target, error);
    }
    return { client, owned: false, target, commandTimeoutMs };
  }
  const { url, host = '127.0.0.1', port = 6379, db = 0, connectTimeoutMs = DEFAULT_CONNECT_TIMEOUT_MS } = options;
  const target = url !== undefined ? redactUrl(url) : `redis://${host}:${port}/${db}`;
  let connected = false;
  const socket = {
    connectTimeout: connectTimeoutMs,
    // Before the first connection: give up at once. A new Error (not `cause` itself) because
    // node-redis tests `instanceof Error`, which fails for socket errors from another realm (jest).
    reconnectStrategy: (retries: number, cause: Error) =>
      connected ? Math.min(50 * 2 ** retries, 2000) : new Error(cause?.message || 'connection failed', { cause }),
  };
  const client = (url !== undefined
    ? createClient({ url, socket, disableOfflineQueue: true })
    : createClient({ socket: { ...socket, host, port }, database: db, disableOfflineQueue: true })) as unknown as RedisClientLike;
  // Errors also reach the command that failed; without a listener node-redis would crash the process.
  client.on('error', () => undefined);
  try {
    // Bounded as a whole: node-redis' connectTimeout covers the TCP connect only, not the
    // handshake commands it sends next (which a paused server never answers).
    await withTimeout(client.connect(), connectTimeoutMs, 'connect', 'connectTimeoutMs');
    connected = true;
    await withTimeout(client.sendCommand(['PING']), commandTimeoutMs, 'PING');
  } catch (error) {
    try {
      client.destroy?.();
    } catch {
      /* already closed */
    }
    throw unavailable(target, error);
  }
  return { client, owned: true, target, commandTimeoutMs };
}

/**
 * Closes a client the store created: gracefully (pending replies first), or at once when
 * that takes longer than `timeoutMs` (a server that stopped answering).
 */
export async function closeClient(client: RedisClientLike, timeoutMs: number): Promise<void> {
  if (!client.isOpen) return;
  try {
    if (client.close) await withTimeout(client.close(), timeoutMs, 'close');
    else if (client.quit) await withTimeout(client.quit(), timeoutMs, 'QUIT');
    else client.destroy?.();
  } catch (error) {
    // Drop the connection (and any reconnection attempt) even if the client already counts as closed.
    try {
      client.destroy?.();
    } catch {
      /* already destroyed */
    }
    if (!(error instanceof Error && error.name === 'RedisCommandTimeoutError')) throw error;
  }
}
