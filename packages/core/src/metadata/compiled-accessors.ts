import { InvalidArgumentError } from '../errors';
import { copyDefault, valuesEqual } from '../common/values';
import type { FieldMetadata, ModelMetadata } from './model-metadata';

type Values = Record<string, unknown>;

/**
 * A function compiled from source for one model class. Each class gets its own code and
 * its own type feedback, so reads and writes of its fields by constant name stay
 * monomorphic. (A closure written once here and made per class would share one feedback
 * vector across every model class, and its `obj[name]` reads would go megamorphic: the
 * generic lookup was ~6% of a load's instructions.) `env` names values the body uses.
 */
function compile<F>(name: string, params: string, body: string, env: Record<string, unknown> = {}): F {
  const names = Object.keys(env);
  const factory = new Function(...names, `return function ${name}(${params}) { ${body} };`) as (...args: unknown[]) => F;
  return factory(...names.map((n) => env[n]));
}

/** `o["name"]`, safe for any property name. */
function read(obj: string, property: string): string {
  return `${obj}[${JSON.stringify(property)}]`;
}

/**
 * Identifier values joined with "__" (`String(v)` each); InvalidArgumentError for a missing
 * one. Several values are joined with `Array.prototype.join`, which builds one flat string:
 * `+` would build a rope that V8 must flatten before hashing it as a store key, and that
 * every `===` against another uid (a child list's duplicate check) compares through a call
 * into the runtime (together ≈ 6% of a load's instructions).
 */
export function makeUidOf(name: string, identifiers: readonly string[]): ModelMetadata['uidOf'] {
  if (identifiers.length === 0) return () => '';
  const missing = (key: string): never => {
    throw new InvalidArgumentError(`Missing identifier '${key}' for model ${name}: every identifier needs a value.`);
  };
  const checks = identifiers.map((p, i) => `const v${i} = ${read('o', p)}; if (v${i} === undefined) missing(${JSON.stringify(p)});`);
  const values = identifiers.map((_, i) => `(typeof v${i} === 'string' ? v${i} : String(v${i}))`);
  const joined = values.length === 1 ? values[0] : `[${values.join(', ')}].join('__')`;
  return compile('uidOf', 'o', `${checks.join(' ')} return ${joined};`, { missing });
}

/** The name of the first identifier `obj` lacks (undefined), or undefined when it has them all. */
export function makeMissingIdentifier(identifiers: readonly string[]): ModelMetadata['missingIdentifier'] {
  const checks = identifiers.map((p) => `if (${read('o', p)} === undefined) return ${JSON.stringify(p)};`);
  return compile('missingIdentifier', 'o', `${checks.join(' ')} return undefined;`);
}

/** A reader of one property (undefined when there is none). */
export function makeReader(property: string | undefined): (obj: Values) => unknown {
  if (property === undefined) return () => undefined;
  return compile('read', 'o', `return ${read('o', property)};`);
}

/** Shortname fields joined with "__", or the uid when the model declares none. */
export function makeShortnameOf(shortname: readonly string[], uidOf: ModelMetadata['uidOf']): ModelMetadata['shortnameOf'] {
  if (shortname.length === 0) return uidOf;
  return compile('shortnameOf', 'o', `return ${shortname.map((p) => `String(${read('o', p)})`).join(` + '__' + `)};`);
}

/** The named properties of `obj` as a new plain object, declaration order. */
export function makePick(properties: readonly string[]): (obj: Values) => Values {
  return compile('pick', 'o', `return {${properties.map((p) => `${JSON.stringify(p)}: ${read('o', p)}`).join(', ')}};`);
}

/** True when `values` (a pick of these properties) and `obj` hold equal values for every one of them. */
export function makeSameValues(properties: readonly string[]): ModelMetadata['sameAttrs'] {
  const checks = properties.map((p) => `x = ${read('a', p)}; y = ${read('o', p)}; if (x !== y && !eq(x, y)) return false;`);
  return compile('sameAttrs', 'a, o', `let x, y; ${checks.join(' ')} return true;`, { eq: valuesEqual });
}

/** True when `a` and `b` hold the same (`===`) value for every one of these properties. */
export function makeSameStrict(properties: readonly string[]): ModelMetadata['sameIdentifiers'] {
  const checks = properties.map((p) => `if (${read('a', p)} !== ${read('b', p)}) return false;`);
  return compile('sameIdentifiers', 'a, b', `${checks.join(' ')} return true;`);
}

/**
 * A generated initialiser: one straight-line assignment per field, so every instance of
 * a class gets its properties in the same order (one hidden class) without a loop.
 */
export function makeInitialise(fields: readonly FieldMetadata[], flags: number): ModelMetadata['initialise'] {
  const d = fields.map((f) => f.default);
  const lines = fields.map((f, i) => {
    const key = JSON.stringify(f.property);
    if (f.kind === 'children') return `v = s[${key}]; o[${key}] = Array.isArray(v) ? v.slice() : [];`;
    if (!f.hasDefault) return `o[${key}] = s[${key}];`;
    const value = f.default;
    const fallback = value !== null && typeof value === 'object' ? `copy(d[${i}])` : `d[${i}]`;
    return `v = s[${key}]; o[${key}] = v !== undefined ? v : ${fallback};`;
  });
  const body = `let v; ${lines.join(' ')} v = s.modelFlags; o.modelFlags = typeof v === 'number' ? v : ${flags};`;
  return compile('initialise', 'o, s', body, { d, copy: copyDefault });
}
