/** Options shared by every diffsync error. */
export interface DiffSyncErrorOptions {
  /** The lower-level error that caused this one (driver error, hook error...). */
  cause?: unknown;
}

/**
 * Base class of every error thrown by diffsync-ts. `code` is stable across
 * releases and safe to switch on; `name` is the concrete class name.
 */
export class DiffSyncError extends Error {
  /** Stable error code (`'DIFFSYNC_ERROR'`), for code that branches on the kind of failure. */
  readonly code: string = 'DIFFSYNC_ERROR';

  constructor(message: string, options?: DiffSyncErrorOptions) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    Object.setPrototypeOf(this, new.target.prototype);
  }
}
