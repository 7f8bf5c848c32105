import { ExitCode } from '../errors';
import type { CliIO } from '../run/options';
import { parsePositiveInteger } from '../run/options';
import type { SessionOptions } from '../run/session';
import { openSession } from '../run/session';
import type { QueueOptions } from '../run/queue';
import { defineConfigPairs, loadQueueModule, openQueue, queueFailure } from '../run/queue';
import { summaryLine } from '../report/report-input';

export interface WorkerCommandOptions extends SessionOptions, QueueOptions {
  concurrency?: string;
}

interface PartitionJob {
  kind?: string;
  sync?: string;
  index?: number;
  count?: number;
}

/** Resolves with the first SIGINT / SIGTERM; a second one exits at once (the partition goes back to the queue). */
function stopSignal(io: CliIO): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    let stopping = false;
    const onSignal = (signal: NodeJS.Signals): void => {
      if (stopping) {
        io.stderr.write(`diffsync worker: ${signal} again: stopping now; the running partitions go back to the queue for another worker.\n`);
        process.exit(130);
      }
      stopping = true;
      resolve(signal);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}

/**
 * `diffsync worker`: take partitions of runs from the queue until SIGINT / SIGTERM, then
 * finish the running partitions and close. It can run the sync `A->B` for every ordered
 * pair of the config's adapters, building both with `{ partition }`.
 */
export async function workerCommand(options: WorkerCommandOptions, io: CliIO): Promise<number> {
  const concurrency = parsePositiveInteger('--concurrency', options.concurrency, 1);
  const mod = loadQueueModule(io.cwd, 'worker');
  const session = await openSession(io.cwd, options);
  const queue = openQueue(mod, session, options);
  const syncs = defineConfigPairs(queue, session);
  const say = (line: string): void => {
    if (!options.quiet) io.stderr.write(`diffsync worker: ${line}\n`);
  };
  try {
    const worker = await queue.work({ concurrency });
    const redis = mod.redactRedisUrl(options.redis);
    say(`ready: queue '${queue.name}' at ${redis}, concurrency ${concurrency}; syncs ${syncs.join(', ')}`);
    const partitionOf = (job: { data?: unknown } | undefined): PartitionJob | undefined => {
      const data = job?.data as PartitionJob | undefined;
      return data?.kind === 'partition' ? data : undefined;
    };
    worker.worker.on('active', (job) => {
      const p = partitionOf(job);
      if (p) say(`${p.sync} partition ${p.index}/${p.count}: started (attempt ${job.attemptsStarted})`);
    });
    worker.worker.on('completed', (job, result: { summary?: Parameters<typeof summaryLine>[0]; ms?: number } | undefined) => {
      const p = partitionOf(job);
      if (p && result?.summary) say(`${p.sync} partition ${p.index}/${p.count}: done in ${Math.round(result.ms ?? 0)} ms; ${summaryLine(result.summary)}`);
    });
    worker.worker.on('failed', (job, error) => {
      const p = partitionOf(job);
      if (p) say(`${p.sync} partition ${p.index}/${p.count}: attempt ${job?.attemptsMade ?? '?'} failed: ${error.message}`);
    });
    const signal = await stopSignal(io);
    say(`${signal}: finishing the running partitions, then stopping (send ${signal} again to stop at once)`);
  } catch (error) {
    await queue.close().catch(() => undefined);
    throw queueFailure(mod, error);
  }
  await queue.close();
  say('stopped');
  return ExitCode.OK;
}
