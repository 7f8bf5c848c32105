import { Attribute, DiffSyncModel, Identifier, Model, valuesEqual } from '@diffsync/core';

@Model('holder')
class Holder extends DiffSyncModel {
  @Identifier() id!: string;
  @Attribute() doc!: unknown;
}

describe('toDict keeps JSON-like data exactly', () => {
  it('keeps own __proto__ and constructor keys (as JSON.parse makes them) without polluting anything', () => {
    const doc = JSON.parse('{"__proto__":{"polluted":1},"constructor":{"prototype":{"x":1}},"list":[1,{"constructor":2}],"at":null}') as Record<
      string,
      unknown
    >;
    const out = new Holder({ id: 'a', doc }).toDict().doc as Record<string, unknown>;
    expect(out).toEqual(doc);
    expect(Object.keys(out)).toEqual(['__proto__', 'constructor', 'list', 'at']);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(out).not.toBe(doc);
  });

  it('still turns class instances into plain objects', () => {
    class Point {
      constructor(
        public x: number,
        public y: number,
      ) {}
    }
    const out = new Holder({ id: 'b', doc: { p: new Point(1, 2) } }).toDict().doc as { p: unknown };
    expect(out.p).toEqual({ x: 1, y: 2 });
    expect(out.p).not.toBeInstanceOf(Point);
  });
});

describe('valuesEqual', () => {
  it('takes null and undefined as the same "no value", and nothing else as equal to them', () => {
    expect(valuesEqual(null, undefined)).toBe(true);
    expect(valuesEqual(undefined, null)).toBe(true);
    for (const v of [0, '', false, Number.NaN, [], {}]) {
      expect(valuesEqual(v, undefined)).toBe(false);
      expect(valuesEqual(null, v)).toBe(false);
    }
    expect(valuesEqual(Number.NaN, Number.NaN)).toBe(true);
    expect(valuesEqual(-0, 0)).toBe(true);
  });
});
