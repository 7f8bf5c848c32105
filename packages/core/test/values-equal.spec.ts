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

describe('valuesEqual: SameValue at every level', () => {
  it('tells -0 from 0 at the top level as it does inside arrays and objects, and equates NaN with NaN', () => {
    expect(valuesEqual(0, -0)).toBe(false);
    expect(valuesEqual([0], [-0])).toBe(false);
    expect(valuesEqual({ a: -0 }, { a: 0 })).toBe(false);
    expect(valuesEqual(-0, -0)).toBe(true);
    expect(valuesEqual(NaN, NaN)).toBe(true);
    expect(valuesEqual([NaN], [NaN])).toBe(true);
  });

  it('so a sync carries -0 over 0 (it used to leave 0 behind and report no diff)', async () => {
    const src = new ZeroAdapter();
    const dst = new ZeroAdapter();
    await src.add(new ZeroItem({ name: 'a', n: -0, list: [-0] }));
    await dst.add(new ZeroItem({ name: 'a', n: 0, list: [-0] }));
    const diff = await dst.diffFrom(src);
    expect(diff.summary()).toMatchObject({ update: 1 });
    await dst.syncFrom(src);
    expect(Object.is((await dst.get(ZeroItem, 'a')).n, -0)).toBe(true);
    expect((await dst.diffFrom(src)).hasDiffs()).toBe(false);
  });
});
