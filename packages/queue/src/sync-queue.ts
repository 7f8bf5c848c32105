import { randomUUID } from 'node:crypto';
import type { DiffJSON, SyncLogger } from '@diffsync/core';
import { Diff, getDefaultLogger, InvalidArgumentError } from '@diffsync/core';
import type { RedisOptions } from 'bullmq';
import { FlowProducer, Job, Queue, QueueEvents, Worker } from 'bullmq';
import { collectRun } from './collect-run';
import type { ResolvedConnection } from './connection';
import { probeRedis, resolveConnection } from './connection';
import { QueueUnavailableError, RunFailedError } from './errors';
import { parseJobId, partitionJobId, runJobId } from './job-ids';
import { runPartitionJob } from './partition-job';
import type { RunOwner } from './sync-run';
import { SyncRun } from './sync-run';
import { SyncWorker } from './sync-worker';
import { validateRunOptions, validateWorkOptions } from './validate';
import type {
  PartitionJobData,
  PartitionJobResult,
  RunJobData,
  RunJobResult,
  RunOptions,
  RunResult,
  SyncFactory,
  SyncQueueOptions,
  WorkOptions,
} from './types';

const DEFAULT_CONNECT_TIMEOUT_MS = 5000;
const DEFAULT_RETENTION_SECONDS = 86400;
const DEFAULT_RETENTION_COUNT = 1000;

interface Producer {
  queue: Queue;
  flow: FlowProducer;
  events: QueueEvents;
}

/**
 * Partitioned, distributed runs of diffsync syncs on a BullMQ queue. Every worker process
 * `define`s the syncs it can run and calls `work()`; any process `run()`s a sync: one
 * BullMQ flow per run, one child job per partition, a parent job that collects results.
 *
 * @throws {@link QueueUnavailableError} from `connect`, `work` and `run` when Redis does not
 * answer within `connectTimeoutMs`. A worker asked for a sync it did not `define` fails that
 * partition with {@link UnknownSyncError}.
 *
 * @example
 * ```ts
 * const queue = new SyncQueue({ name: 'inventory', connection: 'redis://127.0.0.1:6379' });
 * queue.define('netbox-to-lab', ({ index, count }) => ({
 *   source: new NetboxAdapter({ partition: { index, count } }),
 *   target: new LabAdapter({ partition: { index, count } }),
 * }));
 * await queue.work({ concurrency: 2 });            // in every worker process
 *
 * const run = await queue.run('netbox-to-lab', { partitions: 8 }); // in any process
 * run.on('progress', (p) => console.log(`${p.done}/${p.total}`));
 * const result = await run.done();
 * console.log(result.summary, result.failed);
 * ```
 */
export class SyncQueue implements RunOwner {
  /** The BullMQ queue name. */
  readonly name: string;
  /** The Redis key prefix of the queue. */
  readonly prefix: string;
  private readonly connection: ResolvedConnection;
  private readonly connectTimeoutMs: number;
  private readonly retentionSeconds: number;
  private readonly retentionCount: number;
  private readonly logger: SyncLogger;
  private readonly definitions = new Map<string, SyncFactory>();
  private readonly runs = new Map<string, SyncRun>();
  private readonly workers = new Set<SyncWorker>();
  private queueHandle?: Promise<Queue>;
  private producer?: Promise<Producer>;
  private closed = false;

  constructor(options: SyncQueueOptions) {
    if (!options || typeof options !== 'object') throw new InvalidArgumentError('new SyncQueue() needs options: { name, connection }.');
    const { name } = options;
    if (typeof name !== 'string' || name.length === 0 || name.includes(':')) {
      throw new InvalidArgumentError(`SyncQueue name ${JSON.stringify(name)} is not valid: use a non-empty string without ':' (it is part of the Redis keys).`);
    }
    this.name = name;
    this.prefix = options.prefix ?? 'bull';
    this.connection = resolveConnection(options.connection);
    this.connectTimeoutMs = options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
    this.retentionSeconds = options.retentionSeconds ?? DEFAULT_RETENTION_SECONDS;
    this.retentionCount = options.retentionCount ?? DEFAULT_RETENTION_COUNT;
    this.logger = options.logger ?? getDefaultLogger();
  }

  /** Names a sync this process can run; `factory(partition, context)` builds its two adapters. */
  define(name: string, factory: SyncFactory): this {
    if (typeof name !== 'string' || name.length === 0) throw new InvalidArgumentError('SyncQueue.define() needs a non-empty sync name.');
    if (typeof factory !== 'function')
      throw new InvalidArgumentError(`SyncQueue.define('${name}', factory): factory must be a function returning { source, target }.`);
    this.definitions.set(name, factory);
    return this;
  }

  /**
   * Connects now (run(), work() and cancel() connect on first use): fails with
   * QueueUnavailableError, naming the URL, when Redis does not answer within connectTimeoutMs.
   */
  async connect(): Promise<this> {
    this.assertOpen('connect');
    await this.getQueue();
    return this;
  }

  /** The sync names this process defined. */
  defined(): string[] {
    return [...this.definitions.keys()];
  }

  /**
   * Starts a worker taking partitions of any run of this queue. Fails with
   * QueueUnavailableError (naming the URL) when Redis does not answer within connectTimeoutMs.
   */
  async work(options: WorkOptions = {}): Promise<SyncWorker> {
    this.assertOpen('work');
    const settings = validateWorkOptions(options);
    const queue = await this.getQueue();
    const worker = new Worker(
      this.name,
      async (job: Job) => {
        if ((job.data as RunJobData).kind === 'run') return collectRun(job as Job<RunJobData>, queue);
        return runPartitionJob(job as Job<PartitionJobData>, this.definitions);
      },
      { connection: this.bullConnection(), prefix: this.prefix, autorun: true, ...settings },
    );
    worker.on('error', (error) => this.logger.error(`SyncQueue '${this.name}' worker error: ${error.message}`, { queue: this.name }));
    worker.on('failed', (job, error) => {
      if (job)
        this.logger.warn(`SyncQueue '${this.name}' job ${job.id} attempt ${job.attemptsMade} failed: ${error.message}`, { queue: this.name, jobId: job.id });
    });
    try {
      await this.bounded(worker.waitUntilReady(), 'start a worker');
    } catch (error) {
      await worker.close(true).catch(() => undefined); // stop its reconnection attempts
      throw error;
    }
    const handle = new SyncWorker(worker, (w) => this.workers.delete(w));
    this.workers.add(handle);
    return handle;
  }

  /**
   * Starts a run: adds one BullMQ flow (a parent job and one child job per partition) and
   * returns at once; follow it with `run.on('progress', …)` and `await run.done()`.
   */
  async run(name: string, options: RunOptions = {}): Promise<SyncRun> {
    this.assertOpen('run');
    if (typeof name !== 'string' || name.length === 0) throw new InvalidArgumentError('SyncQueue.run() needs the name of a defined sync.');
    const opts = validateRunOptions(options);
    const { flow } = await this.getProducer();
    const runId = randomUUID();
    const run = new SyncRun(this, runId, name, opts.mode, opts.partitions, opts.keepDiff);
    this.runs.set(runId, run);
    // failed partitions: by age only (a count could evict those of a run not collected yet)
    const retention = { age: this.retentionSeconds };
    // finished runs nobody collected: by age, and at most retentionCount of them
    const runRetention = { age: this.retentionSeconds, count: this.retentionCount };
    const children = [];
    for (let index = 0; index < opts.partitions; index++) {
      const data: PartitionJobData = {
        kind: 'partition',
        runId,
        sync: name,
        index,
        count: opts.partitions,
        mode: opts.mode,
        flags: opts.flags,
        keepDiff: opts.keepDiff,
      };
      children.push({
        name,
        queueName: this.name,
        prefix: this.prefix,
        data,
        opts: {
          jobId: partitionJobId(runId, index),
          attempts: opts.attempts,
          backoff: opts.backoff,
          // a failed partition is recorded in the parent's failed list and does not block it
          ignoreDependencyOnFailure: true,
          // a completed partition's result lives on in the parent's processed hash
          removeOnComplete: true,
          // a failed partition's job (its attempts) is kept until done() collected the run
          removeOnFail: retention,
        },
      });
    }
    const parent: RunJobData = { kind: 'run', runId, sync: name, count: opts.partitions, mode: opts.mode };
    try {
      await this.bounded(
        flow.add({
          name: `${name} (run)`,
          queueName: this.name,
          prefix: this.prefix,
          data: parent,
          opts: {
            jobId: runJobId(runId),
            attempts: 3,
            backoff: { type: 'exponential', delay: 1000 },
            removeOnComplete: runRetention,
            removeOnFail: runRetention,
          },
          children,
        }),
        'add the run',
        this.connectTimeoutMs + opts.partitions, // adding a flow takes longer with many partitions
      );
    } catch (error) {
      this.runs.delete(runId);
      throw error;
    }
    return run;
  }

  /**
   * Drops the partitions of a run that no worker has started yet (they are reported in
   * `failed` as cancelled); partitions already started (running, or waiting for a retry)
   * finish normally, so no partition is left half-synced. Returns how many were dropped.
   */
  async cancel(runId: string): Promise<number> {
    this.assertOpen('cancel');
    const queue = await this.getQueue();
    const parent = await Job.fromId<RunJobData>(queue, runJobId(runId));
    if (!parent) throw new InvalidArgumentError(`SyncQueue '${this.name}' has no run '${runId}' (a run's jobs are removed once done() returned).`);
    let dropped = 0;
    for (let index = 0; index < parent.data.count; index++) {
      const id = partitionJobId(runId, index);
      const job = await Job.fromId(queue, id);
      if (!job || job.attemptsStarted > 0) continue;
      // refused (0) when a worker took it meanwhile: BullMQ does not remove locked jobs
      if ((await queue.remove(id)) === 1) dropped++;
    }
    return dropped;
  }

  /**
   * Closes the workers (waiting for their running partitions), the event listener and the
   * connections. Runs still pending in Redis go on with other processes' workers; their
   * `done()` here rejects.
   */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.workers].map((w) => w.close()));
    for (const run of this.runs.values()) run.parentFailed(`SyncQueue '${this.name}' was closed before the run finished`);
    this.runs.clear();
    const producer = this.producer && (await this.producer.catch(() => undefined));
    if (producer) await Promise.all([producer.events.close(), producer.flow.close()]);
    const queue = this.queueHandle && (await this.queueHandle.catch(() => undefined));
    if (queue) await queue.close();
  }

  /** Removes every key of this queue from Redis (all runs, finished or not). For tests and resets. */
  async obliterate(): Promise<void> {
    this.assertOpen('obliterate');
    const queue = await this.getQueue();
    await queue.obliterate({ force: true });
  }

  /** @internal RunOwner */
  async parentState(run: SyncRun): Promise<'completed' | 'pending' | { failed: string }> {
    if (this.closed) return { failed: `SyncQueue '${this.name}' was closed` };
    const queue = await this.getQueue();
    const job = await Job.fromId(queue, runJobId(run.runId));
    if (!job) return { failed: 'its jobs are gone from Redis (removed or obliterated)' };
    const state = await job.getState();
    if (state === 'completed') return 'completed';
    if (state === 'failed') return { failed: job.failedReason };
    return 'pending';
  }

  /** @internal RunOwner: reads the parent's result (and diffs), then removes the run's jobs. */
  async collect(run: SyncRun): Promise<RunResult> {
    const queue = await this.getQueue();
    const job = await Job.fromId<RunJobData, RunJobResult>(queue, runJobId(run.runId));
    if (!job || !job.returnvalue) throw new RunFailedError(`run ${run.runId} of sync '${run.name}' finished but its result is gone from Redis`);
    const collected = job.returnvalue;
    const result: RunResult = {
      runId: run.runId,
      name: run.name,
      mode: run.mode,
      summary: collected.summary,
      partitions: collected.partitions,
      failed: collected.failed,
    };
    let values: PartitionJobResult[] = [];
    try {
      if (run.keepDiff) values = Object.values(await job.getChildrenValues<PartitionJobResult>());
    } finally {
      // the run is collected: its parent, the children's results and failed children go
      await job.remove({ removeChildren: true });
    }
    if (run.keepDiff) {
      values.sort((a, b) => a.index - b.index);
      result.diff = Diff.merge(...values.map((v) => Diff.fromJSON(v.diff as DiffJSON)));
    }
    return result;
  }

  /** @internal RunOwner */
  forget(run: SyncRun): void {
    this.runs.delete(run.runId);
  }

  private bullConnection(): RedisOptions {
    return { ...this.connection.options };
  }

  private assertOpen(what: string): void {
    if (this.closed) throw new InvalidArgumentError(`SyncQueue '${this.name}' is closed; cannot ${what}.`);
  }

  /** A BullMQ call that must not wait forever on a Redis that went away. */
  private async bounded<T>(promise: Promise<T>, what: string, ms = this.connectTimeoutMs): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([
        promise,
        new Promise<never>((_resolve, reject) => {
          timer = setTimeout(
            () =>
              reject(
                new QueueUnavailableError(`Redis at ${this.connection.display} did not answer within ${ms} ms (trying to ${what}).`, this.connection.display),
              ),
            ms,
          );
        }),
      ]);
    } finally {
      if (timer) clearTimeout(timer);
    }
  }

  /** The BullMQ Queue (job lookups, removal), opened after a bounded probe of Redis. */
  private getQueue(): Promise<Queue> {
    this.queueHandle ??= this.openQueue();
    this.queueHandle.catch(() => {
      this.queueHandle = undefined; // a later call probes again
    });
    return this.queueHandle;
  }

  private async openQueue(): Promise<Queue> {
    await probeRedis(this.connection, this.connectTimeoutMs);
    const queue = new Queue(this.name, { connection: this.bullConnection(), prefix: this.prefix });
    queue.on('error', this.report('queue'));
    try {
      await this.bounded(queue.waitUntilReady(), 'open the queue');
    } catch (error) {
      await queue.close().catch(() => undefined);
      throw error;
    }
    return queue;
  }

  /** What starting and following runs needs (only processes that call run() open it). */
  private getProducer(): Promise<Producer> {
    this.producer ??= this.openProducer();
    this.producer.catch(() => {
      this.producer = undefined;
    });
    return this.producer;
  }

  private async openProducer(): Promise<Producer> {
    const queue = await this.getQueue();
    // Read where the event stream ends now: the event listener starts there, so no event
    // of a run added later is missed.
    const eventsKey = `${this.prefix}:${this.name}:events`;
    const last = await probeRedis(this.connection, this.connectTimeoutMs, (client) => client.xrevrange(eventsKey, '+', '-', 'COUNT', 1));
    const lastEventId = last?.[0]?.[0] ?? '0-0';
    const connection = this.bullConnection();
    const flow = new FlowProducer({ connection, prefix: this.prefix });
    flow.on('error', this.report('flow producer'));
    const events = new QueueEvents(this.name, { connection, prefix: this.prefix, lastEventId, autorun: true });
    events.on('error', this.report('event listener'));
    this.listen(events);
    try {
      await this.bounded(events.waitUntilReady(), 'listen to the queue events');
    } catch (error) {
      await Promise.all([events.close(), flow.close()]).catch(() => undefined);
      throw error;
    }
    return { queue, flow, events };
  }

  private report(what: string): (error: Error) => void {
    return (error) => this.logger.error(`SyncQueue '${this.name}' ${what} error: ${error.message}`, { queue: this.name });
  }

  private listen(events: QueueEvents): void {
    const lookup = (jobId: string) => {
      const parsed = parseJobId(jobId);
      const run = parsed && this.runs.get(parsed.runId);
      return run && parsed ? { run, parsed } : undefined;
    };
    events.on('completed', ({ jobId, returnvalue }) => {
      const found = lookup(jobId);
      if (!found) return;
      if (found.parsed.kind === 'run') found.run.parentCompleted();
      else found.run.partitionCompleted(found.parsed.index, (returnvalue as unknown as PartitionJobResult | undefined)?.summary);
    });
    events.on('failed', ({ jobId, failedReason }) => {
      const found = lookup(jobId);
      if (!found) return;
      if (found.parsed.kind === 'run') found.run.parentFailed(failedReason);
      else found.run.partitionFailed(found.parsed.index);
    });
    events.on('removed', ({ jobId }) => {
      const found = lookup(jobId);
      if (!found) return;
      if (found.parsed.kind === 'run') found.run.parentFailed('its parent job was removed from Redis');
      else found.run.partitionFailed(found.parsed.index);
    });
  }
}
