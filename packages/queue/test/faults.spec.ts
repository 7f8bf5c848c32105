import type { AddressInfo, Socket } from 'node:net';
import { createServer } from 'node:net';
import { Adapter, LocalStore } from '@diffsync/core';
import { CANCELLED, QueueUnavailableError, SyncQueue } from '@diffsync/queue';
import { GeneratedInventory } from './fixtures/inventory';
import { testQueue } from './support';

const SHAPE = { sites: 12, version: 1 };
const FAST = { type: 'fixed' as const, delay: 50 };

/** Generated source → an empty in-memory target: every partition creates its sites. */
function memoryPair(partition: { index: number; count: number }) {
  return { source: new GeneratedInventory({ shape: SHAPE, partition }), target: new EmptyTarget({ partition, store: LocalStore }) };
}
class EmptyTarget extends Adapter {
  static override models = GeneratedInventory.models;
  static override topLevel = ['site'];
  override async load(): Promise<void> {
    /* nothing yet */
  }
}

describe('SyncQueue faults', () => {
  let queue: SyncQueue & { cleanup(): Promise<void> };
  const attemptsSeen = new Map<string, number>();
  const disposed: string[] = [];

  beforeAll(async () => {
    queue = testQueue();
    queue.define('flaky', (partition, context) => {
      const key = `${context.runId}/${partition.index}`;
      attemptsSeen.set(key, (attemptsSeen.get(key) ?? 0) + 1);
      if (partition.index === 1 && context.attempt === 1) throw new Error(`partition 1 is not ready yet (attempt ${context.attempt})`);
      return { ...memoryPair(partition), dispose: () => void disposed.push(`flaky ${partition.index} attempt ${context.attempt}`) };
    });
    queue.define('broken', async (partition) => {
      const pair = memoryPair(partition);
      if (partition.index === 2) {
        pair.source.load = async () => {
          throw new Error('the source API answered 503 for partition 2');
        };
      }
      return { ...pair, dispose: () => void disposed.push(`broken ${partition.index}`) };
    });
    queue.define('not-adapters', () => ({ source: 'x', target: 'y' }) as never);
    queue.define('bad-dispose', (partition) => {
      const pair = memoryPair(partition);
      if (partition.index === 1) {
        pair.target.load = async () => {
          throw new Error('the target is read-only today');
        };
      }
      return {
        ...pair,
        dispose: () => {
          throw new Error(`connection ${partition.index} already closed`);
        },
      };
    });
    await queue.work({ concurrency: 2 });
  });
  afterAll(() => queue.cleanup());

  it('retries a partition whose factory throws on its first attempt', async () => {
    const run = await queue.run('flaky', { partitions: 3, attempts: 3, backoff: FAST });
    const result = await run.done();
    expect(result.failed).toEqual([]);
    expect(result.partitions.map((p) => [p.index, p.attempts])).toEqual([
      [0, 1],
      [1, 2],
      [2, 1],
    ]);
    expect(attemptsSeen.get(`${run.runId}/1`)).toBe(2);
    expect(result.summary.create).toBe(12 * (1 + 4 * 4));
    // dispose runs after each partition that got its adapters
    expect(disposed.filter((d) => d.startsWith('flaky')).sort()).toEqual(['flaky 0 attempt 1', 'flaky 1 attempt 2', 'flaky 2 attempt 1']);
  });

  it('reports a partition that keeps failing with its last error while the others complete; dispose still runs', async () => {
    const run = await queue.run('broken', { partitions: 4, attempts: 2, backoff: FAST });
    const progress: number[] = [];
    run.on('progress', (p) => progress.push(p.done + p.failed));
    const result = await run.done();
    expect(result.partitions.map((p) => p.index)).toEqual([0, 1, 3]);
    expect(result.failed).toEqual([{ index: 2, error: 'the source API answered 503 for partition 2', attempts: 2 }]);
    expect(progress[progress.length - 1]).toBe(4);
    expect(disposed.filter((d) => d === 'broken 2')).toHaveLength(2);
    const created = result.partitions.reduce((n, p) => n + p.summary.create, 0);
    expect(result.summary.create).toBe(created);
  });

  it('fails every partition of an unknown sync name with the names this worker defines', async () => {
    const result = await (await queue.run('nope', { partitions: 2, attempts: 1 })).done();
    expect(result.partitions).toEqual([]);
    expect(result.failed).toEqual(
      [0, 1].map((index) => ({
        index,
        attempts: 1,
        error: "no sync named 'nope' is defined in this worker (defined: 'flaky', 'broken', 'not-adapters', 'bad-dispose')",
      })),
    );
  });

  it('fails a partition whose factory returns something other than two adapters', async () => {
    const result = await (await queue.run('not-adapters', { partitions: 1, attempts: 1 })).done();
    expect(result.failed[0]?.error).toMatch(
      /the factory of sync 'not-adapters' must return \{ source: Adapter, target: Adapter, dispose\? \}, got \{ source, target \}/,
    );
  });

  it("reports a failing dispose, but keeps a failed partition's own error", async () => {
    const result = await (await queue.run('bad-dispose', { partitions: 2, attempts: 1 })).done();
    expect(result.failed).toEqual([
      { index: 0, attempts: 1, error: "dispose() of sync 'bad-dispose' failed: connection 0 already closed" },
      { index: 1, attempts: 1, error: 'the target is read-only today' },
    ]);
  });

  it('refuses bad run options before touching Redis', async () => {
    await expect(queue.run('flaky', { partitions: 0 })).rejects.toThrow('run() option partitions must be a positive integer, got 0.');
    await expect(queue.run('flaky', { mode: 'push' as never })).rejects.toThrow("run() option mode must be 'sync' or 'diff'");
    expect(() => new SyncQueue({ name: 'a:b', connection: 'redis://127.0.0.1:6379' })).toThrow('SyncQueue name "a:b" is not valid');
  });
});

describe('SyncQueue cancel', () => {
  it('drops the partitions no worker started; started ones finish; done() lists the dropped ones as cancelled', async () => {
    const queue = testQueue();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let firstStarted!: () => void;
    const started = new Promise<void>((resolve) => (firstStarted = resolve));
    const built: number[] = [];
    queue.define('slow', async (partition) => {
      built.push(partition.index);
      firstStarted();
      await gate;
      return memoryPair(partition);
    });
    try {
      const run = await queue.run('slow', { partitions: 5, attempts: 1 });
      const progress: Array<[number, number]> = [];
      run.on('progress', (p) => progress.push([p.done, p.failed]));
      await queue.work({ concurrency: 1 });
      await started;
      expect(await run.cancel()).toBe(4);
      release();
      const result = await run.done();
      expect(progress.at(-1)).toEqual([1, 4]); // cancelled partitions count as failed
      expect(built).toHaveLength(1);
      expect(result.partitions.map((p) => p.index)).toEqual(built);
      expect(result.failed).toHaveLength(4);
      for (const f of result.failed) expect(f).toEqual({ index: f.index, error: CANCELLED, attempts: 0 });
      await expect(queue.cancel(run.runId)).rejects.toThrow(`has no run '${run.runId}'`);
    } finally {
      release();
      await queue.cleanup();
    }
  });
});

describe('SyncQueue with Redis unreachable', () => {
  it('fails run() and work() with an error naming the URL, password hidden, instead of retrying forever', async () => {
    const queue = new SyncQueue({ name: 'unreachable', connection: 'redis://ops:s3cret@127.0.0.1:1/0', connectTimeoutMs: 1000 });
    queue.define('x', () => {
      throw new Error('never built');
    });
    const run = queue.run('x', { partitions: 2 });
    await expect(run).rejects.toBeInstanceOf(QueueUnavailableError);
    await expect(run).rejects.toThrow(
      /^Redis at redis:\/\/ops:\*\*\*@127\.0\.0\.1:1\/0 is unreachable \(.+\); start Redis there or pass SyncQueue another 'connection'\.$/,
    );
    await expect(queue.work()).rejects.toThrow(/Redis at redis:\/\/ops:\*\*\*@127\.0\.0\.1:1\/0 is unreachable/);
    await expect(queue.connect()).rejects.toBeInstanceOf(QueueUnavailableError);
    const error = (await queue.work().catch((e: unknown) => e)) as QueueUnavailableError;
    expect(error.message).not.toContain('s3cret');
    expect(error.url).toBe('redis://ops:***@127.0.0.1:1/0');
    expect(error.message).toContain('ECONNREFUSED');
    expect((error.cause as Error).message).toContain('ECONNREFUSED');
    await queue.close();
  });

  it('bounds the wait on a server that accepts the connection and never answers', async () => {
    const sockets: Socket[] = [];
    const silent = createServer((socket) => void sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as AddressInfo;
    const queue = new SyncQueue({ name: 'silent', connection: `redis://127.0.0.1:${port}`, connectTimeoutMs: 500 });
    try {
      await expect(queue.run('x')).rejects.toThrow(`Redis at redis://127.0.0.1:${port} is unreachable (no answer within 500 ms)`);
      await expect(queue.work()).rejects.toThrow(`Redis at redis://127.0.0.1:${port} is unreachable (no answer within 500 ms)`);
    } finally {
      await queue.close();
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});
