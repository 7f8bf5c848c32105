import { isDeepStrictEqual } from 'node:util';
import { classTransformer } from '../lazy-modules';

/** A per-instance copy of a default value (objects and arrays are never shared). */
export function copyDefault<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  // Arrays and plain objects are copied in their own realm (structuredClone would make
  // them in Node's main realm, which deep equality then tells apart under jest's vm).
  if (Array.isArray(value)) return value.map(copyDefault) as T;
  const proto = Object.getPrototypeOf(value) as { constructor?: Function } | null;
  const plain = proto === null || (Object.getPrototypeOf(proto) === null && proto.constructor?.name === 'Object');
  if (plain) {
    const out = Object.create(proto) as Record<string, unknown>;
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      // `__proto__` is data here: define it, never assign it (that would set the prototype).
      if (k === '__proto__') Object.defineProperty(out, k, { value: copyDefault(v), writable: true, enumerable: true, configurable: true });
      else out[k] = copyDefault(v);
    }
    return out as T;
  }
  return structuredClone(value);
}

/**
 * Equality used by the differ. Numbers compare as numbers at every level, as in Python
 * diffsync (NaN equals NaN; -0 equals 0, so a store or a column that reads -0 back as 0
 * converges). `null` and `undefined` both mean "no value" (as Python's None) for an
 * attribute, so an unset optional attribute equals a NULL column loaded as `null`. JSON data
 * compares as data: plain objects are equal when they hold the same own keys (any keys,
 * `__proto__` and `constructor` included) with equal values, and arrays when they hold equal
 * elements (holes differ from `undefined`), whether their prototype is `Object.prototype`
 * (of any realm) or null, so an object read back from a store equals the one that was
 * written. Anything else (class instances, Dates, Maps) compares with `isDeepStrictEqual`.
 */
export function valuesEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined) return (a ?? null) === (b ?? null);
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') {
    return a !== a && b !== b; // NaN equals NaN
  }
  return deepEqual(a, b, 0);
}

/** Beyond this depth, plain data is left to isDeepStrictEqual (which handles cycles). */
const MAX_DATA_DEPTH = 64;

function isDataObject(v: object): boolean {
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null || (Object.getPrototypeOf(proto) === null && !Array.isArray(v));
}

function deepEqual(a: object, b: object, depth: number): boolean {
  if (depth > MAX_DATA_DEPTH) return isDeepStrictEqual(a, b);
  const aArray = Array.isArray(a);
  if (aArray !== Array.isArray(b)) return false;
  if (aArray) {
    const x = a as unknown[];
    const y = b as unknown[];
    if (x.length !== y.length) return false;
    if (!isArrayPrototype(x) || !isArrayPrototype(y)) return isDeepStrictEqual(a, b);
    for (let i = 0; i < x.length; i++) {
      const u = x[i];
      if (!memberEqual(u, y[i], depth) || (u === undefined && i in x !== i in y)) return false;
    }
    return true;
  }
  if (!isDataObject(a) || !isDataObject(b)) return isDeepStrictEqual(a, b);
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  if (Object.getOwnPropertySymbols(a).length > 0 || Object.getOwnPropertySymbols(b).length > 0) return isDeepStrictEqual(a, b);
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i];
    if (!Object.prototype.hasOwnProperty.call(y, k) || !Object.prototype.propertyIsEnumerable.call(y, k)) return false;
    if (!memberEqual(x[k], y[k], depth)) return false;
  }
  return true;
}

/** An array made by `[]` or `new Array` (of any realm), not an instance of an Array subclass. */
function isArrayPrototype(v: unknown[]): boolean {
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Array.prototype || Array.isArray(proto);
}

function memberEqual(x: unknown, y: unknown, depth: number): boolean {
  if (x === null || y === null || typeof x !== 'object' || typeof y !== 'object') return x === y || (x !== x && y !== y);
  return x === y || deepEqual(x, y, depth + 1);
}

const NOT_PLAIN = Symbol('not plain');

/**
 * A copy of JSON-like data (arrays, plain objects, primitives, Dates) with every own key
 * kept, `__proto__` and `constructor` included (class-transformer drops the first and
 * throws on the second); NOT_PLAIN when it holds a class instance.
 */
function copyPlain(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Date) return new Date(value.getTime());
  if (Array.isArray(value)) {
    const out: unknown[] = new Array(value.length);
    for (let i = 0; i < value.length; i++) {
      const c = copyPlain(value[i]);
      if (c === NOT_PLAIN) return NOT_PLAIN;
      out[i] = c;
    }
    return out;
  }
  const proto = Object.getPrototypeOf(value) as { constructor?: Function } | null;
  const plain = proto === null || (Object.getPrototypeOf(proto) === null && proto.constructor?.name === 'Object');
  if (!plain) return NOT_PLAIN;
  const out = Object.create(proto) as Record<string, unknown>;
  for (const k of Object.keys(value)) {
    const c = copyPlain((value as Record<string, unknown>)[k]);
    if (c === NOT_PLAIN) return NOT_PLAIN;
    Object.defineProperty(out, k, { value: c, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/** A value converted to plain data: JSON-like data copied as is, class instances to objects with class-transformer. */
export function toPlainValue(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  const copy = copyPlain(value);
  return copy === NOT_PLAIN ? classTransformer().instanceToPlain(value) : copy;
}

/** `JSON.stringify` that writes a `bigint` (e.g. a 64-bit column loaded exactly) as its digits instead of throwing. */
export function jsonWithBigints(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)) ?? 'undefined';
}

/** Value text used by the text formats: String(v) for primitives, JSON otherwise, null for null/undefined. */
export function formatValue(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'object') return value instanceof Date ? value.toISOString() : jsonWithBigints(value);
  if (typeof value === 'symbol' || typeof value === 'function') return value.toString();
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return JSON.stringify(value); // unreachable: every typeof result is handled above
}
