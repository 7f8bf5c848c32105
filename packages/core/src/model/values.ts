import { isDeepStrictEqual } from 'node:util';
import { instanceToPlain } from 'class-transformer';

/** A per-instance copy of a default value (objects and arrays are never shared). */
export function copyDefault<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  // Arrays and plain objects are copied in their own realm (structuredClone would make
  // them in Node's main realm, which deep equality then tells apart under jest's vm).
  if (Array.isArray(value)) return value.map(copyDefault) as T;
  const proto = Object.getPrototypeOf(value);
  const plain = proto === null || (Object.getPrototypeOf(proto) === null && proto.constructor?.name === 'Object');
  if (plain) {
    const out: Record<string, unknown> = Object.create(proto);
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = copyDefault(v);
    return out as T;
  }
  return structuredClone(value);
}

/**
 * Equality used by the differ: identity for primitives, deep equality for objects; `null`
 * and `undefined` both mean "no value" (as Python's None), so an unset optional attribute
 * equals a NULL column loaded as `null`.
 */
export function valuesEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined) return (a ?? null) === (b ?? null);
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') {
    return a !== a && b !== b; // NaN equals NaN
  }
  return isDeepStrictEqual(a, b);
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
  const proto = Object.getPrototypeOf(value);
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
  return copy === NOT_PLAIN ? instanceToPlain(value) : copy;
}

/** Value text used by the text formats: String(v) for primitives, JSON otherwise, null for null/undefined. */
export function formatValue(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'object') return value instanceof Date ? value.toISOString() : JSON.stringify(value);
  return String(value);
}
