import type { ChildProcess } from 'node:child_process';
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DiffElementJSON, DiffJSON } from '@diffsync/core';
import { SyncQueue } from '@diffsync/queue';
import { redisUrl, uniqueId } from '../../../test-support/services';
import { BIN, buildCli, diffsync, makeWorkdir, REPO, SOURCE_ROWS } from './harness';

// `diffsync worker` and `diffsync run` as real processes on the real Redis, each test on a
// queue of its own.
jest.setTimeout(120000);

/** The fixture config, plus `slow` (its factory waits SLOW_MS) and `broken` (partition 1 cannot be built). */
const QUEUE_CONFIG = `import { join } from 'node:path';
import { defineConfig } from '@diffsync/cli';
import { JsonInventory } from './inventory';

export default defineConfig({
  adapters: {
    a: () => new JsonInventory(join(__dirname, 'a.json'), 'A'),
    b: () => new JsonInventory(join(__dirname, 'b.json'), 'B'),
    slow: async () => {
      await new Promise((resolve) => setTimeout(resolve, Number(process.env['SLOW_MS'] ?? 0)));
      return new JsonInventory(join(__dirname, 'b.json'), 'B');
    },
    broken: ({ partition }) => {
      if (partition?.index === 1) throw new Error('partition 1 of broken cannot be built');
      return new JsonInventory(join(__dirname, 'b.json'), 'B');
    },
  },
});
`;

let work: { dir: string; cleanup: () => void };
let queueName: string;
const workers: WorkerProcess[] = [];
const others: ChildProcess[] = [];

beforeAll(() => buildCli());
beforeEach(() => {
  work = makeWorkdir({ config: QUEUE_CONFIG });
  queueName = uniqueId('cli');
});
afterEach(async () => {
  for (const child of others.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  for (const w of workers.splice(0)) {
    if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill('SIGKILL');
    await w.exited;
  }
  const eraser = new SyncQueue({ name: queueName, connection: redisUrl() });
  await eraser.obliterate();
  await eraser.close();
  work.cleanup();
});

interface WorkerProcess {
  child: ChildProcess;
  /** Everything it wrote on stderr so far. */
  stderr(): string;
  /** Resolves once its stderr contains `text`. */
  waitFor(text: string): Promise<void>;
  exited: Promise<number | NodeJS.Signals | null>;
}

function startWorker(args: string[] = [], env: NodeJS.ProcessEnv = {}): WorkerProcess {
  const child = spawn(process.execPath, [BIN, 'worker', '--redis', redisUrl(), '--queue', queueName, ...args], {
    cwd: work.dir,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let text = '';
  const waiting: Array<{ text: string; resolve: () => void }> = [];
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    text += chunk;
    for (const w of waiting.splice(0)) {
      if (text.includes(w.text)) w.resolve();
      else waiting.push(w);
    }
  });
  const exited = new Promise<number | NodeJS.Signals | null>((resolve) => child.on('exit', (code, signal) => resolve(signal ?? code)));
  const worker: WorkerProcess = {
    child,
    stderr: () => text,
    waitFor: (wanted) =>
      new Promise<void>((resolve, reject) => {
        if (text.includes(wanted)) return resolve();
        waiting.push({ text: wanted, resolve });
        void exited.then((how) => reject(new Error(`the worker exited (${String(how)}) before writing "${wanted}"; stderr:\n${text}`)));
      }),
    exited,
  };
  workers.push(worker);
  return worker;
}

/** `diffsync args…` without blocking this process (the workers' output keeps flowing). */
function diffsyncAsync(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: work.dir, stdio: ['ignore', 'pipe', 'pipe'] });
    others.push(child);
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const runArgs = (...more: string[]): string[] => ['run', '--redis', redisUrl(), '--queue', queueName, ...more];

/** A diff's elements in a canonical order (a merged diff's group order may differ). */
function canonical(json: DiffJSON): unknown {
  const sort = (elements: DiffElementJSON[] | undefined): unknown =>
    [...(elements ?? [])]
      .sort((x, y) => `${x.type}\u0000${x.name}`.localeCompare(`${y.type}\u0000${y.name}`))
      .map((e) => ({ ...e, children: sort(e.children) }));
  return { ...json, elements: sort(json.elements) };
}

describe('diffsync run on diffsync worker processes', () => {
  it('two workers, --mode diff: the summary (and the merged diff) equal diffsync diff; SIGTERM stops each worker with exit 0', async () => {
    const one = startWorker();
    const two = startWorker(['--concurrency', '2']);
    await Promise.all([one.waitFor('ready:'), two.waitFor('ready:')]);
    expect(one.stderr()).toContain(`ready: queue '${queueName}' at ${redisUrl()}, concurrency 1; syncs a->a, a->b, a->slow, a->broken, b->a,`);

    const whole = diffsync(work.dir, ['diff', '--from', 'a', '--to', 'b']);
    const summaryLine = whole.stdout.trim().split('\n').pop();
    expect(summaryLine).toBe('summary: create 3, update 1, delete 3, no-change 1, skip 0');

    const run = await diffsyncAsync(runArgs('--from', 'a', '--to', 'b', '--partitions', '6', '--mode', 'diff'));
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`a->b: 6 of 6 partitions done, 0 failed (diff)\n${summaryLine}\n`);

    const json = await diffsyncAsync(runArgs('--from', 'a', '--to', 'b', '--partitions', '4', '--mode', 'diff', '--format', 'json'));
    expect(json.code).toBe(0);
    const expected = JSON.parse(diffsync(work.dir, ['diff', '--from', 'a', '--to', 'b', '--format', 'json']).stdout) as DiffJSON;
    expect(canonical(JSON.parse(json.stdout) as DiffJSON)).toEqual(canonical(expected));

    // between them, the workers ran every partition of the first run
    const ran = new Set([...`${one.stderr()}${two.stderr()}`.matchAll(/a->b partition (\d)\/6: done in \d+ ms; summary: /g)].map((m) => Number(m[1])));
    expect([...ran].sort()).toEqual([0, 1, 2, 3, 4, 5]);
    for (const w of [one, two]) w.child.kill('SIGTERM');
    expect(await one.exited).toBe(0);
    expect(await two.exited).toBe(0);
    expect(one.stderr()).toContain('SIGTERM: finishing the running partitions, then stopping');
    expect(one.stderr().trimEnd().endsWith('diffsync worker: stopped')).toBe(true);
  });

  it('--mode sync (the default) makes the destination like the source: the next diff is empty', async () => {
    const worker = startWorker();
    await worker.waitFor('ready:');
    const run = await diffsyncAsync(runArgs('--from', 'a', '--to', 'b', '--partitions', '3'));
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('a->b: 3 of 3 partitions done, 0 failed (sync)\nsummary: create 3, update 1, delete 3, no-change 1, skip 0\n');
    expect(JSON.parse(readFileSync(join(work.dir, 'b.json'), 'utf8'))).toEqual(SOURCE_ROWS);
    expect(diffsync(work.dir, ['diff', '--from', 'a', '--to', 'b', '--exit-code']).code).toBe(0);
  });

  it('SIGTERM while a partition runs: the worker finishes it, then exits 0; the run completes', async () => {
    const worker = startWorker([], { SLOW_MS: '1500' });
    await worker.waitFor('ready:');
    const run = diffsyncAsync(runArgs('--from', 'a', '--to', 'slow', '--partitions', '1', '--mode', 'diff'));
    await worker.waitFor('a->slow partition 0/1: started');
    worker.child.kill('SIGTERM');
    expect(await worker.exited).toBe(0);
    const done = worker.stderr().indexOf('a->slow partition 0/1: done');
    expect(done).toBeGreaterThan(worker.stderr().indexOf('SIGTERM: finishing'));
    // the run's results are collected by a job too: another worker picks it up
    const next = startWorker();
    await next.waitFor('ready:');
    const result = await run;
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('a->slow: 1 of 1 partition done, 0 failed (diff)\nsummary: create 3, update 1, delete 3, no-change 1, skip 0\n');
  });

  it('partitions that fail every attempt are listed and the run exits 3; the others complete', async () => {
    const worker = startWorker();
    await worker.waitFor('ready:');
    const run = await diffsyncAsync(runArgs('--from', 'a', '--to', 'broken', '--partitions', '3', '--mode', 'diff', '--attempts', '1'));
    expect(run.code).toBe(3);
    expect(run.stderr).toBe(
      'partition 1 of a->broken failed after 1 attempt: partition 1 of broken cannot be built\n' +
        '1 of 3 partitions failed; their objects were not diffed (run again once fixed).\n',
    );
    expect(run.stdout).toMatch(/^a->broken: 2 of 3 partitions done, 1 failed \(diff\)\nsummary: create \d+, update \d+, delete \d+, no-change \d+, skip 0\n$/);
    expect(worker.stderr()).toContain('a->broken partition 1/3: attempt 1 failed: partition 1 of broken cannot be built');
  });

  it('a progress bar of the partitions on a terminal', async () => {
    const worker = startWorker();
    await worker.waitFor('ready:');
    const command = [process.execPath, BIN, ...runArgs('--from', 'a', '--to', 'b', '--partitions', '2', '--mode', 'diff')]
      .map((a) => `'${a.replace(/'/g, `'\\''`)}'`)
      .join(' ');
    const screen = await new Promise<{ code: number | null; out: string }>((resolve) => {
      const child = spawn('script', ['-qfec', command, '/dev/null'], { cwd: work.dir, stdio: ['ignore', 'pipe', 'ignore'] });
      let out = '';
      child.stdout.setEncoding('utf8').on('data', (c: string) => (out += c));
      child.on('close', (code) => resolve({ code, out }));
    });
    expect(screen.code).toBe(0);
    expect(screen.out).toMatch(/diff a->b\s+\[[█░]+\] 100% \| 2\/2/);
    expect(screen.out).toContain('summary: create 3, update 1, delete 3, no-change 1, skip 0');
  });
});

describe('worker and run: usage errors exit 2, an unreachable Redis exits 4, nothing hangs', () => {
  it('an adapter name not in the config, before Redis is even asked', () => {
    const r = diffsync(work.dir, ['run', '--from', 'a', '--to', 'nautobot', '--redis', 'redis://127.0.0.1:1', '--partitions', '2']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`diffsync: --to "nautobot" is not an adapter of ${join(work.dir, 'diffsync.config.ts')}; its adapters are: a, b, slow, broken.\n`);
  });

  it.each([
    [['--partitions', '0'], '--partitions must be a positive integer, got "0".'],
    [['--partitions', '2.5'], '--partitions must be a positive integer, got "2.5".'],
    [['--partitions', '2', '--attempts', '0'], '--attempts must be a positive integer, got "0".'],
    [['--partitions', '2', '--format', 'json'], '--format and --out need --mode diff'],
    [['--partitions', '2', '--flags', 'NOPE'], 'Unknown flag "NOPE" in --flags'],
  ])('run %j is refused', (args, message) => {
    const r = diffsync(work.dir, [...runArgs('--from', 'a', '--to', 'b'), ...args]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`diffsync: ${message}`);
  });

  it('required options and --mode choices (commander)', () => {
    const missing = diffsync(work.dir, ['run', '--from', 'a', '--to', 'b', '--redis', redisUrl()]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("required option '--partitions <n>' not specified");
    const mode = diffsync(work.dir, [...runArgs('--from', 'a', '--to', 'b', '--partitions', '1'), '--mode', 'apply']);
    expect(mode.code).toBe(2);
    expect(mode.stderr).toContain("argument 'apply' is invalid. Allowed choices are diff, sync.");
    const redis = diffsync(work.dir, ['worker']);
    expect(redis.code).toBe(2);
    expect(redis.stderr).toContain("required option '--redis <url>' not specified");
    const concurrency = diffsync(work.dir, ['worker', '--redis', redisUrl(), '--concurrency', '0']);
    expect(concurrency.code).toBe(2);
    expect(concurrency.stderr).toContain('--concurrency must be a positive integer, got "0".');
  });

  it('a --redis that is not a Redis URL', () => {
    const r = diffsync(work.dir, ['worker', '--redis', 'http://user:secret@127.0.0.1:6379']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("diffsync: --redis 'http://user:***@127.0.0.1:6379' is not a Redis URL: use redis://[:password@]host:6379[/db] or rediss://….\n");
  });

  it.each([['run'], ['worker']])('%s: an unreachable Redis is named without its password (exit 4)', (command) => {
    const url = 'redis://user:secret@127.0.0.1:1';
    const args = command === 'run' ? ['run', '--from', 'a', '--to', 'b', '--redis', url, '--partitions', '2'] : ['worker', '--redis', url];
    const r = diffsync(work.dir, args);
    expect(r.code).toBe(4);
    expect(r.stderr).toBe(
      'diffsync: Redis at redis://user:***@127.0.0.1:1 is unreachable (connect ECONNREFUSED 127.0.0.1:1). Start Redis there, or pass another --redis URL.\n',
    );
    expect(r.stderr).not.toContain('secret');
  });

  it.each([
    [
      ['worker', '--help'],
      ['--redis <url>', '--concurrency <n>', '--queue <name>', '--config <file>', 'A->B'],
    ],
    [
      ['run', '--help'],
      ['--from <adapter>', '--redis <url>', '--partitions <n>', '--mode <mode>', '--attempts <n>', '--format <format>', '--queue <name>'],
    ],
    [['--help'], ['worker', 'run', 'partitions of a run failed']],
  ])('%j', (args, expected) => {
    const r = diffsync(work.dir, args);
    expect(r.code).toBe(0);
    for (const text of expected) expect(r.stdout).toContain(text);
  });
});

describe('@diffsync/queue is an optional peer', () => {
  it('worker and run without it: exit 2 naming the package', () => {
    // An install of the command line where every package but @diffsync/queue is present.
    const root = mkdtempSync(join(tmpdir(), 'diffsync-cli-noqueue-'));
    try {
      const modules = join(root, 'node_modules');
      mkdirSync(join(modules, '@diffsync'), { recursive: true });
      for (const entry of readdirSync(join(REPO, 'node_modules'))) {
        if (entry !== '@diffsync' && entry !== '.bin') symlinkSync(join(REPO, 'node_modules', entry), join(modules, entry), 'dir');
      }
      for (const pkg of readdirSync(join(REPO, 'node_modules', '@diffsync'))) {
        if (pkg !== 'queue' && pkg !== 'cli') symlinkSync(join(REPO, 'node_modules', '@diffsync', pkg), join(modules, '@diffsync', pkg), 'dir');
      }
      const cli = join(modules, '@diffsync', 'cli');
      cpSync(join(REPO, 'packages', 'cli', 'dist'), join(cli, 'dist'), { recursive: true });
      cpSync(join(REPO, 'packages', 'cli', 'package.json'), join(cli, 'package.json'));
      cpSync(join(work.dir, 'inventory.ts'), join(root, 'inventory.ts'));
      writeFileSync(join(root, 'diffsync.config.ts'), QUEUE_CONFIG);
      for (const args of [
        ['worker', '--redis', redisUrl()],
        ['run', '--from', 'a', '--to', 'b', '--redis', redisUrl(), '--partitions', '2'],
      ]) {
        const r = spawnSync(process.execPath, [join(cli, 'dist', 'bin.js'), ...args], { cwd: root, encoding: 'utf8', timeout: 60000 });
        expect(r.stderr).toBe(`diffsync: diffsync ${args[0]} needs @diffsync/queue: npm install @diffsync/queue (partitioned runs on BullMQ and Redis).\n`);
        expect(r.status).toBe(2);
      }
      // the other commands work without it
      writeFileSync(join(root, 'a.json'), JSON.stringify(SOURCE_ROWS));
      writeFileSync(join(root, 'b.json'), JSON.stringify(SOURCE_ROWS));
      const diff = spawnSync(process.execPath, [join(cli, 'dist', 'bin.js'), 'diff', '--from', 'a', '--to', 'b', '--exit-code'], {
        cwd: root,
        encoding: 'utf8',
        timeout: 60000,
      });
      expect(diff.stderr).toBe('');
      expect(diff.status).toBe(0);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
