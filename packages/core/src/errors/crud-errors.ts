import { DiffSyncError } from './diffsync-error';

/**
 * Base of the errors a model's create/update/delete may throw. Only this family is
 * caught by `DiffSyncFlags.CONTINUE_ON_FAILURE`; any other error aborts the sync.
 */
export class ObjectCrudException extends DiffSyncError {
  /** Stable error code (`'OBJECT_CRUD'`), for code that branches on the kind of failure. */
  override readonly code: string = 'OBJECT_CRUD';
}

export class ObjectNotCreated extends ObjectCrudException {
  /** Stable error code (`'OBJECT_NOT_CREATED'`), for code that branches on the kind of failure. */
  override readonly code: string = 'OBJECT_NOT_CREATED';
}

export class ObjectNotUpdated extends ObjectCrudException {
  /** Stable error code (`'OBJECT_NOT_UPDATED'`), for code that branches on the kind of failure. */
  override readonly code: string = 'OBJECT_NOT_UPDATED';
}

export class ObjectNotDeleted extends ObjectCrudException {
  /** Stable error code (`'OBJECT_NOT_DELETED'`), for code that branches on the kind of failure. */
  override readonly code: string = 'OBJECT_NOT_DELETED';
}
