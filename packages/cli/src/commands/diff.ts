import { ExitCode } from '../errors';
import { createProgress } from '../run/progress';
import type { CliIO } from '../run/options';
import { parseFlags, writeOutput } from '../run/options';
import type { OpenPair, PairOptions } from '../run/pair';
import { openPair } from '../run/pair';
import { parseFormat, renderReport } from '../report/render';

export interface DiffCommandOptions extends PairOptions {
  format?: string;
  out?: string;
  flags?: string;
  exitCode?: boolean;
}

/** `diffsync diff`: `to.diffFrom(from)` in a report format; exit 1 with --exit-code when not empty. */
export async function diffCommand(options: DiffCommandOptions, io: CliIO): Promise<number> {
  const format = parseFormat(options.format ?? 'text');
  const flags = parseFlags(options.flags);
  const progress = createProgress(io.stderr, options.quiet === true);
  let pair: OpenPair | undefined;
  try {
    pair = await openPair(io, options, progress);
    const { source, target } = pair;
    const diff = await target.diffFrom(source, { flags, callback: progress.callback });
    progress.stop();
    writeOutput(io, renderReport(format, { diff, title: `diffsync: ${pair.from} → ${pair.to}` }), options.out);
    return options.exitCode && diff.hasDiffs() ? ExitCode.DIFFERENCES : ExitCode.OK;
  } finally {
    progress.stop();
    await pair?.close();
  }
}
