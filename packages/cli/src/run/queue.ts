import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import type { SyncQueue } from '@diffsync/queue';
import { CliError, CliUsageError } from '../errors';
import type { Session } from './session';
import { buildAdapter } from './session';

type QueueModule = typeof import('@diffsync/queue');

/** What `worker` and `run` share: `--redis URL`, `--queue NAME`. */
export interface QueueOptions {
  redis: string;
  queue?: string;
}

/** The queue name `worker` and `run` use without `--queue`. */
export const DEFAULT_QUEUE = 'diffsync';

/** The sync a run of `--from A --to B` names, and a worker defines for every ordered pair. */
export function syncName(from: string, to: string): string {
  return `${from}->${to}`;
}

/**
 * `@diffsync/queue`, an optional peer: resolved from the working directory (the user's
 * install), else next to the command line. CliUsageError naming the package when missing.
 */
export function loadQueueModule(cwd: string, command: string): QueueModule {
  for (const base of [cwd, __dirname]) {
    try {
      return createRequire(resolve(base, 'noop.js'))('@diffsync/queue') as QueueModule;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'MODULE_NOT_FOUND' || !String((error as Error).message).includes("'@diffsync/queue'")) throw error;
    }
  }
  throw new CliUsageError(`diffsync ${command} needs @diffsync/queue: npm install @diffsync/queue (partitioned runs on BullMQ and Redis).`);
}

/** A SyncQueue for `--redis` and `--queue`; a bad URL or queue name is a usage error naming it. */
export function openQueue(mod: QueueModule, session: Session, options: QueueOptions): SyncQueue {
  const name = options.queue ?? DEFAULT_QUEUE;
  if (!/^rediss?:\/\/./i.test(options.redis)) {
    throw new CliUsageError(`--redis '${mod.redactRedisUrl(options.redis)}' is not a Redis URL: use redis://[:password@]host:6379[/db] or rediss://….`);
  }
  try {
    return new mod.SyncQueue({ name, connection: options.redis, logger: session.core.getDefaultLogger() });
  } catch (error) {
    throw new CliUsageError(`--redis ${mod.redactRedisUrl(options.redis)} --queue ${name}: ${(error as Error).message}`, { cause: error });
  }
}

/**
 * Turn "Redis is unreachable" into the command line's error (exit 4), naming the URL
 * without its password and the option to change; other errors pass through.
 */
export function queueFailure(mod: QueueModule, error: unknown): unknown {
  if (error instanceof mod.QueueUnavailableError) {
    return new CliError(
      `${error.message.replace(/; start Redis there or pass SyncQueue another 'connection'\.$/, '.')} Start Redis there, or pass another --redis URL.`,
      {
        cause: error,
      },
    );
  }
  return error;
}

/**
 * Define on `queue` the sync `A->B` for every ordered pair of the config's adapters: each
 * partition builds both adapters with the config's factories, passing `{ partition }`.
 */
export function defineConfigPairs(queue: SyncQueue, session: Session): string[] {
  const names = Object.keys(session.config.adapters);
  const defined: string[] = [];
  for (const from of names) {
    for (const to of names) {
      const name = syncName(from, to);
      queue.define(name, async (partition) => ({
        source: await buildAdapter(session, from, '--from', { partition }),
        target: await buildAdapter(session, to, '--to', { partition }),
      }));
      defined.push(name);
    }
  }
  return defined;
}
