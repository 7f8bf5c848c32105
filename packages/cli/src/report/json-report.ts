import type { DiffJSON } from '@diffsync/core';
import type { ReportFailure, ReportInput } from './report-input';

/** A diff's JSON with the failures of the sync that applied it (read back by `diffsync report`). */
export interface ReportJSON extends DiffJSON {
  failures?: ReportFailure[];
}

/** `diff.toJSON()` (plus `failures` after a sync that had some), as text. */
export function renderJson(input: ReportInput): string {
  const json: ReportJSON = input.diff.toJSON();
  if (input.failures && input.failures.length > 0) json.failures = [...input.failures];
  return JSON.stringify(json) + '\n';
}
