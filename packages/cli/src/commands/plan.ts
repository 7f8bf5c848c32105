import { ExitCode } from '../errors';
import { createProgress } from '../run/progress';
import type { CliIO } from '../run/options';
import { parseFlags, writeOutput } from '../run/options';
import type { OpenPair, PairOptions } from '../run/pair';
import { openPair } from '../run/pair';
import { summaryLine } from '../report/report-input';

export interface PlanCommandOptions extends PairOptions {
  out: string;
  flags?: string;
  exitCode?: boolean;
}

/** `diffsync plan`: write `diff.toJSON()` to --out for review, then `report` or `sync --plan`. */
export async function planCommand(options: PlanCommandOptions, io: CliIO): Promise<number> {
  const flags = parseFlags(options.flags);
  const progress = createProgress(io.stderr, options.quiet === true);
  let pair: OpenPair | undefined;
  try {
    pair = await openPair(io, options, progress);
    const { source, target } = pair;
    const diff = await target.diffFrom(source, { flags, callback: progress.callback });
    progress.stop();
    writeOutput(io, JSON.stringify(diff.toJSON()) + '\n', options.out);
    if (!options.quiet) io.stdout.write(`plan written to ${options.out}; ${summaryLine(diff.summary())}\n`);
    return options.exitCode && diff.hasDiffs() ? ExitCode.DIFFERENCES : ExitCode.OK;
  } finally {
    progress.stop();
    await pair?.close();
  }
}
