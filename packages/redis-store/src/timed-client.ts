import type { RedisClientLike, RedisCommand, RedisMultiLike } from './redis-client';

/** Default of `commandTimeoutMs`. */
export const DEFAULT_COMMAND_TIMEOUT_MS = 30000;

/** A command got no reply within `commandTimeoutMs` (the server stopped answering). */
export class RedisCommandTimeoutError extends Error {
  constructor(
    readonly command: string,
    readonly timeoutMs: number,
    option = 'commandTimeoutMs',
  ) {
    super(`no reply to ${command} within ${timeoutMs} ms (${option})`);
    this.name = 'RedisCommandTimeoutError';
  }
}

/**
 * Fails `promise` with RedisCommandTimeoutError when it has not settled after `ms`. The
 * command itself stays queued in the driver, so the connection keeps pairing replies
 * with commands; a reply that arrives later is dropped.
 */
export function withTimeout<T>(promise: Promise<T>, ms: number, command: string, option?: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new RedisCommandTimeoutError(command, ms, option)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * The client as the store uses it: every command (and every MULTI's EXEC) must answer
 * within `timeoutMs`. node-redis 5's own `timeout` command option only covers a command
 * that was not written yet, and node-redis 6 needs an experimental `rejectInFlight` for
 * one waiting for its reply, so the store bounds each call itself, the same way on both.
 */
export class TimedClient {
  constructor(
    readonly client: RedisClientLike,
    readonly timeoutMs: number,
  ) {}

  get isOpen(): boolean {
    return this.client.isOpen;
  }

  sendCommand(args: RedisCommand): Promise<unknown> {
    return withTimeout(this.client.sendCommand(args), this.timeoutMs, String(args[0]));
  }

  multi(): RedisMultiLike {
    const multi = this.client.multi();
    const names: string[] = [];
    const timed: RedisMultiLike = {
      addCommand: (args) => {
        names.push(String(args[0]));
        multi.addCommand(args);
        return timed;
      },
      exec: () => withTimeout(multi.exec(), this.timeoutMs, `MULTI (${names.join(' ')}) EXEC`),
    };
    return timed;
  }
}
