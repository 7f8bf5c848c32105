import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { redisUrl } from '../../../test-support/services';
import type { ScratchSchema } from './support';
import { scratchSchema, testQueue, wholeDiff } from './support';

const tsRun = join(__dirname, '..', '..', '..', 'test-support', 'ts-run.js');
const SHAPE = { sites: 60, version: 1 };

interface WorkerProcess {
  child: ChildProcess;
  ready: Promise<void>;
  started: number[];
  onStart(listener: (index: number) => void): void;
  exited: Promise<NodeJS.Signals | number | null>;
}

function startWorker(queueName: string, pgUrl: string, delayMs: number): WorkerProcess {
  const child = spawn(
    process.execPath,
    [tsRun, join(__dirname, 'fixtures', 'worker-process.ts'), redisUrl(), queueName, pgUrl, String(SHAPE.sites), String(SHAPE.version), String(delayMs)],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const started: number[] = [];
  const listeners: Array<(index: number) => void> = [];
  let markReady!: () => void;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  createInterface({ input: child.stdout }).on('line', (line) => {
    if (line.startsWith('ready ')) markReady();
    const match = /^started (\d+) /.exec(line);
    if (match) {
      started.push(Number(match[1]));
      for (const l of listeners) l(Number(match[1]));
    }
  });
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.on('exit', (code, signal) => resolve(signal ?? code)));
  return { child, ready, started, onStart: (l) => listeners.push(l), exited };
}

describe('SyncQueue run worked by two worker processes', () => {
  let db: ScratchSchema;
  beforeAll(async () => {
    db = await scratchSchema();
  });
  afterAll(() => db.cleanup());

  it('completes although one worker is SIGKILLed in the middle of a partition; a fresh whole diff is empty', async () => {
    const queue = testQueue();
    const a = startWorker(queue.name, db.url, 1500);
    const b = startWorker(queue.name, db.url, 1500);
    try {
      await Promise.all([a.ready, b.ready]);
      const expected = (await wholeDiff(db.url, SHAPE)).summary();
      let killedIndex = -1;
      a.onStart((index) => {
        if (killedIndex >= 0) return;
        killedIndex = index;
        a.child.kill('SIGKILL'); // mid-partition: it is waiting inside the factory
      });
      const run = await queue.run('inventory', { partitions: 6, mode: 'sync' });
      const result = await run.done();
      expect(await a.exited).toBe('SIGKILL');

      expect(killedIndex).toBeGreaterThanOrEqual(0);
      expect(result.failed).toEqual([]);
      expect(result.partitions.map((p) => p.index)).toEqual([0, 1, 2, 3, 4, 5]);
      // the killed partition was recovered by BullMQ's stalled check and re-run by the other worker
      expect(result.partitions[killedIndex].attempts).toBe(2);
      expect(b.started).toContain(killedIndex);
      expect(result.summary).toEqual(expected);
      expect((await wholeDiff(db.url, SHAPE)).hasDiffs()).toBe(false);
    } finally {
      for (const w of [a, b]) if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill('SIGTERM');
      await Promise.all([a.exited, b.exited]);
      await queue.cleanup();
    }
  }, 90000);
});
