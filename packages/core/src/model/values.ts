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
 * Equality used by the differ: identity for primitives, deep equality for objects, with
 * SameValue semantics everywhere (NaN equals NaN; -0 and 0 differ, at the top level as
 * they do inside arrays and objects under isDeepStrictEqual).
 */
export function valuesEqual(a: unknown, b: unknown): boolean {
  if (a === b) return a !== 0 || Object.is(a, b);
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') {
    return a !== a && b !== b; // NaN equals NaN
  }
  return isDeepStrictEqual(a, b);
}

/** A value converted to plain data (class instances to objects) with class-transformer. */
export function toPlainValue(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  return instanceToPlain(value);
}

/** Value text used by the text formats: String(v) for primitives, JSON otherwise, null for null/undefined. */
export function formatValue(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'object') return value instanceof Date ? value.toISOString() : JSON.stringify(value);
  return String(value);
}
