import type { ModelMetadata } from '../metadata/model-metadata';
import { copyDefault } from './values';

/**
 * Model fields declared in a subclass are (re)initialised after DiffSyncModel's
 * constructor has assigned the constructor values: to `undefined` by standard class
 * fields (`useDefineForClassFields: true`, the default from target ES2022 on, as in a
 * fresh `nest new` app), or to the initialiser's value (`role = 'leaf'`). The class that
 * `@Model` returns runs after all of them and puts the constructor values back.
 */

/**
 * The values the latest DiffSyncModel constructor assigned, and how many constructors
 * have run. Only plain module state (no reference to the model), so nothing stays alive.
 */
let pendingInit: Record<string, unknown> | undefined;
let constructions = 0;

/** Called by DiffSyncModel's constructor once it has assigned `init`. */
export function rememberInit(init: Record<string, unknown>): void {
  constructions++;
  pendingInit = init;
}

/** The count of DiffSyncModel constructors run so far: read before `super()`. */
export function constructionCount(): number {
  return constructions;
}

/**
 * The values DiffSyncModel's constructor assigned to the object whose construction began
 * at count `before`, or undefined when another model was constructed since (a field
 * initialiser that builds a model).
 */
export function takeInit(before: number): Record<string, unknown> | undefined {
  const init = constructions === before + 1 ? pendingInit : undefined;
  pendingInit = undefined;
  return init;
}

const PROBE = '\u0000diffsync-construction-probe\u0000';

/**
 * Construct `cls` once with a sentinel for every field (no repair runs) and return the
 * fields whose sentinel did not survive; undefined when the constructor cannot take them.
 */
export function probeWipedFields(cls: new (init?: object) => object, meta: ModelMetadata): ReadonlySet<string> | undefined {
  const init: Record<string, unknown> = {};
  for (const f of meta.fields) init[f.property] = f.kind === 'children' ? [PROBE] : PROBE;
  try {
    const probe = new cls(init) as Record<string, unknown>;
    const wiped = new Set<string>();
    for (const f of meta.fields) {
      const v = probe[f.property];
      if (f.kind === 'children' ? !(Array.isArray(v) && v[0] === PROBE) : v !== PROBE) wiped.add(f.property);
    }
    return wiped;
  } catch {
    return undefined;
  }
}

/**
 * Put back what field initialisers wiped: the constructor value of every field in
 * `wiped`, and for a field left `undefined` its constructor value, `@Attribute({ default })`
 * or `[]` (children). A field initialiser's own value stays when the constructor got none.
 */
export function repairFields(obj: Record<string, unknown>, meta: ModelMetadata, init: Record<string, unknown>, wiped: ReadonlySet<string> | undefined): void {
  for (const f of meta.fields) {
    const key = f.property;
    const now = obj[key];
    const given = init[key];
    if (given !== undefined) {
      if (now === undefined || (wiped !== undefined && wiped.has(key))) {
        obj[key] = f.kind === 'children' ? (Array.isArray(given) ? given.slice() : []) : given;
      }
    } else if (now === undefined) {
      if (f.kind === 'children') obj[key] = [];
      else if (f.hasDefault) obj[key] = copyDefault(f.default);
    }
  }
}
