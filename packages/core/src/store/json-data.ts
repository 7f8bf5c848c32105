import { classTransformer } from '../lazy-modules';

/**
 * Structural copying of attribute values into JSON-ready data for the serialising stores,
 * and the JSON text that carries them exactly.
 *
 * Plain objects (any prototype-less or `Object.prototype` object, from any realm) and
 * arrays are copied key by key, whatever the keys are: `constructor`, `toString` and
 * `prototype` are ordinary data, and `__proto__` is defined as an own data property
 * (never assigned, which would set the copy's prototype). Other class instances go
 * through class-transformer's `instanceToPlain` (so `@Exclude`/`@Transform` apply) and
 * its result is copied the same way. Dates become ISO strings, as `JSON.stringify` does.
 *
 * Values that JSON text cannot hold, and that a store would therefore read back changed
 * (NaN, ±Infinity, a bigint, an `undefined`/function/symbol inside an array or as a plain
 * object's property), are refused with `UnstorableValue` naming where they are; a class
 * instance's undefined properties are left out, as class-transformer and JSON always did.
 * `-0` is carried exactly: `JSON.parse('-0')` is `-0`, so `jsonText` writes it as `-0`.
 */

/** A value a store cannot write as JSON; `path` locates it inside the field (`['a', 0]`). */
export class UnstorableValue extends Error {
  readonly path: Array<string | number> = [];
  constructor(readonly what: string) {
    super(what);
  }
}

/** What the copy found that needs care when writing the text. */
export interface CopyState {
  /** A `-0` was copied: `JSON.stringify` would write it as `0`, use `jsonText`. */
  negativeZero: boolean;
}

const OBJECT_PROTO = Object.prototype;
/** Beyond this depth, every object is checked against its ancestors (a cycle would recurse forever). */
const CYCLE_CHECK_DEPTH = 64;

/** True for data objects: no prototype, or an `Object.prototype` (of this or another realm). */
export function isPlainObject(v: object): boolean {
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === OBJECT_PROTO || proto === null || (Object.getPrototypeOf(proto) === null && !Array.isArray(v));
}

/** A number JSON text cannot hold exactly, as words for an error, or undefined when it can. */
function badNumber(v: number, state: CopyState): string | undefined {
  if (v - v !== 0) return String(v); // NaN, Infinity, -Infinity
  if (v === 0 && 1 / v < 0) state.negativeZero = true;
  return undefined;
}

function refuse(what: string): never {
  throw new UnstorableValue(what);
}

/**
 * A top-level field value as JSON-ready data. `undefined` means "leave the field out",
 * exactly as before (the constructor gives it its default when read back).
 */
export function copyFieldValue(v: unknown, state: CopyState): unknown {
  switch (typeof v) {
    case 'string':
    case 'boolean':
    case 'undefined':
      return v;
    case 'number': {
      const bad = badNumber(v, state);
      return bad === undefined ? v : refuse(`${bad}, which JSON cannot carry`);
    }
    default:
      return copyValue(v, state, [], 0);
  }
}

/**
 * Copies one value (not undefined at top level) into JSON-ready data; throws UnstorableValue.
 * `fromClass`: the value is class-transformer's output, whose undefined properties are skipped.
 */
function copyValue(v: unknown, state: CopyState, ancestors: object[], depth: number, fromClass = false): unknown {
  switch (typeof v) {
    case 'string':
    case 'boolean':
      return v;
    case 'number': {
      const bad = badNumber(v, state);
      return bad === undefined ? v : refuse(`${bad}, which JSON cannot carry`);
    }
    case 'bigint':
      return refuse(`a bigint (${String(v)}n), which JSON cannot carry; store it as a string`);
    case 'undefined':
      return refuse('undefined, which JSON cannot carry (it would be dropped or read back as null); use null or leave the key out');
    case 'function':
    case 'symbol':
      return refuse(`a ${typeof v}, which JSON cannot carry`);
  }
  if (v === null) return null;
  const obj = v as object;
  if (depth >= CYCLE_CHECK_DEPTH && ancestors.includes(obj)) refuse('a reference to one of its own containers (a cycle)');
  if (Array.isArray(obj)) {
    ancestors.push(obj);
    const out = new Array<unknown>(obj.length);
    for (let i = 0; i < obj.length; i++) {
      try {
        out[i] = copyValue(obj[i], state, ancestors, depth + 1, fromClass);
      } catch (error) {
        throw located(error, i);
      }
    }
    ancestors.pop();
    return out;
  }
  if (obj instanceof Date) return obj.toJSON();
  if (!isPlainObject(obj)) {
    // A class instance: class-transformer gives its plain form, which is then checked like any
    // data, except that its undefined properties are left out (as JSON.stringify always did).
    return copyValue(classTransformer().instanceToPlain(obj), state, ancestors, depth, true);
  }
  ancestors.push(obj);
  const out: Record<string, unknown> = {};
  const keys = Object.keys(obj);
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i];
    const value = (obj as Record<string, unknown>)[k];
    if (fromClass && value === undefined) continue;
    let copied: unknown;
    try {
      copied = copyValue(value, state, ancestors, depth + 1, fromClass);
    } catch (error) {
      throw located(error, k);
    }
    if (k === '__proto__') Object.defineProperty(out, k, { value: copied, writable: true, enumerable: true, configurable: true });
    else out[k] = copied;
  }
  ancestors.pop();
  return out;
}

function located(error: unknown, key: string | number): unknown {
  if (error instanceof UnstorableValue) error.path.unshift(key);
  return error;
}

/** `path` as JavaScript accessors after `field`: `meta.a[0]["odd key"]`. */
export function formatPath(field: string, path: ReadonlyArray<string | number>): string {
  let out = field;
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(p)) out += `.${p}`;
    else out += `[${JSON.stringify(p)}]`;
  }
  return out;
}

/**
 * JSON text of data made by `copyFieldValue`, like `JSON.stringify` but writing `-0` as
 * `-0` (only needed when the copy saw one; `JSON.stringify` is faster otherwise).
 */
export function jsonText(v: unknown): string {
  if (v === null) return 'null';
  switch (typeof v) {
    case 'number':
      return v === 0 && 1 / v < 0 ? '-0' : JSON.stringify(v);
    case 'string':
    case 'boolean':
      return JSON.stringify(v);
    case 'object':
      break;
    default:
      return JSON.stringify(v); // not produced by the copy; JSON.stringify decides
  }
  if (Array.isArray(v)) {
    const parts = new Array<string>(v.length);
    for (let i = 0; i < v.length; i++) parts[i] = v[i] === undefined ? 'null' : jsonText(v[i]);
    return `[${parts.join(',')}]`;
  }
  const parts: string[] = [];
  const rec = v as Record<string, unknown>;
  for (const k of Object.keys(rec)) {
    const x = rec[k];
    if (x !== undefined) parts.push(`${JSON.stringify(k)}:${jsonText(x)}`);
  }
  return `{${parts.join(',')}}`;
}
