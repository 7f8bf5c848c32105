import type { ModelMetadata } from '../metadata/model-metadata';
import { copyDefault } from '../common/values';

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

/** What the probe found: the fields to put back, and whether every field could be observed. */
export interface ProbeResult {
  /** Fields whose constructor value a field initialiser or a class field replaced. */
  readonly wiped: ReadonlySet<string>;
  /** True when every field received a value from DiffSyncModel's constructor and kept it. */
  readonly clean: boolean;
}

const SENTINELS = ['\u0000diffsync-probe-a\u0000', '\u0000diffsync-probe-b\u0000'] as const;

function sameValue(kind: string, final: unknown, given: unknown): boolean {
  if (kind !== 'children') return Object.is(final, given);
  return Array.isArray(final) && Array.isArray(given) && final.length === given.length && final.every((v, i) => v === given[i]);
}

/**
 * Construct `cls` twice (no repair runs then) with a different sentinel in every field and
 * compare what DiffSyncModel's constructor received with what the object holds at the end.
 * A field that ends with the same value both times although it received different ones is
 * reset by a field initialiser or a class field: it is "wiped". A field that ends with
 * something derived from its input was set by the class's own constructor: left alone.
 */
export function probeWipedFields(cls: new (init?: object) => object, meta: ModelMetadata): ProbeResult {
  const runs: Array<{ given: Record<string, unknown>; obj: Record<string, unknown> }> = [];
  for (const sentinel of SENTINELS) {
    const init: Record<string, unknown> = {};
    for (const f of meta.fields) init[f.property] = f.kind === 'children' ? [sentinel] : sentinel;
    const before = constructionCount();
    let obj: Record<string, unknown>;
    try {
      obj = new cls(init) as Record<string, unknown>;
    } catch {
      return { wiped: new Set(), clean: false };
    }
    const given = takeInit(before);
    if (given === undefined) return { wiped: new Set(), clean: false };
    runs.push({ given, obj });
  }
  const [a, b] = runs as [(typeof runs)[0], (typeof runs)[0]];
  const wiped = new Set<string>();
  let clean = true;
  for (const f of meta.fields) {
    const key = f.property;
    if (a.given[key] === undefined || b.given[key] === undefined) {
      clean = false; // the class's constructor passed nothing for it: cannot tell
    } else if (sameValue(f.kind, a.obj[key], a.given[key]) && sameValue(f.kind, b.obj[key], b.given[key])) {
      // kept
    } else if (Object.is(a.obj[key], b.obj[key]) || (a.obj[key] === undefined && b.obj[key] === undefined)) {
      wiped.add(key);
    }
  }
  return { wiped, clean: clean && wiped.size === 0 };
}

/**
 * Put back what field initialisers and class fields replaced: the constructor value of
 * every `wiped` field, and of any field left `undefined` (or its `@Attribute({ default })`,
 * or `[]` for children). A field initialiser's own value stays when the constructor got none.
 */
export function repairFields(obj: Record<string, unknown>, meta: ModelMetadata, init: Record<string, unknown>, wiped: ReadonlySet<string>): void {
  for (const f of meta.fields) {
    const key = f.property;
    const now = obj[key];
    const given = init[key];
    if (given !== undefined) {
      if (now === undefined || wiped.has(key)) {
        obj[key] = f.kind === 'children' ? (Array.isArray(given) ? given.slice() : []) : given;
      }
    } else if (now === undefined) {
      if (f.kind === 'children') obj[key] = [];
      else if (f.hasDefault) obj[key] = copyDefault(f.default);
    }
  }
}
