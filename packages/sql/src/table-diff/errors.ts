import { DiffSyncError } from '@diffsync/core';

/** A table diff failed on one side; nothing was written to the target. */
export class TableDiffError extends DiffSyncError {
  override readonly code: string = 'SQL_TABLE_DIFF';
  /** `'source'` or `'target'`. */
  readonly side: string;

  constructor(message: string, side: string, options?: { cause?: unknown }) {
    super(message, options);
    this.side = side;
  }

  /** `error` as a TableDiffError naming the side (source or target), its dialect and table; a TableDiffError is returned as is. */
  static on(side: { label: string; dialect: string; table: string }, error: unknown): Error {
    if (error instanceof TableDiffError) return error;
    const message = error instanceof Error ? error.message : String(error);
    return new TableDiffError(
      `Table diff of ${side.table} failed on the ${side.label} (${side.dialect}): ${message}\n  Nothing was written to the target.`,
      side.label,
      { cause: error },
    );
  }
}
