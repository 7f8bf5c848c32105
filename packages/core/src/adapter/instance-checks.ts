import { getModelMetadata } from '../metadata/metadata-builder';
import type { ModelMetadata } from '../metadata/model-metadata';
import type { DiffSyncModel, ModelClass } from '../model/diffsync-model';
import { ModelDefinitionError } from '../errors';

const PROBE = '\u0000diffsync-probe\u0000';
const overwrittenByClass = new WeakMap<Function, readonly string[]>();

/**
 * Fields whose constructor value a subclass wipes (a field initialiser such as
 * `= []`, or `useDefineForClassFields: true`). Found once per class by constructing
 * a probe instance with a sentinel for every declared field.
 */
export function overwrittenFields(cls: ModelClass): readonly string[] {
  let found = overwrittenByClass.get(cls);
  if (found) return found;
  const meta = getModelMetadata(cls);
  const init: Record<string, unknown> = {};
  for (const f of meta.fields) init[f.property] = f.kind === 'children' ? [PROBE] : PROBE;
  found = [];
  try {
    const probe = new cls(init) as unknown as Record<string, unknown>;
    found = meta.fields
      .filter((f) => {
        const v = probe[f.property];
        return f.kind === 'children' ? !(Array.isArray(v) && v[0] === PROBE) : v !== PROBE;
      })
      .map((f) => f.property);
  } catch {
    // A constructor that cannot take the probe values: nothing can be concluded.
  }
  overwrittenByClass.set(cls, Object.freeze(found));
  return found;
}

/** Refuse objects that cannot be stored correctly, with the fix in the message. */
export function checkModelInstance(obj: DiffSyncModel): void {
  const cls = obj.constructor as ModelClass;
  let meta: ModelMetadata;
  if (cls === lastClass) {
    meta = lastMeta as ModelMetadata;
  } else {
    let checked = checkedClasses.get(cls);
    if (checked === undefined) {
      checked = checkClass(cls);
      checkedClasses.set(cls, checked);
    }
    lastClass = cls;
    lastMeta = checked;
    meta = checked;
  }
  const missing = meta.missingIdentifier(obj as unknown as Record<string, unknown>);
  if (missing !== undefined) throw undefinedIdentifier(cls, missing);
}

/** Classes whose definition passed the checks, with their metadata. */
const checkedClasses = new WeakMap<Function, ModelMetadata>();
/** The class checked last (loading adds runs of one class): skips the WeakMap lookup. */
let lastClass: Function | undefined;
let lastMeta: ModelMetadata | undefined;

function checkClass(cls: ModelClass): ModelMetadata {
  const meta = getModelMetadata(cls);
  const wiped = overwrittenFields(cls);
  if (wiped.length > 0) {
    throw new ModelDefinitionError(
      `${cls.name}: the value given to the constructor for ${wiped.map((f) => `'${f}'`).join(', ')} is overwritten ` +
        `after DiffSyncModel's constructor runs. Remove the field initialiser (use @Attribute({ default }) / ` +
        `@Field({ default }); @Children lists start as [] by themselves) and compile with ` +
        `"useDefineForClassFields": false.`,
    );
  }
  return meta;
}

function undefinedIdentifier(cls: ModelClass, id: string): ModelDefinitionError {
  const meta = getModelMetadata(cls);
  return new ModelDefinitionError(
    `${cls.name}.${id} is undefined, so ${meta.name} objects cannot get a unique id. Pass it to the ` +
      `constructor (new ${cls.name}({ ${id}: ... })); if you did, a field initialiser or ` +
      `"useDefineForClassFields": true erased it.`,
  );
}
