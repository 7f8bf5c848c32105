import { inspect } from 'node:util';
import * as fc from 'fast-check';

/**
 * Attribute values a store may be unable to carry; a store lists the ones it refuses in
 * `StoreConvergenceOptions.refuses` (it must then throw a named error from flush/sync
 * and leave its data unchanged). Every other value must round-trip exactly.
 */
export type ConvergenceValueKind = 'NaN' | 'Infinity' | '-Infinity' | '-0' | 'bigint' | 'lone surrogate' | 'NUL';

export const VALUE_KINDS: readonly ConvergenceValueKind[] = ['NaN', 'Infinity', '-Infinity', '-0', 'bigint', 'lone surrogate', 'NUL'];

/** True when the engine has bigint (the suite then stores bigints in a bigint attribute). */
export const HAS_BIGINT = typeof BigInt === 'function';

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** The refusable kinds `value` holds, anywhere inside it (arrays, object keys and values). */
export function kindsIn(value: unknown, out: Set<ConvergenceValueKind> = new Set()): Set<ConvergenceValueKind> {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v === 'number') {
      if (Number.isNaN(v)) out.add('NaN');
      else if (v === Infinity) out.add('Infinity');
      else if (v === -Infinity) out.add('-Infinity');
      else if (Object.is(v, -0)) out.add('-0');
    } else if (typeof v === 'bigint') {
      out.add('bigint');
    } else if (typeof v === 'string') {
      stringKinds(v, out);
    } else if (Array.isArray(v)) {
      stack.push(...(v as unknown[]));
    } else if (v !== null && typeof v === 'object' && !(v instanceof Date)) {
      for (const key of Object.keys(v)) {
        stringKinds(key, out);
        stack.push((v as Record<string, unknown>)[key]);
      }
    }
  }
  return out;
}

function stringKinds(s: string, out: Set<ConvergenceValueKind>): void {
  if (s.includes('\u0000')) out.add('NUL');
  if (LONE_SURROGATE.test(s)) out.add('lone surrogate');
}

/** Describes a value for a failure message (shows -0, NaN, bigint, Dates and lone surrogates). */
export function show(value: unknown): string {
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'string') return JSON.stringify(value);
  if (value instanceof Date) return `Date(${Number.isNaN(value.getTime()) ? 'invalid' : value.toISOString()})`;
  if (value === undefined) return 'undefined';
  try {
    return (
      JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : typeof v === 'number' && !Number.isFinite(v) ? String(v) : v)) ??
      inspect(value)
    );
  } catch {
    return inspect(value);
  }
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object' || Array.isArray(v) || v instanceof Date) return false;
  const proto = Object.getPrototypeOf(v) as object | null;
  return proto === null || Object.getPrototypeOf(proto) === null;
}

/**
 * The places where `actual` is not exactly `expected` (Object.is for numbers, so -0 and 0
 * differ and NaN equals NaN; Dates by time; objects by own keys, in any order; plain
 * objects only), each as `path: expected X, got Y`. Empty when they are the same.
 */
export function exactDifferences(expected: unknown, actual: unknown, path: string, out: string[] = []): string[] {
  const stack: Array<[unknown, unknown, string]> = [[expected, actual, path]];
  while (stack.length > 0 && out.length < 20) {
    const [e, a, p] = stack.pop() as [unknown, unknown, string];
    if (Object.is(e, a)) continue;
    if (e instanceof Date || a instanceof Date) {
      if (!(e instanceof Date && a instanceof Date && Object.is(e.getTime(), a.getTime()))) out.push(`${p}: expected ${show(e)}, got ${show(a)}`);
    } else if (Array.isArray(e) || Array.isArray(a)) {
      if (!Array.isArray(e) || !Array.isArray(a) || e.length !== a.length) {
        out.push(`${p}: expected ${show(e)}, got ${show(a)}`);
        continue;
      }
      for (let i = e.length - 1; i >= 0; i--) stack.push([e[i], a[i], `${p}[${i}]`]);
    } else if (isPlainObject(e) && isPlainObject(a)) {
      const ek = Object.keys(e).sort();
      const ak = Object.keys(a).sort();
      if (ek.length !== ak.length || ek.some((k, i) => k !== ak[i])) {
        out.push(`${p}: expected keys ${JSON.stringify(ek)}, got keys ${JSON.stringify(ak)}`);
        continue;
      }
      for (const k of ek.reverse()) stack.push([e[k], a[k], `${p}[${JSON.stringify(k)}]`]);
    } else {
      out.push(`${p}: expected ${show(e)}, got ${show(a)}${typeof e !== typeof a ? ` (${typeof e} vs ${typeof a})` : ''}`);
    }
  }
  return out;
}

/** A deep copy (own keys such as `__proto__` stay own data properties). */
export function cloneValue<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Date) return new Date(value.getTime()) as T;
  if (Array.isArray(value)) return value.map(cloneValue) as T;
  return objectFrom(Object.keys(value).map((k) => [k, cloneValue((value as Record<string, unknown>)[k])])) as T;
}

/** A plain object with these own entries (`__proto__` as a data property, not the prototype). */
export function objectFrom(entries: ReadonlyArray<readonly [string, unknown]>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of entries) Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
  return out;
}

/* ------------------------------------------------------------------ arbitraries */

/** The value arbitraries, without the kinds in `exclude`. */
export interface ValueArbitraries {
  string: fc.Arbitrary<string>;
  number: fc.Arbitrary<number>;
  date: fc.Arbitrary<Date>;
  bigint: fc.Arbitrary<bigint | null>;
  json: fc.Arbitrary<unknown>;
  jsonObject: fc.Arbitrary<Record<string, unknown>>;
  list: fc.Arbitrary<unknown[]>;
}

const STRINGS = ['', 'plain', 'ünïcødé', '東京', '😀 4-byte 𝄞', 'é\u0301', '\u0000', 'a\u0000b', '\ud800', 'x\udc00y', '\udbff\u0000', '"quoted\' \\ /\n\t'];
const OBJECT_KEYS = [
  'constructor',
  '__proto__',
  'prototype',
  'toString',
  'hasOwnProperty',
  'valueOf',
  '',
  '0',
  '10',
  'a.b',
  'ü',
  '😀',
  '\u0000',
  '\ud800',
  'x',
];
const NUMBERS = [
  0,
  -0,
  1,
  -1,
  0.1,
  1 / 3,
  -2 / 3,
  0.30000000000000004,
  123456789.12345678,
  1e21,
  1e-7,
  Number.MAX_VALUE,
  -Number.MAX_VALUE,
  Number.MIN_VALUE,
  -Number.MIN_VALUE,
  2.2250738585072014e-308,
  2.225073858507201e-308,
  4.9e-322,
  Number.MAX_SAFE_INTEGER,
  Number.MIN_SAFE_INTEGER,
  2 ** 53 + 2,
  NaN,
  Infinity,
  -Infinity,
];
const DATES = [-8.64e15, 8.64e15, 0, -1, -62198755200000, 253402300800000, 951782400000, 1e12];

/** Arbitraries for every attribute value type, leaving out `exclude`d kinds. */
export function valueArbitraries(exclude: ReadonlySet<ConvergenceValueKind>): ValueArbitraries {
  const allowed = (v: unknown): boolean => exclude.size === 0 || ![...kindsIn(v)].some((k) => exclude.has(k));
  const unit = fc.oneof(
    { weight: 6, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
    { weight: 1, arbitrary: fc.constantFrom('\ud800', '\udbff', '\udc00', '\udfff', '\u0000', '😀', '𝄞') },
  );
  const string = fc.oneof({ weight: 2, arbitrary: fc.constantFrom(...STRINGS) }, { weight: 3, arbitrary: fc.string({ unit, maxLength: 8 }) }).filter(allowed);
  const number = fc
    .oneof({ weight: 3, arbitrary: fc.constantFrom(...NUMBERS) }, { weight: 2, arbitrary: fc.double() }, { weight: 1, arbitrary: fc.integer() })
    .filter(allowed);
  const date = fc.oneof(fc.constantFrom(...DATES), fc.integer({ min: -8.64e15, max: 8.64e15 })).map((t) => new Date(t));
  const bigint: fc.Arbitrary<bigint | null> =
    HAS_BIGINT && !exclude.has('bigint')
      ? fc.oneof(fc.constant(null), fc.bigInt(), fc.constantFrom(BigInt(0), BigInt(-1), BigInt('123456789012345678901234567890')))
      : fc.constant(null);
  const key = fc.oneof(fc.constantFrom(...OBJECT_KEYS), fc.string({ maxLength: 4 })).filter(allowed);
  const leaf = fc.oneof(string, number, fc.boolean(), fc.constant(null));
  const { json } = fc.letrec<{ json: unknown }>((tie) => ({
    json: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      leaf,
      fc.array(tie('json'), { maxLength: 4 }),
      fc.uniqueArray(fc.tuple(key, tie('json')), { maxLength: 4, selector: ([k]) => k }).map(objectFrom),
    ),
  }));
  const jsonObject = fc.uniqueArray(fc.tuple(key, json), { maxLength: 5, selector: ([k]) => k }).map(objectFrom);
  const list = fc.array(json, { maxLength: 5 });
  return { string, number, date, bigint, json, jsonObject, list };
}
