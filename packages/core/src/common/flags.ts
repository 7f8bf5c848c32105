/** Flags passed to diffFrom/diffTo/syncFrom/syncTo (bit flags, combine with `|`). */
export enum DiffSyncFlags {
  /** No flag. */
  NONE = 0,
  /** Log and continue when a CRUD hook throws an ObjectCrudException. */
  CONTINUE_ON_FAILURE = 1,
  /** Ignore objects that exist only in the source (no creates). */
  SKIP_UNMATCHED_SRC = 2,
  /** Ignore objects that exist only in the destination (no deletes). */
  SKIP_UNMATCHED_DST = 4,
  /** `SKIP_UNMATCHED_SRC | SKIP_UNMATCHED_DST`: neither creates nor deletes. */
  SKIP_UNMATCHED_BOTH = 6,
  /** Also log a debug event for elements that need no change. */
  LOG_UNCHANGED_RECORDS = 8,
}

/** Flags set on a model class (`@Model({ flags })`) or instance (`modelFlags`). */
export enum DiffSyncModelFlags {
  /** No flag. */
  NONE = 0,
  /** Leave this object and its whole subtree out of the diff. */
  IGNORE = 1,
  /** On delete, remove the children from the store without calling their delete(). */
  SKIP_CHILDREN_ON_DELETE = 2,
  /** Skip this object when it exists only in the source. */
  SKIP_UNMATCHED_SRC = 4,
  /** Skip this object when it exists only in the destination. */
  SKIP_UNMATCHED_DST = 8,
  /** `SKIP_UNMATCHED_SRC | SKIP_UNMATCHED_DST`. */
  SKIP_UNMATCHED_BOTH = 12,
  /** On delete, sync (delete) the children before the object itself. */
  NATURAL_DELETION_ORDER = 16,
}

/** Outcome of the last sync operation on a model (see `getStatus()`). */
export enum DiffSyncStatus {
  /** No sync has touched the object. */
  UNKNOWN = 'unknown',
  /** The CRUD hook succeeded. */
  SUCCESS = 'success',
  /** The CRUD hook reported a failure (returned null or threw an ObjectCrudException). */
  FAILURE = 'failure',
  /** The CRUD hook threw an unexpected error. */
  ERROR = 'error',
}

/** Diff element actions. Plain strings (and null), as in diffsync. */
export const DiffSyncActions = {
  /** The object exists only in the source. */
  CREATE: 'create',
  /** The attributes differ. */
  UPDATE: 'update',
  /** The object exists only in the destination. */
  DELETE: 'delete',
  /** Skipped by a flag. */
  SKIP: 'skip',
  /** Nothing to do. */
  NO_CHANGE: null,
} as const;

/** What an element needs: `create`, `update`, `delete`, or `null` for no change. */
export type DiffAction = 'create' | 'update' | 'delete' | null;

/** True when every bit of `flag` is set in `value`. */
export function hasFlag(value: number, flag: number): boolean {
  return (value & flag) === flag && flag !== 0;
}
