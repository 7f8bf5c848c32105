import { DiffSyncModel, DiffSyncModelFlags, getModelMetadata } from '@diffsync/core';

/**
 * What an object looked like when it was last written to (or read from) the file, so
 * that `flush()` finds changed objects without serialising every unchanged one.
 *
 * When every declared field holds a primitive or an array of primitives (children uid
 * lists, typically) it is a record of those values, arrays copied, plus `modelFlags` as
 * stored; comparing it is a few `===` per object. An object holding any other value (a
 * Date, a nested object) is kept as its JSON text and compared by serialising it again.
 */
export type Snapshot = Record<string, unknown> | string;

const propertiesByClass = new WeakMap<Function, readonly string[]>();

function propertiesOf(cls: Function): readonly string[] {
  let props = propertiesByClass.get(cls);
  if (!props) {
    props = getModelMetadata(cls).fields.map((f) => f.property);
    propertiesByClass.set(cls, props);
  }
  return props;
}

function isPrimitive(v: unknown): boolean {
  return v === null || typeof v !== 'object';
}

function isPrimitiveArray(v: unknown): v is unknown[] {
  if (!Array.isArray(v)) return false;
  for (let i = 0; i < v.length; i++) if (!isPrimitive(v[i])) return false;
  return true;
}

/** `modelFlags` as the codec stores it: absent when NONE. */
function storedFlags(obj: DiffSyncModel): unknown {
  const flags = obj.modelFlags;
  return flags !== DiffSyncModelFlags.NONE && flags !== undefined ? flags : undefined;
}

function samePrimitiveArray(a: unknown, b: readonly unknown[]): boolean {
  if (!Array.isArray(a) || a.length !== b.length) return false;
  for (let i = 0; i < b.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Turns `into` (a fresh plain object the caller owns and no longer needs, such as the
 * parsed row or the codec's output, which mostly holds `obj`'s values already) into the
 * snapshot of `obj` and returns it, or returns undefined when `obj` holds a value the
 * record form cannot compare. Properties already right are left alone (no new property,
 * no copy), and an array is copied only when `into` shares or lacks it.
 */
export function recordSnapshot(obj: DiffSyncModel, into: Record<string, unknown>): Record<string, unknown> | undefined {
  const props = propertiesOf(obj.constructor);
  const self = obj as unknown as Record<string, unknown>;
  for (let i = 0; i < props.length; i++) {
    const prop = props[i] as string;
    const v = self[prop];
    const has = into[prop];
    if (isPrimitive(v)) {
      if (has !== v) into[prop] = v;
    } else if (isPrimitiveArray(v)) {
      if (has === v || !samePrimitiveArray(has, v)) into[prop] = v.slice();
    } else {
      return undefined;
    }
  }
  const flags = storedFlags(obj);
  if (into['modelFlags'] !== flags) into['modelFlags'] = flags;
  return into;
}

/**
 * True when `obj` still holds the values of a record snapshot, so its stored text would
 * not change. False may also mean "maybe changed" (a field now holds a nested value, or
 * NaN), which only costs a rewrite of the same text.
 */
export function matchesSnapshot(obj: DiffSyncModel, snap: Readonly<Record<string, unknown>>): boolean {
  if (storedFlags(obj) !== snap['modelFlags']) return false;
  const props = propertiesOf(obj.constructor);
  const self = obj as unknown as Record<string, unknown>;
  for (let i = 0; i < props.length; i++) {
    const prop = props[i] as string;
    const v = self[prop];
    const was = snap[prop];
    if (v === was) continue;
    if (!Array.isArray(v) || !Array.isArray(was) || v.length !== was.length) return false;
    for (let j = 0; j < v.length; j++) if (v[j] !== was[j] || !isPrimitive(v[j])) return false;
  }
  return true;
}
