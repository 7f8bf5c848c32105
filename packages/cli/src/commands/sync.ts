import type { Adapter, Diff, DiffElement } from '@diffsync/core';
import { ExitCode, StalePlanError } from '../errors';
import { createProgress } from '../run/progress';
import type { CliIO } from '../run/options';
import { parseConcurrency, parseFlags, writeOutput } from '../run/options';
import type { OpenPair, PairOptions } from '../run/pair';
import { openPair } from '../run/pair';
import type { SyncFailure } from '../run/failure-log';
import { recordingLogger } from '../run/failure-log';
import { checkPlan } from '../run/plan-check';
import { parseFormat, renderReport } from '../report/render';
import type { ReportFailure } from '../report/report-input';
import { readPlan } from './report';

export interface SyncCommandOptions extends PairOptions {
  plan?: string;
  flags?: string;
  concurrency?: string;
  format?: string;
  out?: string;
}

/** Locate logged failures (type + uid) in the diff, for the reports. */
function locateFailures(diff: Diff, target: Adapter, failures: readonly SyncFailure[]): ReportFailure[] {
  if (failures.length === 0) return [];
  const byUid = new Map<string, DiffElement>();
  const visit = (elements: Iterable<DiffElement>): void => {
    for (const el of elements) {
      let uid = el.uid;
      if (uid === undefined) {
        try {
          uid = target.model(el.type).createUniqueId(el.keys);
        } catch {
          uid = el.name;
        }
      }
      byUid.set(`${el.type}\u0000${uid}`, el);
      visit(el.getChildren());
    }
  };
  visit(diff.getChildren());
  return failures.map((f) => {
    const el = byUid.get(`${f.type}\u0000${f.uid}`);
    return {
      type: f.type,
      name: el?.name ?? f.uid,
      keys: (el?.keys as Record<string, unknown>) ?? { uid: f.uid },
      action: f.action,
      status: f.status,
      message: f.message,
    };
  });
}

/**
 * `diffsync sync`: make `--to` like `--from`. With `--plan`, apply a reviewed plan, after
 * checking that it still matches the data (refused with nothing applied when stale).
 * Exit 3 when elements failed (CONTINUE_ON_FAILURE).
 */
export async function syncCommand(options: SyncCommandOptions, io: CliIO): Promise<number> {
  const flags = parseFlags(options.flags);
  const concurrency = parseConcurrency(options.concurrency);
  const format = parseFormat(options.format ?? 'text');
  const plan = options.plan !== undefined ? readPlan(io.cwd, options.plan).diff : undefined;
  const progress = createProgress(io.stderr, options.quiet === true);
  let pair: OpenPair | undefined;
  try {
    pair = await openPair(io, options, progress);
    const { source, target } = pair;
    // The diff applied: with --plan, the diff of the data now once it is checked to be the
    // plan (same elements and values), so values keep their types (a Date, not the ISO text of the plan's JSON).
    let apply: Diff | undefined;
    if (plan) {
      const now = await target.diffFrom(source, { flags, callback: progress.callback });
      const check = checkPlan(plan, now);
      if (check.first) {
        throw new StalePlanError(
          `${check.first.message} The plan ${options.plan} no longer matches the data of ${pair.from} -> ${pair.to} ` +
            `(${check.differing} element${check.differing === 1 ? '' : 's'} differ); nothing was applied. ` +
            'Make a new plan with "diffsync plan", review it, and apply that one.',
          { cause: check.first },
        );
      }
      apply = now;
    }
    if (pair.checkWrite) {
      // Database URLs: the values are checked against the target's columns before anything is written.
      apply ??= await target.diffFrom(source, { flags, callback: progress.callback });
      pair.checkWrite(apply);
    }
    const recording = recordingLogger(target.logger);
    target.logger = recording.logger;
    const diff = await target.syncFrom(source, { flags, concurrency, callback: progress.callback, diff: apply });
    progress.stop();
    const failures = locateFailures(diff, target, recording.failures);
    writeOutput(io, renderReport(format, { diff, failures, title: `diffsync sync: ${pair.from} → ${pair.to}` }), options.out);
    if (failures.length > 0) {
      io.stderr.write(`${failures.length} element${failures.length === 1 ? '' : 's'} failed to sync; see the report.\n`);
      return ExitCode.SYNC_FAILURES;
    }
    return ExitCode.OK;
  } finally {
    progress.stop();
    await pair?.close();
  }
}
