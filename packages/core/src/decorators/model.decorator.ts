import 'reflect-metadata';
import { MODEL_ARGS_KEY } from '../metadata/metadata-keys';
import { ModelOptions } from '../metadata/model-args';
import { ModelDefinitionError } from '../errors';

/**
 * Declare a model type: `@Model('device')` or `@Model({ name, shortname, flags })`.
 * May be repeated on a subclass (with the same or another name).
 */
export function Model(nameOrOptions: string | ModelOptions): ClassDecorator {
  const options: ModelOptions = typeof nameOrOptions === 'string' ? { name: nameOrOptions } : { ...nameOrOptions };
  return (target) => {
    if (typeof options.name !== 'string' || options.name.length === 0) {
      throw new ModelDefinitionError(
        `@Model on class ${target.name} needs a non-empty name, e.g. @Model('${target.name.toLowerCase()}').`,
      );
    }
    Reflect.defineMetadata(MODEL_ARGS_KEY, Object.freeze(options), target);
  };
}
