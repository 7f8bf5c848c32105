import { Adapter, Attribute, DiffSyncModel, Identifier, Model, valuesEqual } from '../src';

@Model('zero_item')
class ZeroItem extends DiffSyncModel {
  @Identifier() name!: string;
  @Attribute() n!: number;
  @Attribute() list!: number[];
}

class ZeroAdapter extends Adapter {
  static override models = [ZeroItem];
  static override topLevel = ['zero_item'];
}

describe('valuesEqual: numbers compare as numbers at every level', () => {
  it('equates -0 with 0 at the top level as inside arrays and objects (as Python), and NaN with NaN', () => {
    expect(valuesEqual(0, -0)).toBe(true);
    expect(valuesEqual([0], [-0])).toBe(true);
    expect(valuesEqual({ a: -0 }, { a: 0 })).toBe(true);
    expect(valuesEqual(NaN, NaN)).toBe(true);
    expect(valuesEqual([NaN], [NaN])).toBe(true);
    expect(valuesEqual({ a: NaN }, { a: 0 })).toBe(false);
    expect(valuesEqual([1], [-1])).toBe(false);
  });

  it('equates null with undefined for an attribute (no value), but not with 0, "" or false', () => {
    expect(valuesEqual(null, undefined)).toBe(true);
    expect(valuesEqual(undefined, null)).toBe(true);
    for (const v of [0, '', false, [], {}]) {
      expect(valuesEqual(null, v)).toBe(false);
      expect(valuesEqual(undefined, v)).toBe(false);
    }
  });

  it('so -0 against 0 is no diff, and an empty re-diff holds whichever a store reads back', async () => {
    const src = new ZeroAdapter();
    const dst = new ZeroAdapter();
    await src.add(new ZeroItem({ name: 'a', n: -0, list: [-0] }));
    await dst.add(new ZeroItem({ name: 'a', n: 0, list: [0] }));
    expect((await dst.diffFrom(src)).hasDiffs()).toBe(false);
    await dst.add(new ZeroItem({ name: 'b', n: 1, list: [] }));
    await src.add(new ZeroItem({ name: 'b', n: -1, list: [] }));
    expect((await dst.diffFrom(src)).summary()).toMatchObject({ update: 1 });
    await dst.syncFrom(src);
    expect((await dst.diffFrom(src)).hasDiffs()).toBe(false);
  });
});
