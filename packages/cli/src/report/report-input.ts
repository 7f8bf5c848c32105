import type { Diff, DiffElement, DiffSummary } from '@diffsync/core';
import { jsonText } from '../json-text';

/** One element a sync could not apply, located in the diff by type and keys. */
export interface ReportFailure {
  /** Model type of the failed element. */
  type: string;
  /** The element's name (short unique id). */
  name: string;
  /** The element's identifier values. */
  keys: Record<string, unknown>;
  /** What the sync tried: `create`, `update` or `delete`. */
  action: string;
  /** 'error' or 'failure'. */
  status: string;
  /** The status message the hook (or the engine) recorded. */
  message: string;
}

/** What every report format renders. */
export interface ReportInput {
  /** The diff to report (the plan, or the diff a sync applied). */
  diff: Diff;
  /** Failed elements of a sync run (CONTINUE_ON_FAILURE). */
  failures?: readonly ReportFailure[];
  /** Heading, e.g. "diffsync: netbox → cmdb". */
  title?: string;
}

/** The actions of the report, in display order ('no-change' for elements without one). */
export const ACTIONS = ['create', 'update', 'delete', 'no-change'] as const;
export type ReportAction = (typeof ACTIONS)[number];

/** The report name of an element's action. */
export function actionOf(element: DiffElement): ReportAction {
  return element.action ?? 'no-change';
}

/** Counts per model type and action, over every element at any depth (types in first-seen order). */
export function countsByType(diff: Diff): Map<string, Record<ReportAction, number>> {
  const out = new Map<string, Record<ReportAction, number>>();
  const visit = (elements: Iterable<DiffElement>): void => {
    for (const el of elements) {
      let row = out.get(el.type);
      if (!row) out.set(el.type, (row = { create: 0, update: 0, delete: 0, 'no-change': 0 }));
      row[actionOf(el)] += 1;
      visit(el.getChildren());
    }
  };
  visit(diff.getChildren());
  return out;
}

/** "summary: create 2, update 1, delete 1, no-change 10, skip 0" (", failed N" after a sync with failures). */
export function summaryLine(summary: DiffSummary, failed = 0): string {
  const parts = [
    `create ${summary.create}`,
    `update ${summary.update}`,
    `delete ${summary.delete}`,
    `no-change ${summary['no-change']}`,
    `skip ${summary.skip}`,
  ];
  if (failed > 0) parts.push(`failed ${failed}`);
  return `summary: ${parts.join(', ')}`;
}

/** A key matching failures to elements: the type and the identifiers. */
export function elementKey(type: string, keys: Record<string, unknown>): string {
  return `${type}\u0000${jsonText(keys)}`;
}

/** Failures indexed by elementKey. */
export function failureIndex(failures: readonly ReportFailure[] | undefined): Map<string, ReportFailure> {
  const out = new Map<string, ReportFailure>();
  for (const f of failures ?? []) out.set(elementKey(f.type, f.keys), f);
  return out;
}

/** One line per failure: "error update interface eth0: message". */
export function failureLines(failures: readonly ReportFailure[]): string[] {
  return failures.map((f) => `${f.status} ${f.action} ${f.type} ${f.name}: ${f.message}`);
}
