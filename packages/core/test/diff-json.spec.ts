import { Diff, DiffClassMismatch, DiffElement, InvalidArgumentError } from '../src';
import type { DiffJSON } from '../src';
import { A_FROM_B, loadedBackends, recordCallbacks } from './fixtures/backends';

class ReviewedDiff extends Diff {}

describe('Diff.toJSON / Diff.fromJSON', () => {
  it('round trips an object and its text into an equal diff', async () => {
    const { a, b } = await loadedBackends();
    const diff = await a.diffFrom(b);
    const json = diff.toJSON();
    expect(json.format).toBe('diffsync-ts/diff');
    expect(json.modelsProcessed).toBe(A_FROM_B.total);
    for (const rebuilt of [Diff.fromJSON(json), Diff.fromJSON(JSON.parse(JSON.stringify(diff)) as DiffJSON), Diff.fromJSON(JSON.stringify(diff))]) {
      expect(rebuilt).toBeInstanceOf(Diff);
      expect(rebuilt.toDict()).toEqual(diff.toDict());
      expect(rebuilt.summary()).toEqual(diff.summary());
      expect(rebuilt.length).toBe(diff.length);
      expect(rebuilt.str()).toBe(diff.str());
      expect(rebuilt.toJSON()).toEqual(json);
    }
  });

  it('writes bigint identifiers and attributes as {"$bigint": digits} and reads them back as bigint', () => {
    const diff = new Diff();
    const e = new DiffElement('row', '9007199254740993', { id: 9007199254740993n }, 'Src', 'Dst');
    e.addAttrs({ source: { big: -18446744073709551615n, label: 'x' }, dest: { big: 5n, label: 'x' } });
    diff.add(e);
    const text = JSON.stringify(diff.toJSON());
    expect((JSON.parse(text) as DiffJSON).elements[0]).toMatchObject({
      keys: { id: { $bigint: '9007199254740993' } },
      source: { big: { $bigint: '-18446744073709551615' }, label: 'x' },
      dest: { big: { $bigint: '5' } },
    });
    const rebuilt = Diff.fromJSON(text);
    const [element] = [...rebuilt.getChildren()];
    expect(element.keys).toEqual({ id: 9007199254740993n });
    expect(element.sourceAttrs).toEqual({ big: -18446744073709551615n, label: 'x' });
    expect(element.getAttrsDiffs()).toEqual({ '+': { big: -18446744073709551615n }, '-': { big: 5n } });
    expect(rebuilt.str()).toBe(diff.str());
    // Not a tag: other keys beside it, or no integer digits. Such objects stay plain values.
    const plain = new DiffElement('row', 'p', { id: 1 }, 'Src', 'Dst');
    plain.addAttrs({ source: { a: { $bigint: '1.5' }, b: { $bigint: '1', other: 2 } } });
    const back = Diff.fromJSON(JSON.stringify({ ...new Diff().toJSON(), elements: [plain.toJSON()] }));
    expect([...back.getChildren()][0].sourceAttrs).toEqual({ a: { $bigint: '1.5' }, b: { $bigint: '1', other: 2 } });
  });

  it('keeps no-change elements, both sides of every element and the adapter names', () => {
    const diff = new Diff();
    const e = new DiffElement('device', 'd1', { name: 'd1' }, 'Src', 'Dst');
    e.addAttrs({ source: { role: 'x' }, dest: { role: 'x' } });
    const child = new DiffElement('interface', 'eth0', { deviceName: 'd1', name: 'eth0' }, 'Src', 'Dst');
    child.addAttrs({ source: {} });
    e.addChild(child);
    diff.add(e);
    const back = Diff.fromJSON(JSON.stringify(diff));
    const e2 = back.children.get('device')!.get('d1')!;
    expect(e2.sourceAttrs).toEqual({ role: 'x' });
    expect(e2.destAttrs).toEqual({ role: 'x' });
    expect([e2.sourceName, e2.destName]).toEqual(['Src', 'Dst']);
    expect(e2.keys).toEqual({ name: 'd1' });
    const c2 = [...e2.getChildren()][0];
    expect(c2.keys).toEqual({ deviceName: 'd1', name: 'eth0' });
    expect(c2.action).toBe('create');
  });

  it('rebuilds with a diffClass, child diffs included', async () => {
    const { a, b } = await loadedBackends();
    const diff = await a.diffFrom(b);
    const back = Diff.fromJSON(JSON.stringify(diff), ReviewedDiff);
    expect(back).toBeInstanceOf(ReviewedDiff);
    expect(back.children.get('site')!.get('nyc')!.childDiff).toBeInstanceOf(ReviewedDiff);
  });

  it('bad input raises InvalidArgumentError', () => {
    expect(() => Diff.fromJSON('not json')).toThrow(InvalidArgumentError);
    expect(() => Diff.fromJSON('not json')).toThrow('Diff.fromJSON: the text is not valid JSON');
    expect(() => Diff.fromJSON('{}')).toThrow(InvalidArgumentError);
    expect(() => Diff.fromJSON('null')).toThrow(InvalidArgumentError);
    expect(() => Diff.fromJSON({ format: 'diffsync-ts/diff', version: 2 as 1, modelsProcessed: 0, elements: [] })).toThrow('unsupported format version 2');
    expect(() => Diff.fromJSON({ format: 'diffsync-ts/diff', version: 1, modelsProcessed: 0, elements: [{ name: 'x' } as never] })).toThrow(
      'elements[0].type must be a string',
    );
  });

  it('compute today, save as JSON, apply tomorrow: same result as applying directly', async () => {
    const direct = await loadedBackends();
    const directDiff = await direct.a.syncFrom(direct.b);

    const today = await loadedBackends();
    const saved = JSON.stringify(await today.a.diffFrom(today.b));

    const tomorrow = await loadedBackends();
    const reviewed = Diff.fromJSON(saved);
    const { calls, cb } = recordCallbacks();
    const applied = await tomorrow.a.syncFrom(tomorrow.b, { diff: reviewed, callback: cb });
    expect(applied).toBe(reviewed);
    // the diff was not recomputed: only 'sync' callbacks
    expect(calls.every((c) => c[0] === 'sync')).toBe(true);
    expect(calls).toHaveLength(A_FROM_B.length);
    expect(await tomorrow.a.toDict()).toEqual(await direct.a.toDict());
    expect(applied.summary()).toEqual(directDiff.summary());
    expect((await tomorrow.a.diffFrom(tomorrow.b)).hasDiffs()).toBe(false);
  });

  it('a rebuilt diff is checked against the diffClass', async () => {
    const { a, b } = await loadedBackends();
    const rebuilt = Diff.fromJSON(JSON.stringify(await a.diffFrom(b)));
    await expect(a.syncFrom(b, { diff: rebuilt, diffClass: ReviewedDiff })).rejects.toThrow(DiffClassMismatch);
    const ok = Diff.fromJSON(JSON.stringify(await a.diffFrom(b)), ReviewedDiff);
    await a.syncFrom(b, { diff: ok, diffClass: ReviewedDiff });
    expect((await a.diffFrom(b)).hasDiffs()).toBe(false);
  });
});
