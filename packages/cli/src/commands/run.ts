import type { RunMode, RunResult } from '@diffsync/queue';
import { CliUsageError, ExitCode } from '../errors';
import { isDatabaseUrl } from '../run/database-url';
import { createProgress } from '../run/progress';
import type { CliIO } from '../run/options';
import { parseFlags, parsePositiveInteger, writeOutput } from '../run/options';
import type { SessionOptions } from '../run/session';
import { checkAdapterNames, openSession } from '../run/session';
import type { QueueOptions } from '../run/queue';
import { loadQueueModule, openQueue, queueFailure, syncName } from '../run/queue';
import { parseFormat, renderReport } from '../report/render';
import { summaryLine } from '../report/report-input';

export interface RunCommandOptions extends SessionOptions, QueueOptions {
  from: string;
  to: string;
  partitions: string;
  mode?: string;
  flags?: string;
  attempts?: string;
  format?: string;
  out?: string;
}

/**
 * `diffsync run`: start the sync `A->B` on the queue cut into `--partitions` partitions,
 * follow it (a bar of partitions done / failed on a terminal) and print the summary; with
 * `--mode diff --format F` the merged diff of the partitions in that format. Exit 3 when
 * partitions failed every attempt. The workers (`diffsync worker`) do the work.
 */
export async function runCommand(options: RunCommandOptions, io: CliIO): Promise<number> {
  const partitions = parsePositiveInteger('--partitions', options.partitions, 1);
  const attempts = parsePositiveInteger('--attempts', options.attempts, 3);
  const mode = (options.mode ?? 'sync') as RunMode;
  const flags = parseFlags(options.flags);
  const report = options.format !== undefined || options.out !== undefined;
  if (report && mode !== 'diff') {
    throw new CliUsageError("--format and --out need --mode diff: a sync run brings back each partition's summary, not its diff.");
  }
  const format = parseFormat(options.format ?? 'text');
  for (const [option, value] of [
    ['--from', options.from],
    ['--to', options.to],
  ] as const) {
    if (isDatabaseUrl(value)) {
      throw new CliUsageError(
        `${option}: diffsync run takes adapter names of the config, not database URLs (diff, plan and sync take two URLs without a config).`,
      );
    }
  }
  const mod = loadQueueModule(io.cwd, 'run');
  const session = await openSession(io.cwd, options);
  checkAdapterNames(session, options.from, options.to);
  const queue = openQueue(mod, session, options);
  const progress = createProgress(io.stderr, options.quiet === true);
  const name = syncName(options.from, options.to);
  let result: RunResult;
  try {
    const run = await queue.run(name, { partitions, mode, flags, attempts, keepDiff: report });
    const bar = progress.counter(`${mode} ${name}`, partitions);
    run.on('progress', ({ done, failed }) => bar(done + failed, failed > 0 ? `failed ${failed}` : undefined));
    result = await run.done();
  } catch (error) {
    throw queueFailure(mod, error);
  } finally {
    progress.stop();
    await queue.close();
  }

  for (const f of result.failed) {
    io.stderr.write(`partition ${f.index} of ${name} failed after ${f.attempts} attempt${f.attempts === 1 ? '' : 's'}: ${f.error}\n`);
  }
  const head = `${name}: ${result.partitions.length} of ${partitions} partition${partitions === 1 ? '' : 's'} done, ${result.failed.length} failed (${mode})\n`;
  if (report && result.diff) {
    writeOutput(io, renderReport(format, { diff: result.diff, title: `diffsync run: ${options.from} → ${options.to}` }), options.out);
    if (options.out !== undefined) io.stdout.write(`${head}${summaryLine(result.summary)}\n`);
  } else {
    io.stdout.write(`${head}${summaryLine(result.summary)}\n`);
  }
  if (result.failed.length > 0) {
    io.stderr.write(
      `${result.failed.length} of ${partitions} partitions failed; their objects were not ${mode === 'diff' ? 'diffed' : 'synced'} (run again once fixed).\n`,
    );
    return ExitCode.SYNC_FAILURES;
  }
  return ExitCode.OK;
}
