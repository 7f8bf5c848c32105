import fc from 'fast-check';

/**
 * JSON values for property tests of the stores' codec: fast-check's `jsonValue()` (which
 * also makes -0 and unicode text) mixed with objects whose keys are the ones that break
 * naive copies (`__proto__`, `constructor`, ...), nested at any place.
 */

/** Keys that name Object.prototype members or are otherwise special to JavaScript code. */
export const DANGEROUS_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'valueOf',
  'hasOwnProperty',
  'toJSON',
  '__defineGetter__',
  'polluted',
  '',
  '0',
] as const;

/** An object built from entries with every key an own data property (`__proto__` included). */
export function objectOf(entries: ReadonlyArray<readonly [string, unknown]>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of entries) Object.defineProperty(out, k, { value: v, writable: true, enumerable: true, configurable: true });
  return out;
}

const key = fc.oneof(fc.constantFrom(...DANGEROUS_KEYS), fc.string({ unit: 'binary', maxLength: 6 }));
const leaf = fc.oneof(
  fc.jsonValue({ maxDepth: 2, stringUnit: 'binary' }),
  fc.constantFrom(-0, 0, null, '', 'ACME', Number.MAX_VALUE, Number.MIN_VALUE, -Number.MAX_SAFE_INTEGER),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

const tree = fc.letrec<{ value: unknown; object: Record<string, unknown>; array: unknown[] }>((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, tie('object'), tie('array')),
  object: fc.array(fc.tuple(key, tie('value')), { maxLength: 5 }).map(objectOf),
  array: fc.array(tie('value'), { maxLength: 5 }),
}));

/** Any JSON value, objects with dangerous keys included. */
export const jsonData: fc.Arbitrary<unknown> = fc.oneof(fc.jsonValue(), tree.value);

/** A JSON object (never an array or primitive) with dangerous keys somewhere. */
export const jsonObject: fc.Arbitrary<Record<string, unknown>> = tree.object;

/**
 * True when `a` and `b` are the same JSON data: equal primitives by `Object.is` (so -0 and
 * 0 differ), arrays element by element, objects with the same own keys in the same order
 * and an ordinary prototype, whatever the keys. Says where they differ on failure.
 */
export function sameJson(a: unknown, b: unknown, path = '$'): string | undefined {
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') {
    return Object.is(a, b) ? undefined : `${path}: ${String(a)} vs ${String(b)}`;
  }
  if (Array.isArray(a) !== Array.isArray(b)) return `${path}: array vs object`;
  if (Array.isArray(a)) {
    const y = b as unknown[];
    if (a.length !== y.length) return `${path}: length ${a.length} vs ${y.length}`;
    for (let i = 0; i < a.length; i++) {
      const d = sameJson(a[i], y[i], `${path}[${i}]`);
      if (d) return d;
    }
    return undefined;
  }
  if (Object.getPrototypeOf(b) !== Object.prototype) return `${path}: read back with another prototype`;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.join('\u0000') !== kb.join('\u0000')) return `${path}: keys ${JSON.stringify(ka)} vs ${JSON.stringify(kb)}`;
  for (const k of ka) {
    const d = sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}[${JSON.stringify(k)}]`);
    if (d) return d;
  }
  return undefined;
}
