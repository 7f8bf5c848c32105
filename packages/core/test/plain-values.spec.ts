import { Attribute, DiffSyncModel, Identifier, Model } from '@diffsync/core';

@Model('holder')
class Holder extends DiffSyncModel {
  @Identifier() id!: string;
  @Attribute() doc!: unknown;
}

describe('toDict keeps JSON-like data exactly', () => {
  it('keeps own __proto__ and constructor keys (as JSON.parse makes them) without polluting anything', () => {
    const doc = JSON.parse('{"__proto__":{"polluted":1},"constructor":{"prototype":{"x":1}},"list":[1,{"constructor":2}],"at":null}');
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
