import { ExitCode } from '../errors';
import { createProgress } from '../run/progress';
import type { CliIO } from '../run/options';
import { parseFlags, writeOutput } from '../run/options';
import type { SessionOptions } from '../run/session';
import { loadPair, openSession } from '../run/session';
import { summaryLine } from '../report/report-input';

export interface PlanCommandOptions extends SessionOptions {
  from: string;
  to: string;
  out: string;
  flags?: string;
  exitCode?: boolean;
}

/** `diffsync plan`: write `diff.toJSON()` to --out for review, then `report` or `sync --plan`. */
export async function planCommand(options: PlanCommandOptions, io: CliIO): Promise<number> {
  const flags = parseFlags(options.flags);
  const session = await openSession(io.cwd, options);
  const progress = createProgress(io.stderr, options.quiet === true);
  try {
    const { source, target } = await loadPair(session, options.from, options.to, progress);
    const diff = await target.diffFrom(source, { flags, callback: progress.callback });
    progress.stop();
    writeOutput(io, JSON.stringify(diff.toJSON()) + '\n', options.out);
    if (!options.quiet) io.stdout.write(`plan written to ${options.out}; ${summaryLine(diff.summary())}\n`);
    return options.exitCode && diff.hasDiffs() ? ExitCode.DIFFERENCES : ExitCode.OK;
  } finally {
    progress.stop();
  }
}
