/**
 * Keeps one object of each short-lived engine class alive, emptied, for the life of
 * the process.
 *
 * V8 holds the hidden class ("map") of an object layout only weakly. When every object
 * of a layout dies (the differ, the syncer, the stores and models of one sync, once
 * the sync is over), the layout is collected and every piece of optimised code that
 * checked it is thrown away; the next sync then runs its first part unoptimised
 * again. A process that syncs repeatedly (a service, a worker, a benchmark) paid that
 * on every run: at 10,000 objects the diff and the sync took about twice as long. One
 * retained object per class keeps its layout, and the code, alive.
 */
const kept = new Map<Function, object>();

/**
 * Retain `obj` as its class's exemplar unless the class already has one. The fields
 * named in `release` (references to adapters, diffs, loggers) are set to `undefined`
 * first, so nothing else stays alive; they are assigned, never deleted (deleting would
 * give the object another layout).
 */
export function keepShape(obj: object, release: readonly string[] = []): void {
  const cls = obj.constructor;
  if (kept.has(cls)) return;
  const fields = obj as Record<string, unknown>;
  for (const key of release) if (Object.prototype.hasOwnProperty.call(fields, key)) fields[key] = undefined;
  kept.set(cls, obj);
}
