import { DiffSyncError } from './diffsync-error';

export class DiffException extends DiffSyncError {
  /** Stable error code (`'DIFF'`), for code that branches on the kind of failure. */
  override readonly code: string = 'DIFF';
}

/** A precomputed diff was passed with a `diffClass` it is not an instance of. */
export class DiffClassMismatch extends DiffException {
  /** Stable error code (`'DIFF_CLASS_MISMATCH'`), for code that branches on the kind of failure. */
  override readonly code: string = 'DIFF_CLASS_MISMATCH';
}
