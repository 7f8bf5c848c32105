import { DiffSyncError, DiffSyncErrorOptions } from './diffsync-error';

/** A model class is declared wrongly (decorators, shortname, field initialisers...). */
export class ModelDefinitionError extends DiffSyncError {
  override readonly code: string = 'MODEL_DEFINITION';
}

/** An adapter class is declared wrongly (models, topLevel). */
export class AdapterDefinitionError extends DiffSyncError {
  override readonly code: string = 'ADAPTER_DEFINITION';
}

/** An argument cannot be used as given (Python diffsync raises ValueError here). */
export class InvalidArgumentError extends DiffSyncError {
  override readonly code: string = 'INVALID_ARGUMENT';
}

/** One failed class-validator constraint. */
export interface ValidationFailure {
  property: string;
  constraint: string;
  message: string;
  value: unknown;
}

/** A model failed its class-validator constraints (adapter created with `validate: true`). */
export class ObjectValidationError extends DiffSyncError {
  override readonly code: string = 'OBJECT_VALIDATION';
  readonly failures: ValidationFailure[];
  readonly object: unknown;

  constructor(message: string, object: unknown, failures: ValidationFailure[], options?: DiffSyncErrorOptions) {
    super(message, options);
    this.object = object;
    this.failures = failures;
  }
}
