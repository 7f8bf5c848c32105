import type { DiffSyncErrorOptions } from './diffsync-error';
import { DiffSyncError } from './diffsync-error';

/** A store (or a model's children list) could not do what was asked. */
export class ObjectStoreException extends DiffSyncError {
  /** Stable error code (`'OBJECT_STORE'`), for code that branches on the kind of failure. */
  override readonly code: string = 'OBJECT_STORE';
}

/** An object with the same type and unique id is already stored. */
export class ObjectAlreadyExists extends ObjectStoreException {
  /** Stable error code (`'OBJECT_ALREADY_EXISTS'`), for code that branches on the kind of failure. */
  override readonly code: string = 'OBJECT_ALREADY_EXISTS';
  /** The object that is already stored (or, where none is at hand, the one being added). */
  readonly existingObject: unknown;
  /** The object whose addition was refused. */
  readonly newObject: unknown;

  constructor(message: string, existingObject: unknown, newObject?: unknown, options?: DiffSyncErrorOptions) {
    super(message, options);
    this.existingObject = existingObject;
    this.newObject = newObject === undefined ? existingObject : newObject;
  }
}

/** The requested object is not in the store. */
export class ObjectNotFound extends ObjectStoreException {
  /** Stable error code (`'OBJECT_NOT_FOUND'`), for code that branches on the kind of failure. */
  override readonly code: string = 'OBJECT_NOT_FOUND';
}

/** A child of a type the parent does not declare was added or removed. */
export class ObjectStoreWrongType extends ObjectStoreException {
  /** Stable error code (`'OBJECT_STORE_WRONG_TYPE'`), for code that branches on the kind of failure. */
  override readonly code: string = 'OBJECT_STORE_WRONG_TYPE';
}

/**
 * Another writer changed the store (same storeId) after this store read its objects, so a
 * flush would write over those changes. Nothing of the refused flush was written; reload
 * the adapter and retry.
 */
export class StoreConflictError extends ObjectStoreException {
  /** Stable error code (`'STORE_CONFLICT'`), for code that branches on the kind of failure. */
  override readonly code: string = 'STORE_CONFLICT';
  /** The store's version this store had read (or written last). */
  readonly expectedVersion: string | number | undefined;
  /** The version found in the store when the flush was refused. */
  readonly actualVersion: string | number | undefined;

  constructor(message: string, versions: { expected?: string | number; actual?: string | number } = {}, options?: DiffSyncErrorOptions) {
    super(message, options);
    this.expectedVersion = versions.expected;
    this.actualVersion = versions.actual;
  }
}

/**
 * A model holds a value that a serialising store (SqliteStore, RedisStore) cannot write as
 * JSON without reading back something else: NaN, ±Infinity, a bigint, or an `undefined`,
 * function or symbol inside an array or as an object's property. Raised before anything is
 * written; the message names the model, uid and the path of the value inside the field.
 */
export class UnstorableValueError extends ObjectStoreException {
  /** Stable error code (`'UNSTORABLE_VALUE'`), for code that branches on the kind of failure. */
  override readonly code: string = 'UNSTORABLE_VALUE';
  /** Model name of the refused object. */
  readonly model: string;
  /** Unique id of the refused object. */
  readonly uid: string;
  /** Where the value is: the field, then keys and indexes (`meta.ports[2]`). */
  readonly path: string;

  constructor(message: string, where: { model: string; uid: string; path: string }, options?: DiffSyncErrorOptions) {
    super(message, options);
    this.model = where.model;
    this.uid = where.uid;
    this.path = where.path;
  }
}
