import { getModelMetadata } from '../metadata/metadata-builder';
import type { DiffSyncModel } from '../model/diffsync-model';
import { DiffSyncModelFlags } from '../common/flags';
import type { PlainModel } from './codec';
import { ModelCodec, encodeModel } from './codec';
import type { CopyState } from './json-data';
import { jsonText } from './json-data';

/**
 * What an object looked like when it was last written to (or read from) the backing storage, so
 * that `flush()` finds changed objects without serialising every unchanged one (for authors of
 * persistent stores; SqliteStore and RedisStore use it with `IdentityMap`).
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

// Values compare with `===`, except that 0 and -0 differ (a store keeps -0 as -0, so a change
// between them is a change): `x !== y || (x === 0 && 1 / x !== 1 / y)` means "not the same".

function samePrimitiveArray(a: unknown, b: readonly unknown[]): boolean {
  if (!Array.isArray(a) || a.length !== b.length) return false;
  for (let i = 0; i < b.length; i++) {
    const x: unknown = a[i];
    const y = b[i];
    if (x !== y || (x === 0 && 1 / x !== 1 / (y as number))) return false;
  }
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
    const prop = props[i];
    const v = self[prop];
    const has = into[prop];
    if (isPrimitive(v)) {
      if (has !== v || (v === 0 && 1 / (has as number) !== 1 / v)) into[prop] = v;
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
    const prop = props[i];
    const v = self[prop];
    const was = snap[prop];
    if (v === was && (v !== 0 || 1 / (v as number) === 1 / (was as number))) continue;
    if (!Array.isArray(v) || !Array.isArray(was) || v.length !== was.length) return false;
    for (let j = 0; j < v.length; j++) {
      const x: unknown = v[j];
      const y: unknown = was[j];
      if (x !== y || (x === 0 && 1 / x !== 1 / (y as number)) || !isPrimitive(x)) return false;
    }
  }
  return true;
}

/**
 * The JSON text of `obj` as a store writes it (core's ModelCodec) and its snapshot.
 * Throws whatever serialising throws (a BigInt, a cycle); callers name the object.
 */
export function encodeWithSnapshot(obj: DiffSyncModel): {
  /** The JSON text to write. */
  json: string;
  /** The snapshot to compare the object with at the next flush. */
  snap: Snapshot;
} {
  const state: CopyState = { negativeZero: false };
  const plain = encodeModel(obj, state);
  const json = state.negativeZero ? jsonText(plain) : JSON.stringify(plain);
  return { json, snap: recordSnapshot(obj, plain) ?? json };
}

/**
 * The snapshot of an object just decoded from `plain` (which it takes over). Objects
 * holding nested values get their JSON text as the codec writes it.
 */
export function snapshotOfDecoded(obj: DiffSyncModel, plain: PlainModel): Snapshot {
  const snap = recordSnapshot(obj, plain);
  if (snap) return snap;
  try {
    return ModelCodec.stringify(obj);
  } catch {
    return ''; // cannot be written as it is: the next flush tries and names the error
  }
}

/** True when `obj` would be written exactly as `snap` records (no write needed). */
export function unchangedSince(obj: DiffSyncModel, snap: Snapshot): boolean {
  if (typeof snap !== 'string') return matchesSnapshot(obj, snap);
  try {
    return ModelCodec.stringify(obj) === snap;
  } catch {
    return false;
  }
}
