import type { ValidationError } from 'class-validator';
import { classValidator } from '../lazy-modules';
import type { ValidationFailure } from '../errors';
import { ObjectValidationError } from '../errors';

/** What the validation message names of a model (any DiffSyncModel). */
interface Validated {
  getType(): string;
  getUniqueId(): string;
}

function flatten(errors: ValidationError[], prefix = ''): ValidationFailure[] {
  const out: ValidationFailure[] = [];
  for (const e of errors) {
    const property = prefix ? `${prefix}.${e.property}` : e.property;
    for (const [constraint, message] of Object.entries(e.constraints ?? {})) {
      out.push({ property, constraint, message, value: e.value });
    }
    if (e.children?.length) out.push(...flatten(e.children, property));
  }
  return out;
}

/** Run the model's class-validator constraints; throw ObjectValidationError listing every failure. */
export function validateModel(obj: Validated): void {
  const errors = classValidator().validateSync(obj, { forbidUnknownValues: false, skipMissingProperties: false });
  if (errors.length === 0) return;
  const failures = flatten(errors);
  throw new ObjectValidationError(`Invalid ${obj.getType()} "${obj.getUniqueId()}": ${failures.map((f) => f.message).join('; ')}`, obj, failures);
}
