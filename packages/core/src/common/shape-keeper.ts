/**
 * Keeps one object of each model class, adapter class and short-lived engine class alive
 * for as long as the class exists.
 *
 * V8 holds the hidden class ("map") of an object layout only weakly. When every object
 * of a layout dies (the models, adapters, stores, differ and syncer of one sync, once
 * the sync is over), the layout is collected and every piece of optimised code that
 * checked it is thrown away; the next sync then runs its first part unoptimised
 * again. A process that syncs repeatedly (a service, a worker, a benchmark) paid that
 * on every run: at 10,000 objects loading, diffing and syncing took about twice as
 * long. One kept object per class keeps its layout, and the code, alive.
 */
const kept = new WeakMap<Function, object>();

/** Marks a class whose exemplar is being built, or could not be built. */
const NONE: object = Object.freeze({});

/**
 * Retain `obj` (an engine object whose work is done) as its class's exemplar unless the
 * class already has one. The fields named in `release` (references to adapters, diffs,
 * loggers) are set to `undefined` first, so nothing else stays alive; they are
 * assigned, never deleted (deleting would give the object another layout).
 */
export function keepShape(obj: object, release: readonly string[] = []): void {
  const cls = obj.constructor;
  if (kept.has(cls)) return;
  const fields = obj as Record<string, unknown>;
  for (const key of release) if (Object.prototype.hasOwnProperty.call(fields, key)) fields[key] = undefined;
  kept.set(cls, obj);
}

/**
 * Build `cls`'s exemplar with `build` and keep it, once per class. A build that throws
 * (a model constructor that needs arguments) leaves the class without one; a build that
 * constructs the same class again (an adapter's constructor) does not recurse.
 */
export function keepExemplar(cls: Function, build: () => object): void {
  if (kept.has(cls)) return;
  kept.set(cls, NONE);
  try {
    kept.set(cls, build());
  } catch {
    // Nothing is lost without an exemplar.
  }
}
