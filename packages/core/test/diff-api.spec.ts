import { Diff, DiffElement, InvalidArgumentError, ObjectAlreadyExists } from '../src';
import { loadedBackends } from './fixtures/backends';

function element(type: string, name: string, source?: Record<string, unknown>, dest?: Record<string, unknown>): DiffElement {
  const e = new DiffElement(type, name, { name }, 'S', 'D');
  e.addAttrs({ source, dest });
  return e;
}

describe('DiffElement', () => {
  it('rejects a non-string type or name', () => {
    expect(() => new DiffElement(1 as unknown as string, 'x', {})).toThrow(InvalidArgumentError);
    expect(() => new DiffElement('t', null as unknown as string, {})).toThrow('name must be a string');
  });

  it('defaults to source/dest names and absent sides', () => {
    const e = new DiffElement('device', 'd1', { name: 'd1' });
    expect([e.sourceName, e.destName]).toEqual(['source', 'dest']);
    expect(e.sourceAttrs).toBeUndefined();
    expect(e.destAttrs).toBeUndefined();
    expect(e.action).toBeNull();
    expect(e.hasDiffs()).toBe(false);
    expect(e.str()).toBe('device: d1 (no diffs)');
    expect(e.toDict()).toEqual({});
    expect(e.getAttrsKeys()).toEqual([]);
    expect(e.getAttrsDiffs()).toEqual({});
    expect(e.childDiff).toBeInstanceOf(Diff);
  });

  it('action: create (source only), delete (dest only), update (common key differs), null otherwise', () => {
    expect(element('t', 'a', {}).action).toBe('create');
    expect(element('t', 'a', undefined, {}).action).toBe('delete');
    expect(element('t', 'a', { x: 1 }, { x: 2 }).action).toBe('update');
    expect(element('t', 'a', { x: 1 }, { x: 1 }).action).toBeNull();
    // attributes on one side only are never compared
    expect(element('t', 'a', { x: 1, onlySrc: 1 }, { x: 1, onlyDst: 2 }).action).toBeNull();
    // objects compare deeply
    expect(element('t', 'a', { x: { a: [1] } }, { x: { a: [1] } }).action).toBeNull();
  });

  it('addAttrs sets only the given sides and cannot clear one', () => {
    const e = element('t', 'a', { x: 1 });
    e.addAttrs({ dest: { x: 2 } });
    expect(e.sourceAttrs).toEqual({ x: 1 });
    e.addAttrs({ source: undefined, dest: null });
    expect(e.destAttrs).toEqual({ x: 2 });
    expect(e.action).toBe('update');
  });

  it('getAttrsKeys: common keys in destination order, else one side', () => {
    expect(element('t', 'a', { a: 1, b: 2, c: 3 }, { c: 3, x: 0, a: 1 }).getAttrsKeys()).toEqual(['c', 'a']);
    expect(element('t', 'a', undefined, { z: 1, y: 2 }).getAttrsKeys()).toEqual(['z', 'y']);
    expect(element('t', 'a', { b: 1, a: 2 }).getAttrsKeys()).toEqual(['b', 'a']);
  });

  it('getAttrsDiffs: both keys when both sides, only the differing common attributes', () => {
    expect(element('t', 'a', { a: 1, b: 2, s: 0 }, { b: 3, a: 1, d: 0 }).getAttrsDiffs()).toEqual({ '-': { b: 3 }, '+': { b: 2 } });
    expect(element('t', 'a', { a: 1 }, { a: 1 }).getAttrsDiffs()).toEqual({ '-': {}, '+': {} });
    expect(element('t', 'a', { a: 1 }).getAttrsDiffs()).toEqual({ '+': { a: 1 } });
    expect(element('t', 'a', undefined, { a: 1 }).getAttrsDiffs()).toEqual({ '-': { a: 1 } });
  });

  it('hasDiffs with and without children', () => {
    const parent = element('site', 'p', {}, {});
    expect(parent.hasDiffs()).toBe(false);
    parent.addChild(element('device', 'c', { role: 'x' }));
    expect(parent.hasDiffs()).toBe(true);
    expect(parent.hasDiffs(false)).toBe(false);
  });

  it('toDict shapes: {}, {"+": {}}, {"-": {}, "+": {}}, with child groups merged', () => {
    expect(element('t', 'a').toDict()).toEqual({});
    expect(element('t', 'a', {}).toDict()).toEqual({ '+': {} });
    expect(element('t', 'a', undefined, {}).toDict()).toEqual({ '-': {} });
    expect(element('t', 'a', {}, {}).toDict()).toEqual({ '-': {}, '+': {} });
    const parent = element('site', 'p', {}, {});
    parent.addChild(element('device', 'c1', { role: 'x' }));
    parent.addChild(element('device', 'unchanged', { role: 'x' }, { role: 'x' }));
    parent.addChild(element('person', 'bob', undefined, {}));
    const dict = parent.toDict();
    expect(dict).toEqual({ '-': {}, '+': {}, device: { c1: { '+': { role: 'x' } } }, person: { bob: { '-': {} } } });
    expect(Object.keys(dict)).toEqual(['-', '+', 'device', 'person']);
  });

  it('summary has no skip key; length counts the element and its children', () => {
    const parent = element('site', 'p', {}, {});
    parent.addChild(element('device', 'c1', { role: 'x' }));
    parent.addChild(element('device', 'c2', { role: 'x' }, { role: 'y' }));
    parent.addChild(element('device', 'c3', undefined, {}));
    expect(parent.summary()).toEqual({ create: 1, update: 1, delete: 1, 'no-change': 1 });
    expect(parent.length).toBe(4);
  });

  it('str: attribute lines, MISSING markers and child diffs (API §6)', () => {
    const upd = element('device', 'd1', { role: 'spine', vendor: 'x', tags: ['a'], n: null }, { n: 2, tags: ['b'], role: 'leaf', vendor: 'x' });
    expect(upd.str()).toBe(['device: d1', '  n    S(null)    D(2)', '  tags    S(["a"])    D(["b"])', '  role    S(spine)    D(leaf)'].join('\n'));
    expect(element('device', 'd1', { role: 'x' }).str(2)).toBe('  device: d1 MISSING in D');
    expect(element('device', 'd1', undefined, { role: 'x' }).str()).toBe('device: d1 MISSING in S');
    const parent = element('site', 'p', {}, {});
    expect(parent.str()).toBe('site: p');
    parent.addChild(element('device', 'c1', {}));
    expect(parent.str()).toBe('site: p\n  device\n    device: c1 MISSING in D');
    expect(String(parent)).toBe(parent.str());
  });
});

describe('Diff', () => {
  it('add: duplicates raise ObjectAlreadyExists', () => {
    const diff = new Diff();
    diff.add(element('device', 'd1', {}));
    let error: unknown;
    try {
      diff.add(element('device', 'd1', undefined, {}));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ObjectAlreadyExists);
    expect((error as Error).message).toBe('Already storing a device named d1');
  });

  it('groups, hasDiffs, length and summary of a hand-built diff (skip may be negative)', () => {
    const diff = new Diff();
    expect(diff.hasDiffs()).toBe(false);
    expect(diff.summary()).toEqual({ create: 0, update: 0, delete: 0, 'no-change': 0, skip: 0 });
    expect(diff.length).toBe(0);
    diff.add(element('site', 's1', {}));
    diff.add(element('device', 'd1', { a: 1 }, { a: 1 }));
    expect(diff.groups()).toEqual(['site', 'device']);
    expect(diff.hasDiffs()).toBe(true);
    expect(diff.length).toBe(2);
    // skip = modelsProcessed - c - 2u - d - 2n = 0 - 1 - 0 - 0 - 2
    expect(diff.summary()).toEqual({ create: 1, update: 0, delete: 0, 'no-change': 1, skip: -3 });
    diff.modelsProcessed = 3;
    expect(diff.summary().skip).toBe(0);
  });

  it('str and toString of the fixture diff (API §6, exact text)', async () => {
    const { a, b } = await loadedBackends();
    const diff = await a.diffFrom(b);
    const expected = [
      'site',
      '  site: nyc',
      '    device',
      '      device: nyc-spine1',
      '        interface',
      '          interface: eth1',
      '            description    BackendB(to leaf)    BackendA(downlink)',
      '      device: nyc-leaf1',
      '        role    BackendB(spine)    BackendA(leaf)',
      '  site: sfo',
      '    device',
      '      device: sfo-spine1',
      '        interface',
      '          interface: eth1 MISSING in BackendB',
      '      device: sfo-leaf1 MISSING in BackendA',
      '        interface',
      '          interface: eth0 MISSING in BackendA',
      '  site: atl MISSING in BackendA',
      '    device',
      '      device: atl-spine1 MISSING in BackendA',
      '        interface',
      '          interface: eth0 MISSING in BackendA',
      '  site: rdu MISSING in BackendB',
      '    device',
      '      device: rdu-leaf1 MISSING in BackendB',
      '        interface',
      '          interface: eth0 MISSING in BackendB',
      '    person',
      '      person: bob MISSING in BackendB',
    ].join('\n');
    expect(diff.str()).toBe(expected);
    expect(diff.toString()).toBe(expected);
    expect(String(diff)).toBe(expected);
    expect(new Diff().str()).toBe('(no diffs)');
  });

  it('toDict leaves out elements without diffs', () => {
    const diff = new Diff();
    expect(diff.toDict()).toEqual({});
    diff.add(element('device', 'same', { a: 1 }, { a: 1 }));
    diff.add(element('device', 'new', { a: 1 }));
    expect(diff.toDict()).toEqual({ device: { new: { '+': { a: 1 } } } });
  });
});

/** Reverse alphabetical order, and leaves out elements named "hidden". */
class ReverseDiff extends Diff {
  override *orderChildren(_group: string, children: Map<string, DiffElement>): Iterable<DiffElement> {
    const sorted = [...children.values()].sort((x, y) => (x.name < y.name ? 1 : -1));
    for (const e of sorted) if (e.name !== 'hidden') yield e;
  }
}

describe('orderChildren', () => {
  function build(): ReverseDiff {
    const diff = new ReverseDiff();
    diff.add(element('device', 'a', { r: 1 }));
    diff.add(element('device', 'hidden', { r: 1 }));
    diff.add(element('device', 'c', { r: 1 }, { r: 2 }));
    diff.add(element('device', 'b', undefined, { r: 1 }));
    return diff;
  }

  it('decides order and membership for getChildren, toDict, summary, length and str', () => {
    const diff = build();
    expect([...diff.getChildren()].map((e) => e.name)).toEqual(['c', 'b', 'a']);
    expect(Object.keys(diff.toDict().device)).toEqual(['c', 'b', 'a']);
    expect(diff.summary()).toEqual({ create: 1, update: 1, delete: 1, 'no-change': 0, skip: -4 });
    expect(diff.length).toBe(3);
    expect(diff.str()).toBe(['device', '  device: c', '    r    S(1)    D(2)', '  device: b MISSING in S', '  device: a MISSING in D'].join('\n'));
  });

  it('applies to child diffs built by the differ with the diffClass', async () => {
    const { a, b } = await loadedBackends();
    const diff = await a.diffFrom(b, { diffClass: ReverseDiff });
    expect(diff).toBeInstanceOf(ReverseDiff);
    expect([...diff.getChildren()].map((e) => e.name)).toEqual(['sfo', 'rdu', 'nyc', 'atl']);
    const sfo = diff.children.get('site')!.get('sfo')!;
    expect(sfo.childDiff).toBeInstanceOf(ReverseDiff);
    expect([...sfo.getChildren()].map((e) => e.name)).toEqual(['sfo-spine1', 'sfo-leaf1']);
    expect(
      diff
        .str()
        .split('\n')
        .filter((l) => l.trim().startsWith('site:')),
    ).toEqual(['  site: sfo', '  site: rdu MISSING in BackendB', '  site: nyc', '  site: atl MISSING in BackendA']);
  });
});

describe('complete()', () => {
  it('is called once, on the top-level diff only, after it is filled', async () => {
    const seen: number[] = [];
    class CountingDiff extends Diff {
      override complete(): void {
        seen.push(this.length);
      }
    }
    const { a, b } = await loadedBackends();
    await a.diffFrom(b, { diffClass: CountingDiff });
    expect(seen).toEqual([19]);
  });
});
