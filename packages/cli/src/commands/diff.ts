import { ExitCode } from '../errors';
import { createProgress } from '../run/progress';
import type { CliIO } from '../run/options';
import { parseFlags, writeOutput } from '../run/options';
import type { SessionOptions } from '../run/session';
import { loadPair, openSession } from '../run/session';
import { parseFormat, renderReport } from '../report/render';

export interface DiffCommandOptions extends SessionOptions {
  from: string;
  to: string;
  format?: string;
  out?: string;
  flags?: string;
  exitCode?: boolean;
}

/** `diffsync diff`: `to.diffFrom(from)` in a report format; exit 1 with --exit-code when not empty. */
export async function diffCommand(options: DiffCommandOptions, io: CliIO): Promise<number> {
  const format = parseFormat(options.format ?? 'text');
  const flags = parseFlags(options.flags);
  const session = await openSession(io.cwd, options);
  const progress = createProgress(io.stderr, options.quiet === true);
  try {
    const { source, target } = await loadPair(session, options.from, options.to, progress);
    const diff = await target.diffFrom(source, { flags, callback: progress.callback });
    progress.stop();
    writeOutput(io, renderReport(format, { diff, title: `diffsync: ${options.from} → ${options.to}` }), options.out);
    return options.exitCode && diff.hasDiffs() ? ExitCode.DIFFERENCES : ExitCode.OK;
  } finally {
    progress.stop();
  }
}
