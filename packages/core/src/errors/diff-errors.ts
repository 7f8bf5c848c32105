import { DiffSyncError } from './diffsync-error';

export class DiffException extends DiffSyncError {
  override readonly code: string = 'DIFF';
}

/** A precomputed diff was passed with a `diffClass` it is not an instance of. */
export class DiffClassMismatch extends DiffException {
  override readonly code: string = 'DIFF_CLASS_MISMATCH';
}
