import fc from 'fast-check';
import { InvalidArgumentError, partitionOf } from '../src';

/** Reference FNV-1a 32-bit over TextEncoder's UTF-8 bytes (BigInt arithmetic, no Math.imul). */
function referenceFnv1a(text: string): number {
  let h = 2166136261n;
  for (const byte of new TextEncoder().encode(text)) h = ((h ^ BigInt(byte)) * 16777619n) & 0xffffffffn;
  return Number(h);
}

// With count = 2^32 the modulo is the identity: partitionOf returns the hash itself.
const WHOLE = 2 ** 32;

describe('partitionOf', () => {
  it('is FNV-1a 32-bit of the UTF-8 bytes (published vectors)', () => {
    expect(partitionOf('', WHOLE)).toBe(2166136261);
    expect(partitionOf('a', WHOLE)).toBe(0xe40c292c);
    expect(partitionOf('foobar', WHOLE)).toBe(0xbf9cf968);
  });

  it('hashes UTF-8 bytes, not UTF-16 units (vectors computed with Python over str.encode("utf-8"))', () => {
    expect(partitionOf('é', WHOLE)).toBe(0x1e9de8c1); // C3 A9
    expect(partitionOf('日本', WHOLE)).toBe(0x9f26ee51); // three bytes each
    expect(partitionOf('😀', WHOLE)).toBe(0x33a29608); // a surrogate pair: F0 9F 98 80
  });

  it('hashes a lone surrogate as U+FFFD (EF BF BD), as TextEncoder does', () => {
    expect(partitionOf('\ud800', WHOLE)).toBe(0x03479c4a);
    expect(partitionOf('\udc00', WHOLE)).toBe(0x03479c4a);
    expect(partitionOf('a\udbffb', WHOLE)).toBe(0x763177ed);
    expect(partitionOf('\ud83d', WHOLE)).toBe(referenceFnv1a('\ud83d'));
  });

  it('equals the TextEncoder reference for any string, modulo any count', () => {
    const codeUnits = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 12 });
    const anyText = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), codeUnits);
    fc.assert(
      fc.property(anyText, fc.integer({ min: 1, max: 1000 }), (uid, count) => {
        const hash = referenceFnv1a(uid);
        expect(partitionOf(uid, WHOLE)).toBe(hash);
        expect(partitionOf(uid, count)).toBe(hash % count);
      }),
      { numRuns: 3000 },
    );
  });

  it('gives indexes 0 … count-1 and count 1 puts everything in partition 0', () => {
    for (let i = 0; i < 500; i++) {
      const p = partitionOf(`device-${i}`, 7);
      expect(Number.isInteger(p) && p >= 0 && p < 7).toBe(true);
      expect(partitionOf(`device-${i}`, 1)).toBe(0);
    }
  });

  it.each([0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, '4', undefined, null])('refuses count %p', (count) => {
    expect(() => partitionOf('a', count as number)).toThrow(InvalidArgumentError);
    expect(() => partitionOf('a', count as number)).toThrow(/partition count must be a positive integer/);
  });

  it('refuses a uid that is not a string', () => {
    expect(() => partitionOf(42 as unknown as string, 4)).toThrow(InvalidArgumentError);
  });
});
