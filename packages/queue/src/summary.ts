import type { DiffSummary } from '@diffsync/core';

export function emptySummary(): DiffSummary {
  return { create: 0, update: 0, delete: 0, 'no-change': 0, skip: 0 };
}

/** Adds `more` into `into` (returns `into`). */
export function addSummary(into: DiffSummary, more: DiffSummary): DiffSummary {
  into.create += more.create;
  into.update += more.update;
  into.delete += more.delete;
  into['no-change'] += more['no-change'];
  into.skip += more.skip;
  return into;
}
