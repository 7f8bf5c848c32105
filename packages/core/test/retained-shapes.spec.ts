import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Adapter, Attribute, Children, DiffSyncModel, Identifier, Model } from '../src';
import { loadedBackends, RecordingLogger } from './fixtures/backends';

// The engine keeps one emptied object per internal class (and one argument-less
// instance per model class) so V8 keeps their layouts between syncs. These tests check
// that nothing a caller handed in stays reachable through them.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

async function settle(): Promise<void> {
  // WeakRefs are cleared only after the job that created them ends.
  await new Promise((resolve) => setImmediate(resolve));
  collectGarbage();
  await new Promise((resolve) => setImmediate(resolve));
  collectGarbage();
}

describe('retained layouts', () => {
  it('a finished diff and sync keep neither the adapters, their models, the diff nor the logger alive', async () => {
    const refs = await (async () => {
      const logger = new RecordingLogger();
      const { a, b } = await loadedBackends({ logger });
      const diff = await a.diffFrom(b);
      await a.syncFrom(b, { diff, callback: () => undefined });
      const again = await a.syncFrom(b); // a second sync: the engine objects of the first are the kept ones
      const model = (await a.getAll('site'))[0];
      return [new WeakRef(a), new WeakRef(b), new WeakRef(diff), new WeakRef(again), new WeakRef(model), new WeakRef(logger)];
    })();
    await settle();
    expect(refs.map((r) => r.deref() === undefined)).toEqual([true, true, true, true, true, true]);
  });

  it("an adapter subclass's own constructor runs once per new, never for the kept layout", () => {
    let constructed = 0;
    class Counting extends Adapter {
      static override models = [];
      static override topLevel = [];
      readonly extra: number;
      constructor() {
        super({ name: 'counting' });
        constructed += 1;
        this.extra = constructed;
      }
    }
    const first = new Counting();
    const second = new Counting();
    expect(constructed).toBe(2);
    expect([first.extra, second.extra]).toEqual([1, 2]);
    expect(first.store).not.toBe(second.store);
    expect(first.store.adapter).toBe(first);
  });

  it('a model class whose constructor needs arguments still works (no exemplar is made)', async () => {
    @Model('strict_thing')
    class StrictThing extends DiffSyncModel {
      @Identifier() name!: string;
      @Attribute() size!: number;
      constructor(init?: object) {
        if (init === undefined || typeof (init as { name?: unknown }).name !== 'string') throw new TypeError('StrictThing needs a name');
        super(init);
      }
    }
    @Model('box')
    class Box extends DiffSyncModel {
      @Identifier() name!: string;
      @Children('strict_thing') things!: string[];
    }
    class Store extends Adapter {
      static override models = [Box, StrictThing];
      static override topLevel = ['box'];
    }
    const load = async (size: number) => {
      const adapter = new Store();
      const box = new Box({ name: 'b1' });
      await adapter.add(box);
      const thing = new StrictThing({ name: 't1', size });
      await adapter.add(thing);
      box.addChild(thing);
      return adapter;
    };
    const [src, dst] = [await load(2), await load(1)];
    const diff = await dst.syncFrom(src);
    expect(diff.summary()).toMatchObject({ update: 1 });
    expect((await dst.get(StrictThing, 't1')).size).toBe(2);
    expect(() => new StrictThing()).toThrow('StrictThing needs a name');
  });
});
