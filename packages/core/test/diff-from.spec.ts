import { Adapter, Attribute, DiffSyncModel, Identifier, InvalidArgumentError, Model, ObjectNotFound } from '../src';
import { A_FROM_B, BackendA, BackendB, Device, loadedBackends, recordCallbacks, Site } from './fixtures/backends';

describe('diffFrom / diffTo on the BackendA/BackendB fixtures', () => {
  it('"+" is the source: creates, updates, deletes and no-changes as computed by hand', async () => {
    const { a, b } = await loadedBackends();
    const diff = await a.diffFrom(b);
    expect(diff.summary()).toEqual(A_FROM_B.summary);
    expect(diff.length).toBe(A_FROM_B.length);
    expect(diff.modelsProcessed).toBe(A_FROM_B.total);
    expect(diff.groups()).toEqual(['site']);
    // combined order: source uids first (nyc, sfo, atl), then destination-only (rdu)
    expect([...diff.getChildren()].map((e) => `${e.name}:${e.action}`)).toEqual(['nyc:null', 'sfo:null', 'atl:create', 'rdu:delete']);
    const nyc = diff.children.get('site')!.get('nyc')!;
    expect(nyc.childDiff.groups()).toEqual(['device']); // place/person only on one side: not diffed
    const leaf = nyc.childDiff.children.get('device')!.get('nyc-leaf1')!;
    expect(leaf.action).toBe('update');
    expect(leaf.getAttrsDiffs()).toEqual({ '-': { role: 'leaf' }, '+': { role: 'spine' } });
    const rdu = diff.children.get('site')!.get('rdu')!;
    expect(rdu.childDiff.groups()).toEqual(['device', 'person']); // single side: its full mapping
    expect(diff.toDict()).toEqual({
      site: {
        nyc: {
          '-': {},
          '+': {},
          device: {
            'nyc-spine1': { '-': {}, '+': {}, interface: { eth1: { '-': { description: 'downlink' }, '+': { description: 'to leaf' } } } },
            'nyc-leaf1': { '-': { role: 'leaf' }, '+': { role: 'spine' } },
          },
        },
        sfo: {
          '-': {},
          '+': {},
          device: {
            'sfo-spine1': { '-': {}, '+': {}, interface: { eth1: { '-': { description: 'spare' } } } },
            'sfo-leaf1': { '+': { role: 'leaf' }, interface: { eth0: { '+': { description: 'uplink' } } } },
          },
        },
        atl: {
          '+': {},
          device: { 'atl-spine1': { '+': { role: 'spine' }, interface: { eth0: { '+': { description: 'uplink' } } } } },
        },
        rdu: {
          '-': {},
          device: { 'rdu-leaf1': { '-': { role: 'leaf' }, interface: { eth0: { '-': { description: 'uplink' } } } } },
          person: { bob: { '-': {} } },
        },
      },
    });
  });

  it('diffTo(target) is target.diffFrom(this)', async () => {
    const { a, b } = await loadedBackends();
    const d1 = await b.diffTo(a);
    const d2 = await a.diffFrom(b);
    expect(d1.toDict()).toEqual(d2.toDict());
    expect(d1.summary()).toEqual(d2.summary());
  });

  it('the reverse direction swaps creates and deletes; skipped top-level types come from the source', async () => {
    const { a, b } = await loadedBackends();
    const diff = await b.diffFrom(a);
    // 'unused' is in A (the source) topLevel only: count(A, 'unused') = 1 is skipped.
    expect(diff.summary()).toEqual({ create: 5, update: 2, delete: 5, 'no-change': 7, skip: 3 });
    expect([...diff.getChildren()].map((e) => `${e.name}:${e.action}`)).toEqual(['nyc:null', 'sfo:null', 'rdu:create', 'atl:delete']);
  });

  it('identical datasets give no diffs but count every model as no-change', async () => {
    const a1 = new BackendA();
    const a2 = new BackendA();
    await a1.load();
    await a2.load();
    const diff = await a1.diffFrom(a2);
    expect(diff.hasDiffs()).toBe(false);
    // 3 sites + 4 devices + 6 interfaces + 2 people = 15 pairs; unused is in both topLevels: +1 pair
    expect(diff.summary()).toEqual({ create: 0, update: 0, delete: 0, 'no-change': 16, skip: 0 });
    expect(diff.str()).toBe('(no diffs)');
    expect(diff.toDict()).toEqual({});
  });

  it('orphans are neither diffed nor counted', async () => {
    const { a, b } = await loadedBackends();
    await b.add(new Device({ name: 'orphan', role: 'x' })); // not a child of any site
    const { calls, cb } = recordCallbacks();
    const diff = await a.diffFrom(b, { callback: cb });
    expect(diff.summary()).toEqual(A_FROM_B.summary);
    expect(calls[calls.length - 1]).toEqual(['diff', 31, 32]); // total includes the orphan, current does not
  });

  it('diff callbacks: total = count(src)+count(dst), steps of 2/1, never a zero step', async () => {
    const { a, b } = await loadedBackends();
    const { calls, cb } = recordCallbacks();
    await a.diffFrom(b, { callback: cb });
    expect(calls).toHaveLength(A_FROM_B.diffCalls);
    expect(calls[0]).toEqual(['diff', 1, 31]);
    expect(calls[calls.length - 1]).toEqual(['diff', 31, 31]);
    const steps = calls.map((c, i) => c[1] - (i === 0 ? 0 : calls[i - 1][1]));
    expect(steps.every((s) => s === 1 || s === 2)).toBe(true);
    expect(steps.filter((s) => s === 2)).toHaveLength(9); // 9 matched pairs: nyc, sfo, nyc-spine1, nyc-leaf1, sfo-spine1 and 4 interfaces
    expect(calls.every((c) => c[0] === 'diff' && c[2] === 31)).toBe(true);
  });
});

describe('diff validation errors', () => {
  @Model('thing')
  class Thing extends DiffSyncModel {
    @Identifier() name!: string;
    @Attribute() value?: number;
  }
  @Model('thing')
  class OtherThing extends DiffSyncModel {
    @Identifier() name!: string;
    @Identifier() extra!: string;
  }
  @Model({ name: 'thing', shortname: ['label'] })
  class LabelThing extends DiffSyncModel {
    @Identifier() name!: string;
    @Attribute() label!: string;
  }
  @Model('widget')
  class Widget extends DiffSyncModel {
    @Identifier() name!: string;
  }
  class Plain extends Adapter {
    static override models = [Thing];
    static override topLevel = ['thing'];
  }
  class Keyed extends Adapter {
    static override models = [OtherThing];
    static override topLevel = ['thing'];
  }
  class Labelled extends Adapter {
    static override models = [LabelThing];
    static override topLevel = ['thing'];
  }

  it('Keys mismatch when the identifiers differ for one uid', async () => {
    const p = new Plain();
    const k = new Keyed();
    await p.add(new Thing({ name: 'x__y' }));
    await k.add(new OtherThing({ name: 'x', extra: 'y' }));
    await expect(p.diffFrom(k)).rejects.toThrow(InvalidArgumentError);
    await expect(p.diffFrom(k)).rejects.toThrow("Keys mismatch: {'name': 'x', 'extra': 'y'} vs {'name': 'x__y'}");
  });

  it('Shortname mismatch when the shortnames of one uid differ', async () => {
    const p = new Plain();
    const l = new Labelled();
    await p.add(new Thing({ name: 'x' }));
    await l.add(new LabelThing({ name: 'x', label: 'ex' }));
    await expect(p.diffFrom(l)).rejects.toThrow('Shortname mismatch: ex vs x');
  });

  it('a child uid missing from the store raises ObjectNotFound', async () => {
    const a = new BackendA();
    const b = new BackendB();
    await a.load();
    await b.load();
    const nyc = await a.get(Site, 'nyc');
    nyc.devices.push('ghost');
    await expect(a.diffFrom(b)).rejects.toThrow(ObjectNotFound);
  });

  it('Type mismatch: models of different types under one uid', async () => {
    class TopPlain extends Adapter {
      static override models = [Thing, Widget];
      static override topLevel = ['thing'];
    }
    const x = new TopPlain();
    const y = new TopPlain();
    await x.add(new Thing({ name: 'n' }));
    // A (misbehaving) source that hands a widget back for getAll('thing'): same uid, other type.
    const w = new Widget({ name: 'n' });
    y.getAll = (async (m: unknown) => (m === 'thing' ? [w] : [])) as typeof y.getAll;
    const error = await x.diffFrom(y).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toBe('Type mismatch: widget vs thing'); // source type first
  });
});

describe('skipped types', () => {
  it('a top-level type in only one adapter is counted as skip, neither created nor deleted', async () => {
    const { a, b } = await loadedBackends();
    await a.add(new (a.model('unused'))({ name: 'u2' }));
    const diff = await a.diffFrom(b);
    expect(diff.summary().skip).toBe(4); // u1, u2, place, person
    expect(diff.groups()).toEqual(['site']);
  });

  it('child types on one side only are counted with the length of their list', async () => {
    const data = {
      nyc: { devices: {}, people: ['p1', 'p2', 'p3'] },
    };
    const a = new BackendA({ data });
    const b = new BackendB({ data: { nyc: { devices: {}, places: ['x', 'y'] } } });
    await a.load();
    await b.load();
    const diff = await a.diffFrom(b);
    expect(diff.summary()).toEqual({ create: 0, update: 0, delete: 0, 'no-change': 1, skip: 5 });
  });
});
