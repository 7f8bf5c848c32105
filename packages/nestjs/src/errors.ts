import { DiffSyncError } from '@diffsync/core';

/** The NestJS integration is configured wrongly (the message says which adapter or option). */
export class DiffSyncModuleError extends DiffSyncError {
  /** Stable error code (`'DIFFSYNC_MODULE'`), for code that branches on the kind of failure. */
  override readonly code: string = 'DIFFSYNC_MODULE';
}
