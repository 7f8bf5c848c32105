import type { DiffSyncErrorOptions } from './diffsync-error';
import { DiffSyncError } from './diffsync-error';

/** A model class is declared wrongly (decorators, shortname, field initialisers...). */
export class ModelDefinitionError extends DiffSyncError {
  /** Stable error code (`'MODEL_DEFINITION'`), for code that branches on the kind of failure. */
  override readonly code: string = 'MODEL_DEFINITION';
}

/** An adapter class is declared wrongly (models, topLevel). */
export class AdapterDefinitionError extends DiffSyncError {
  /** Stable error code (`'ADAPTER_DEFINITION'`), for code that branches on the kind of failure. */
  override readonly code: string = 'ADAPTER_DEFINITION';
}

/** An argument cannot be used as given (Python diffsync raises ValueError here). */
export class InvalidArgumentError extends DiffSyncError {
  /** Stable error code (`'INVALID_ARGUMENT'`), for code that branches on the kind of failure. */
  override readonly code: string = 'INVALID_ARGUMENT';
}

/** One failed class-validator constraint. */
export interface ValidationFailure {
  /** The property that failed (a dotted path for nested objects). */
  property: string;
  /** The class-validator constraint name (`isInt`, `maxLength`…). */
  constraint: string;
  /** class-validator's message. */
  message: string;
  /** The value that failed. */
  value: unknown;
}

/** A model failed its class-validator constraints (adapter created with `validate: true`). */
export class ObjectValidationError extends DiffSyncError {
  /** Stable error code (`'OBJECT_VALIDATION'`), for code that branches on the kind of failure. */
  override readonly code: string = 'OBJECT_VALIDATION';
  /** Every failed constraint. */
  readonly failures: ValidationFailure[];
  /** The model that failed. */
  readonly object: unknown;

  constructor(message: string, object: unknown, failures: ValidationFailure[], options?: DiffSyncErrorOptions) {
    super(message, options);
    this.object = object;
    this.failures = failures;
  }
}
