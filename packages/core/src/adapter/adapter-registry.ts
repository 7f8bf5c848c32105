import { getModelMetadata } from '../metadata/metadata-builder';
import type { ModelClass } from '../model/diffsync-model';
import { AdapterDefinitionError } from '../errors';

/** The models an adapter class knows, by name, validated once per class. */
export interface AdapterRegistry {
  /** Model classes by model name. */
  readonly byName: ReadonlyMap<string, ModelClass>;
  /** topLevel as names, in declared order. */
  readonly topLevel: readonly string[];
  /** topLevel, then every other model name alphabetically (diffsync's load order). */
  readonly initialOrder: readonly string[];
}

/** What {@link getAdapterRegistry} reads of an adapter class: its name, models and topLevel. */
export interface AdapterClassLike {
  /** The class name (used in error messages). */
  name: string;
  /** The model classes the adapter knows. */
  models?: readonly ModelClass[];
  /** The top-level model names or classes, in diff/sync order. */
  topLevel?: ReadonlyArray<string | ModelClass>;
}

const cache = new WeakMap<Function, AdapterRegistry>();

/**
 * The validated registry of an adapter class (built on first use, then cached per class).
 *
 * @param cls - An {@link Adapter} subclass.
 * @throws {@link AdapterDefinitionError} when `models` is not an array of model classes, two
 * models share a name, or `topLevel` names a model missing from `models`.
 */
export function getAdapterRegistry(cls: AdapterClassLike & Function): AdapterRegistry {
  let registry = cache.get(cls);
  if (!registry) {
    registry = buildRegistry(cls);
    cache.set(cls, registry);
  }
  return registry;
}

function buildRegistry(cls: AdapterClassLike): AdapterRegistry {
  const models = cls.models ?? [];
  if (!Array.isArray(models as unknown)) {
    throw new AdapterDefinitionError(`${cls.name}.models must be an array of model classes.`);
  }
  const byName = new Map<string, ModelClass>();
  for (const model of models) {
    if (typeof model !== 'function' || typeof (model as ModelClass).getType !== 'function') {
      throw new AdapterDefinitionError(`${cls.name}.models contains ${String(model)}, which is not a DiffSyncModel subclass (a circular import?).`);
    }
    const name = getModelMetadata(model).name; // builds and validates the model's metadata now
    const previous = byName.get(name);
    if (previous && previous !== model) {
      throw new AdapterDefinitionError(
        `${cls.name}.models lists two models named "${name}" (${previous.name} and ${model.name}); model names must be unique per adapter.`,
      );
    }
    byName.set(name, model);
  }
  const topLevel: string[] = [];
  for (const entry of cls.topLevel ?? []) {
    const name = typeof entry === 'string' ? entry : typeof entry === 'function' ? entry.getType() : String(entry);
    if (!byName.has(name)) {
      throw new AdapterDefinitionError(`${cls.name}.topLevel references model "${name}" but it is not in ${cls.name}.models; add its class to models.`);
    }
    if (!topLevel.includes(name)) topLevel.push(name);
  }
  const rest = [...byName.keys()].filter((n) => !topLevel.includes(n)).sort();
  return Object.freeze({ byName, topLevel: Object.freeze(topLevel), initialOrder: Object.freeze([...topLevel, ...rest]) });
}
