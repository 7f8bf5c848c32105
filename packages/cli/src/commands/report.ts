import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { Diff } from '@diffsync/core';
import { CliUsageError, ExitCode } from '../errors';
import type { CliIO } from '../run/options';
import { writeOutput } from '../run/options';
import { parseFormat, renderReport } from '../report/render';
import type { ReportFailure } from '../report/report-input';

export interface ReportCommandOptions {
  format?: string;
  out?: string;
}

/** Read a plan (or a sync's JSON output): the diff and any failures. CliUsageError naming the file. */
export function readPlan(cwd: string, file: string): { diff: Diff; failures: ReportFailure[] } {
  const path = resolve(cwd, file);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new CliUsageError(`Cannot read the plan ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`, { cause: error });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new CliUsageError(`The plan ${path} is not JSON (${(error as Error).message}); write plans with "diffsync plan --out FILE".`, { cause: error });
  }
  // A sync's JSON output carries its failures beside the diff; Diff.fromJSON takes the diff alone.
  const { failures: raw, ...diffJson } = (json !== null && typeof json === 'object' ? json : {}) as { failures?: unknown };
  let diff: Diff;
  try {
    diff = Diff.fromJSON((json !== null && typeof json === 'object' && !Array.isArray(json) ? diffJson : json) as Parameters<typeof Diff.fromJSON>[0]);
  } catch (error) {
    throw new CliUsageError(`The plan ${path} is not a diffsync plan: ${(error as Error).message}`, { cause: error });
  }
  const failures = Array.isArray(raw) ? (raw as ReportFailure[]) : [];
  return { diff, failures };
}

/** `diffsync report PLAN.json`: render a saved plan (or a sync's JSON output). */
export async function reportCommand(file: string, options: ReportCommandOptions, io: CliIO): Promise<number> {
  const format = parseFormat(options.format ?? 'text', ['text', 'markdown', 'html', 'json']);
  const { diff, failures } = readPlan(io.cwd, file);
  writeOutput(io, renderReport(format, { diff, failures, title: `diffsync plan ${basename(file)}` }), options.out);
  return ExitCode.OK;
}
