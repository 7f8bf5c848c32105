import { DiffSyncError } from '@diffsync/core';

/** The NestJS integration is configured wrongly (the message says which adapter or option). */
export class DiffSyncModuleError extends DiffSyncError {
  override readonly code: string = 'DIFFSYNC_MODULE';
}
