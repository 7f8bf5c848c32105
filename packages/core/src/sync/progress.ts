import type { ProgressCallback } from './sync-options';

/** Fields of a ProgressCounter that reference the caller's objects (released by keepShape). */
export const PROGRESS_REFS: readonly string[] = ['callback'];

/** Counts progress and reports every non-zero step to an optional callback. */
export class ProgressCounter {
  current = 0;

  constructor(
    private readonly stage: 'diff' | 'sync',
    readonly total: number,
    private readonly callback: ProgressCallback | undefined,
  ) {}

  add(delta = 1): void {
    if (delta === 0) return;
    this.current += delta;
    if (this.callback) this.callback(this.stage, this.current, this.total);
  }
}
