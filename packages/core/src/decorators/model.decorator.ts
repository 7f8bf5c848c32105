import 'reflect-metadata';
import { MODEL_ARGS_KEY } from '../metadata/metadata-keys';
import type { ModelOptions } from '../metadata/model-args';
import { ModelDefinitionError } from '../errors';
import { getModelMetadata } from '../metadata/metadata-builder';
import type { ModelMetadata } from '../metadata/model-metadata';
import { constructionCount, probeWipedFields, repairFields, takeInit } from '../model/construction-repair';

/**
 * Declare a model type: `@Model('device')` or `@Model({ name, shortname, flags })`.
 * May be repeated on a subclass (with the same or another name).
 *
 * Returns a subclass of the decorated class (same name, same statics) whose constructor
 * runs after the class's own field initialisers, so models work whether fields are
 * compiled with `useDefineForClassFields` true (standard class fields, which reset every
 * declared field to `undefined` after DiffSyncModel's constructor) or false.
 */
export function Model(nameOrOptions: string | ModelOptions): ClassDecorator {
  const options: ModelOptions = typeof nameOrOptions === 'string' ? { name: nameOrOptions } : { ...nameOrOptions };
  return ((target: Function, context?: unknown) => {
    if (typeof target !== 'function') {
      throw new ModelDefinitionError(`@Model('${String(options.name)}') decorates a model class, not ${String(target)}.`);
    }
    if (typeof options.name !== 'string' || options.name.length === 0) {
      throw new ModelDefinitionError(`@Model on class ${target.name} needs a non-empty name, e.g. @Model('${target.name.toLowerCase()}').`);
    }
    const frozen = Object.freeze(options);
    Reflect.defineMetadata(MODEL_ARGS_KEY, frozen, target);
    if (context !== undefined) {
      // A standard (TC39) class decorator: its field decorators have thrown already unless
      // the class has none; leave the class as it is.
      return undefined;
    }
    const cls = constructionRepairingSubclass(target as new (...args: unknown[]) => object);
    Reflect.defineMetadata(MODEL_ARGS_KEY, frozen, cls);
    return cls;
  }) as ClassDecorator;
}

/** The class `@Model` returns: see `model/construction-repair`. */
function constructionRepairingSubclass(target: new (...args: unknown[]) => object): new (...args: unknown[]) => object {
  /** 0: not known yet; 1: nothing to repair; 2: repair every instance. */
  let state: 0 | 1 | 2 = 0;
  let wiped: ReadonlySet<string> = new Set();
  let meta: ModelMetadata | undefined;
  const afterConstruction = (obj: object, arg: unknown, before: number): void => {
    const init = takeInit(before) ?? (typeof arg === 'object' && arg !== null ? (arg as Record<string, unknown>) : {});
    if (state === 0) {
      state = 1; // the probe constructs without repairing
      meta = getModelMetadata(cls);
      const found = probeWipedFields(cls, meta);
      wiped = found.wiped;
      state = found.clean ? 1 : 2;
      if (state === 1) return;
    }
    repairFields(obj as Record<string, unknown>, meta as ModelMetadata, init, wiped);
  };
  const named = {
    [target.name]: class extends target {
      constructor(init?: unknown) {
        const before = constructionCount();
        // One argument (every model constructed by the library) without a rest array.

        if (arguments.length <= 1) super(init);
        // eslint-disable-next-line prefer-rest-params
        else super(...(arguments as unknown as unknown[]));
        if (new.target === cls && state !== 1) afterConstruction(this, init, before);
      }
    },
  };
  const cls = named[target.name] as new (...args: unknown[]) => object;
  return cls;
}
