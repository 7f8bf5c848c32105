import type { DiffSyncErrorOptions } from '@diffsync/core';
import { DiffSyncError } from '@diffsync/core';

/** Base of the errors `@diffsync/queue` throws. */
export class SyncQueueError extends DiffSyncError {
  /** Stable error code (`'SYNC_QUEUE'`), for code that branches on the kind of failure. */
  override readonly code: string = 'SYNC_QUEUE';
}

/** Redis could not be reached (or stopped answering) within the connect timeout. */
export class QueueUnavailableError extends SyncQueueError {
  /** Stable error code (`'QUEUE_UNAVAILABLE'`), for code that branches on the kind of failure. */
  override readonly code: string = 'QUEUE_UNAVAILABLE';
  /** The Redis URL, password replaced by `***`. */
  readonly url: string;

  constructor(message: string, url: string, options?: DiffSyncErrorOptions) {
    super(message, options);
    this.url = url;
  }
}

/** A worker was asked to run a sync name it has not defined. */
export class UnknownSyncError extends SyncQueueError {
  /** Stable error code (`'UNKNOWN_SYNC'`), for code that branches on the kind of failure. */
  override readonly code: string = 'UNKNOWN_SYNC';
}

/** A run could not proceed (its parent job failed, vanished or the queue was closed). */
export class RunFailedError extends SyncQueueError {
  /** Stable error code (`'RUN_FAILED'`), for code that branches on the kind of failure. */
  override readonly code: string = 'RUN_FAILED';
}
