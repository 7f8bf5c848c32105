import 'reflect-metadata';
import fc from 'fast-check';
import {
  Adapter,
  Attribute,
  DiffSyncModel,
  Identifier,
  LocalStore,
  Model,
  ModelCodec,
  UnstorableValueError,
  encodeWithSnapshot,
  matchesSnapshot,
  snapshotOfDecoded,
  unchangedSince,
  valuesEqual,
} from '@diffsync/core';
import { DANGEROUS_KEYS, jsonData, jsonObject, objectOf, sameJson } from '../../../test-support/json-arbitraries';

class Address {
  street = '';
  zip = '';
  get label(): string {
    return `${this.street} ${this.zip}`;
  }
}

@Model('doc')
class Doc extends DiffSyncModel {
  @Identifier() id!: string;
  @Attribute() meta?: Record<string, unknown>;
  @Attribute() value?: unknown;
  @Attribute() list?: unknown[];
  @Attribute() count?: number;
  @Attribute() address?: Address;
}

class DocAdapter extends Adapter {
  static override models = [Doc];
  static override topLevel = ['doc'];
}

/** What a serialising store does: the codec's text, parsed, decoded. */
function roundTrip(doc: Doc): Doc {
  return ModelCodec.decode(Doc, JSON.parse(encodeWithSnapshot(doc).json) as Record<string, unknown>);
}

const DANGEROUS = JSON.parse(
  '{"constructor":"ACME","__proto__":{"polluted":"yes","constructor":{"prototype":{"polluted":1}}},' +
    '"prototype":{"toString":"x"},"toString":"", "hasOwnProperty":null,"valueOf":[-0,0,"é🚀\\ud800"]}',
) as Record<string, unknown>;

afterEach(() => {
  expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted')).toBe(false);
});

describe('ModelCodec and JSON data', () => {
  it('round-trips an attribute { constructor: "ACME" } (class-transformer used to crash on it)', () => {
    const back = roundTrip(new Doc({ id: 'a', meta: { constructor: 'ACME' } }));
    expect(Object.keys(back.meta as object)).toEqual(['constructor']);
    expect((back.meta as Record<string, unknown>)['constructor']).toBe('ACME');
  });

  it('keeps __proto__ keys from JSON.parse as own data, with every other dangerous key, and pollutes nothing', () => {
    const doc = new Doc({ id: 'a', meta: DANGEROUS, list: [DANGEROUS, [DANGEROUS]], value: DANGEROUS });
    const back = roundTrip(doc);
    for (const field of ['meta', 'list', 'value'] as const) expect(sameJson(doc[field], back[field])).toBeUndefined();
    const meta = back.meta as Record<string, unknown>;
    expect(Object.getPrototypeOf(meta)).toBe(Object.prototype);
    expect(Object.prototype.hasOwnProperty.call(meta, '__proto__')).toBe(true);
    expect(Object.keys(meta)).toEqual(Object.keys(DANGEROUS));
    expect(meta['polluted']).toBeUndefined(); // __proto__ did not become the prototype
    expect(valuesEqual(doc.meta, back.meta)).toBe(true);
  });

  it('copies data: the encoded form shares no object with the model', () => {
    const meta = { a: { b: [1, { c: 2 }] } };
    const plain = ModelCodec.encode(new Doc({ id: 'a', meta }));
    expect(plain['meta']).toEqual(meta);
    expect(plain['meta']).not.toBe(meta);
    ((plain['meta'] as typeof meta).a.b[1] as { c: number }).c = 3;
    expect(meta.a.b[1]).toEqual({ c: 2 });
  });

  it('carries -0 exactly, at the top level and nested', () => {
    const doc = new Doc({ id: 'z', count: -0, list: [-0, 0, { x: -0 }] });
    const { json } = encodeWithSnapshot(doc);
    expect(json).toBe('{"id":"z","list":[-0,0,{"x":-0}],"count":-0}');
    expect(ModelCodec.stringify(doc)).toBe(json);
    const back = roundTrip(doc);
    expect(Object.is(back.count, -0)).toBe(true);
    expect(sameJson(doc.list, back.list)).toBeUndefined();
  });

  it.each([
    ['NaN at the top level', { count: NaN }, 'count', 'NaN'],
    ['Infinity in a list', { list: [1, Infinity] }, 'list[1]', 'Infinity'],
    ['-Infinity deep in an object', { meta: { a: [{ 'odd key': -Infinity }] } }, 'meta.a[0]["odd key"]', '-Infinity'],
    ['a bigint', { value: { n: 10n } }, 'value.n', 'a bigint (10n)'],
    ['undefined in an array', { list: [1, undefined] }, 'list[1]', 'undefined'],
    ['an undefined property', { meta: { gone: undefined } }, 'meta.gone', 'undefined'],
    ['a function', { meta: { f: () => 1 } }, 'meta.f', 'a function'],
  ])('refuses %s with UnstorableValueError naming the path', (_, init, path, what) => {
    const doc = new Doc({ id: 'bad', ...(init as Partial<Doc>) });
    let error: unknown;
    try {
      encodeWithSnapshot(doc);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UnstorableValueError);
    const e = error as UnstorableValueError;
    expect(e.message).toContain(`Cannot store doc "bad": ${path} holds ${what}`);
    expect([e.model, e.uid, e.path]).toEqual(['doc', 'bad', path]);
    expect(() => ModelCodec.stringify(doc)).toThrow(UnstorableValueError);
  });

  it('refuses a cycle instead of recursing forever', () => {
    const meta: Record<string, unknown> = { a: 1 };
    meta['self'] = { again: meta };
    expect(() => ModelCodec.encode(new Doc({ id: 'c', meta }))).toThrow(/meta(\.self\.again)+ holds a reference to one of its own containers/);
  });

  it('still uses class-transformer for a declared user class, and plain copies for plain data', () => {
    const address = Object.assign(new Address(), { street: 'Main', zip: '1000', note: undefined });
    const back = roundTrip(new Doc({ id: 'u', address, value: address }));
    expect(Object.keys(back.address as object)).toEqual(['street', 'zip']); // a class's undefined property is left out
    expect(back.address).toBeInstanceOf(Address);
    expect(back.address?.label).toBe('Main 1000');
    expect(back.value).toEqual({ street: 'Main', zip: '1000' }); // declared unknown: plain data
  });

  it('finds changes in snapshots: 0 to -0, and a nested __proto__ value', () => {
    const doc = new Doc({ id: 's', count: 0 });
    const { snap } = encodeWithSnapshot(doc);
    expect(typeof snap).not.toBe('string');
    expect(matchesSnapshot(doc, snap as Record<string, unknown>)).toBe(true);
    doc.count = -0;
    expect(matchesSnapshot(doc, snap as Record<string, unknown>)).toBe(false);
    expect(unchangedSince(doc, encodeWithSnapshot(doc).snap)).toBe(true);

    const nested = new Doc({ id: 'n', meta: JSON.parse('{"__proto__":{"x":1}}') as Record<string, unknown> });
    const text = encodeWithSnapshot(nested).snap;
    expect(text).toBe('{"id":"n","meta":{"__proto__":{"x":1}}}');
    expect(unchangedSince(nested, text)).toBe(true);
    (nested.meta as Record<string, { x: number }>)['__proto__'].x = 2;
    expect(unchangedSince(nested, text)).toBe(false);
    const decoded = ModelCodec.decode(Doc, JSON.parse(text as string) as Record<string, unknown>);
    expect(snapshotOfDecoded(decoded, JSON.parse(text as string) as Record<string, unknown>)).toBe(text);
  });
});

describe('valuesEqual on JSON data', () => {
  it('compares __proto__ and constructor keys as data', () => {
    const a = JSON.parse('{"__proto__":{"x":1},"b":2}') as object;
    expect(valuesEqual(a, JSON.parse('{"b":2,"__proto__":{"x":1}}'))).toBe(true);
    expect(valuesEqual(a, JSON.parse('{"__proto__":{"x":2},"b":2}'))).toBe(false);
    expect(valuesEqual(a, { b: 2 })).toBe(false);
    expect(valuesEqual({ constructor: 'ACME' }, {})).toBe(false);
    expect(valuesEqual({}, { constructor: 'ACME' })).toBe(false);
    expect(valuesEqual({ constructor: 'ACME' }, { constructor: 'ACME' })).toBe(true);
  });

  it('treats a null-prototype object like the ordinary object a store reads back', () => {
    const bare = objectOf([['a', Object.assign(Object.create(null) as object, { b: [1] })]]);
    Object.setPrototypeOf(bare, null);
    expect(valuesEqual(bare, { a: { b: [1] } })).toBe(true);
    expect(valuesEqual({ a: { b: [1] } }, bare)).toBe(true);
    expect(valuesEqual(bare, { a: { b: [2] } })).toBe(false);
  });

  it('keeps strict deep equality for everything else', () => {
    expect(valuesEqual([-0], [0])).toBe(true);
    expect(valuesEqual({ n: NaN }, { n: NaN })).toBe(true);
    expect(valuesEqual(-0, 0)).toBe(true); // numbers compare as numbers at every level (stores still carry -0 exactly)
    expect(valuesEqual(new Date(5), new Date(5))).toBe(true);
    expect(valuesEqual(Object.assign(new Address(), { zip: '1' }), { street: '', zip: '1' })).toBe(false);
    expect(valuesEqual([1, , 3], [1, undefined, 3])).toBe(false); // eslint-disable-line no-sparse-arrays
    expect(valuesEqual(new Map([[1, { a: 1 }]]), new Map([[1, { a: 1 }]]))).toBe(true);
  });

  it('agrees with isDeepStrictEqual-like identity on random JSON data', () => {
    fc.assert(
      fc.property(jsonData, jsonData, (a, b) => {
        expect(valuesEqual(a, structuredCopy(a))).toBe(true);
        expect(valuesEqual(a, b)).toBe(sameJsonIgnoringOrder(a, b));
      }),
      { numRuns: 400 },
    );
  });
});

/** A deep copy keeping own `__proto__` keys (JSON text would lose -0). */
function structuredCopy(v: unknown): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(structuredCopy);
  return objectOf(Object.entries(v).map(([k, x]) => [k, structuredCopy(x)] as const));
}

function sameJsonIgnoringOrder(a: unknown, b: unknown): boolean {
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return a === b || Object.is(a, b);
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const y = b as unknown[];
    return a.length === y.length && a.every((x, i) => sameJsonIgnoringOrder(x, y[i]));
  }
  const ka = Object.keys(a).sort();
  const kb = Object.keys(b).sort();
  return ka.join('\u0000') === kb.join('\u0000') && ka.length === kb.length && ka.every((k) => sameJsonIgnoringOrder((a as never)[k], (b as never)[k]));
}

describe('properties of the codec over arbitrary JSON', () => {
  it('encode → JSON text → decode gives back the same data in every field', () => {
    fc.assert(
      fc.property(jsonData, jsonObject, fc.array(jsonData, { maxLength: 4 }), (value, meta, list) => {
        const doc = new Doc({ id: 'p', value, meta, list });
        const back = roundTrip(doc);
        expect(sameJson(doc.value, back.value)).toBeUndefined();
        expect(sameJson(doc.meta, back.meta)).toBeUndefined();
        expect(sameJson(doc.list, back.list)).toBeUndefined();
        expect(valuesEqual(doc.value, back.value) && valuesEqual(doc.meta, back.meta) && valuesEqual(doc.list, back.list)).toBe(true);
        // What a store compares at the next flush: nothing changed.
        const plain = JSON.parse(encodeWithSnapshot(back).json) as Record<string, unknown>;
        expect(unchangedSince(back, snapshotOfDecoded(ModelCodec.decode(Doc, plain), plain))).toBe(true);
        expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
      }),
      { numRuns: 500 },
    );
  });

  it('a sync through LocalStore and a re-diff are empty for any JSON attribute values', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(jsonData, jsonObject), { minLength: 1, maxLength: 4 }), async (rows) => {
        const source = new DocAdapter({ store: new LocalStore() });
        const target = new DocAdapter({ store: new LocalStore() });
        for (let i = 0; i < rows.length; i++) {
          const [value, meta] = rows[i];
          await source.add(new Doc({ id: `d${i}`, value, meta }));
          // The target holds what a store would read back (copied through JSON text), or nothing.
          if (i % 2 === 0) await target.add(roundTrip(new Doc({ id: `d${i}`, value, meta })));
        }
        await target.syncFrom(source);
        expect((await target.diffFrom(source)).hasDiffs()).toBe(false);
      }),
      { numRuns: 150 },
    );
  });

  it('names every key of DANGEROUS_KEYS without loss', () => {
    const meta = objectOf(DANGEROUS_KEYS.map((k) => [k, { [k]: k }] as const));
    const back = roundTrip(new Doc({ id: 'k', meta }));
    expect(Object.keys(back.meta as object).sort()).toEqual([...DANGEROUS_KEYS].sort());
    expect(sameJson(meta, back.meta)).toBeUndefined();
  });
});
