import { DiffSyncError } from './diffsync-error';

/**
 * Base of the errors a model's create/update/delete may throw. Only this family is
 * caught by `DiffSyncFlags.CONTINUE_ON_FAILURE`; any other error aborts the sync.
 */
export class ObjectCrudException extends DiffSyncError {
  override readonly code: string = 'OBJECT_CRUD';
}

export class ObjectNotCreated extends ObjectCrudException {
  override readonly code: string = 'OBJECT_NOT_CREATED';
}

export class ObjectNotUpdated extends ObjectCrudException {
  override readonly code: string = 'OBJECT_NOT_UPDATED';
}

export class ObjectNotDeleted extends ObjectCrudException {
  override readonly code: string = 'OBJECT_NOT_DELETED';
}
