import { DiffSyncFlags, DiffSyncModelFlags, Model, ObjectNotCreated } from '../src';
import { A_FROM_B, BackendA, Device, hookControl, Interface, loadedBackends, Person, recordCallbacks, Site, Unused } from './fixtures/backends';

/** Expected summaries are computed by hand from A_FROM_B (see fixtures/backends.ts). */
describe('DiffSyncFlags.SKIP_UNMATCHED_*', () => {
  it('SKIP_UNMATCHED_SRC: no creates; each skipped object counts 1, its subtree nothing', async () => {
    const { a, b } = await loadedBackends();
    const diff = await a.diffFrom(b, { flags: DiffSyncFlags.SKIP_UNMATCHED_SRC });
    // sfo-leaf1 and atl skipped (+1 each) instead of 5 created models (+5)
    expect(diff.summary()).toEqual({ create: 0, update: 2, delete: 5, 'no-change': 7, skip: 5 });
    expect(diff.modelsProcessed).toBe(28);
  });

  it('SKIP_UNMATCHED_DST: no deletes, and sync keeps the destination-only objects', async () => {
    const { a, b } = await loadedBackends();
    const diff = await a.diffFrom(b, { flags: DiffSyncFlags.SKIP_UNMATCHED_DST });
    expect(diff.summary()).toEqual({ create: 5, update: 2, delete: 0, 'no-change': 7, skip: 5 });
    await a.syncFrom(b, { flags: DiffSyncFlags.SKIP_UNMATCHED_DST });
    expect(await a.getOrNone('site', 'rdu')).not.toBeNull();
    expect(await a.getOrNone('interface', 'sfo-spine1__eth1')).not.toBeNull();
    expect(await a.getOrNone('site', 'atl')).not.toBeNull();
  });

  it('SKIP_UNMATCHED_BOTH: only updates', async () => {
    const { a, b } = await loadedBackends();
    const diff = await a.diffFrom(b, { flags: DiffSyncFlags.SKIP_UNMATCHED_BOTH });
    expect(diff.summary()).toEqual({ create: 0, update: 2, delete: 0, 'no-change': 7, skip: 7 });
  });
});

describe('DiffSyncModelFlags.SKIP_UNMATCHED_* per model', () => {
  it('SKIP_UNMATCHED_DST on a destination-only object skips its subtree', async () => {
    const { a, b } = await loadedBackends();
    (await a.get('site', 'rdu')).modelFlags = DiffSyncModelFlags.SKIP_UNMATCHED_DST;
    expect((await a.diffFrom(b)).summary()).toEqual({ create: 5, update: 2, delete: 1, 'no-change': 7, skip: 4 });
  });

  it('SKIP_UNMATCHED_SRC on a source-only object skips its subtree', async () => {
    const { a, b } = await loadedBackends();
    (await b.get('site', 'atl')).modelFlags = DiffSyncModelFlags.SKIP_UNMATCHED_SRC;
    expect((await a.diffFrom(b)).summary()).toEqual({ create: 2, update: 2, delete: 5, 'no-change': 7, skip: 4 });
  });

  it('the flag only applies on its own side (SRC on a destination-only object does nothing)', async () => {
    const { a, b } = await loadedBackends();
    (await a.get('site', 'rdu')).modelFlags = DiffSyncModelFlags.SKIP_UNMATCHED_SRC;
    (await b.get('site', 'atl')).modelFlags = DiffSyncModelFlags.SKIP_UNMATCHED_DST;
    expect((await a.diffFrom(b)).summary()).toEqual(A_FROM_B.summary);
  });

  it('a class-level flag (@Model({ flags })) applies to every instance', async () => {
    @Model({ name: 'interface', shortname: ['name'], flags: DiffSyncModelFlags.SKIP_UNMATCHED_BOTH })
    class StickyInterface extends Interface {}
    class StickyA extends BackendA {
      static override models = [Site, Device, StickyInterface, Person, Unused];
    }
    const a = new StickyA();
    await a.load();
    const { b } = await loadedBackends();
    // sfo-spine1/eth1 and rdu-leaf1/eth0 are destination-only StickyInterfaces: skipped (+1 each).
    // B's source-only interfaces are plain Interfaces (no flag), so they are still created.
    expect((await a.diffFrom(b)).summary()).toEqual({ create: 5, update: 2, delete: 3, 'no-change': 7, skip: 5 });
  });
});

describe('DiffSyncModelFlags.IGNORE', () => {
  it('on a destination object present on both sides: +1 (not +2), whole subtree left out', async () => {
    const { a, b } = await loadedBackends();
    (await a.get('site', 'nyc')).modelFlags = DiffSyncModelFlags.IGNORE;
    const diff = await a.diffFrom(b);
    expect(diff.summary()).toEqual({ create: 5, update: 0, delete: 5, 'no-change': 3, skip: 2 });
    expect(diff.modelsProcessed).toBe(31 - 14 + 1);
  });

  it('on a source object', async () => {
    const { a, b } = await loadedBackends();
    (await b.get('site', 'nyc')).modelFlags = DiffSyncModelFlags.IGNORE;
    expect((await a.diffFrom(b)).summary()).toEqual({ create: 5, update: 0, delete: 5, 'no-change': 3, skip: 2 });
  });

  it('on a child object, and sync leaves it alone', async () => {
    const { a, b } = await loadedBackends();
    (await a.get('device', 'sfo-spine1')).modelFlags = DiffSyncModelFlags.IGNORE;
    expect((await a.diffFrom(b)).summary()).toEqual({ create: 5, update: 2, delete: 4, 'no-change': 5, skip: 4 });
    await a.syncFrom(b);
    expect(await a.getOrNone('interface', 'sfo-spine1__eth1')).not.toBeNull();
  });

  it('on a source-only object: nothing is created', async () => {
    const { a, b } = await loadedBackends();
    (await b.get('site', 'atl')).modelFlags = DiffSyncModelFlags.IGNORE;
    expect((await a.diffFrom(b)).summary()).toEqual({ create: 2, update: 2, delete: 5, 'no-change': 7, skip: 4 });
    await a.syncFrom(b);
    expect(await a.getOrNone('site', 'atl')).toBeNull();
  });
});

describe('DiffSyncModelFlags.SKIP_CHILDREN_ON_DELETE', () => {
  it('removes the children from the store without calling their delete(), no progress for them', async () => {
    const { a, b } = await loadedBackends();
    (await a.get('site', 'rdu')).modelFlags = DiffSyncModelFlags.SKIP_CHILDREN_ON_DELETE;
    a.hooks = hookControl();
    const { calls, cb } = recordCallbacks();
    await a.syncFrom(b, { callback: cb });
    expect(a.hooks.log.filter((l) => l.startsWith('end delete'))).toEqual(['end delete interface sfo-spine1__eth1', 'end delete site rdu']);
    for (const [type, uid] of [
      ['site', 'rdu'],
      ['device', 'rdu-leaf1'],
      ['interface', 'rdu-leaf1__eth0'],
      ['person', 'bob'],
    ] as const) {
      expect(await a.getOrNone(type, uid)).toBeNull();
    }
    const sync = calls.filter((c) => c[0] === 'sync');
    // 19 elements - rdu and its 3 descendants
    expect(sync).toHaveLength(15);
    expect(sync[sync.length - 1]).toEqual(['sync', 15, 19]);
  });

  it('wins over NATURAL_DELETION_ORDER', async () => {
    const { a, b } = await loadedBackends();
    (await a.get('site', 'rdu')).modelFlags = DiffSyncModelFlags.SKIP_CHILDREN_ON_DELETE | DiffSyncModelFlags.NATURAL_DELETION_ORDER;
    a.hooks = hookControl();
    await a.syncFrom(b);
    expect(a.hooks.log.filter((l) => l.startsWith('end delete'))).toEqual(['end delete interface sfo-spine1__eth1', 'end delete site rdu']);
    expect(await a.getOrNone('device', 'rdu-leaf1')).toBeNull();
  });
});

describe('DiffSyncModelFlags.NATURAL_DELETION_ORDER', () => {
  it('deletes the children before the parent', async () => {
    const { a, b } = await loadedBackends();
    (await a.get('site', 'rdu')).modelFlags = DiffSyncModelFlags.NATURAL_DELETION_ORDER;
    a.hooks = hookControl();
    const { calls, cb } = recordCallbacks();
    await a.syncFrom(b, { callback: cb });
    // rdu-leaf1 itself has no flag: it is deleted parent-first
    expect(a.hooks.log.filter((l) => l.startsWith('end delete'))).toEqual([
      'end delete interface sfo-spine1__eth1',
      'end delete device rdu-leaf1',
      'end delete interface rdu-leaf1__eth0',
      'end delete person bob',
      'end delete site rdu',
    ]);
    expect(await a.getOrNone('device', 'rdu-leaf1')).toBeNull();
    expect(await a.getOrNone('site', 'rdu')).toBeNull();
    expect(calls.filter((c) => c[0] === 'sync')).toHaveLength(19);
  });

  it('applies at every level that has it', async () => {
    const { a, b } = await loadedBackends();
    (await a.get('site', 'rdu')).modelFlags = DiffSyncModelFlags.NATURAL_DELETION_ORDER;
    (await a.get('device', 'rdu-leaf1')).modelFlags = DiffSyncModelFlags.NATURAL_DELETION_ORDER;
    a.hooks = hookControl();
    await a.syncFrom(b);
    expect(a.hooks.log.filter((l) => l.startsWith('end delete')).slice(1)).toEqual([
      'end delete interface rdu-leaf1__eth0',
      'end delete device rdu-leaf1',
      'end delete person bob',
      'end delete site rdu',
    ]);
  });

  it('children of an unchanged parent with the flag are still synced (diffsync #250)', async () => {
    const { a, b } = await loadedBackends();
    (await a.get('site', 'sfo')).modelFlags = DiffSyncModelFlags.NATURAL_DELETION_ORDER;
    (await a.get('device', 'sfo-spine1')).modelFlags = DiffSyncModelFlags.NATURAL_DELETION_ORDER;
    a.hooks = hookControl();
    await a.syncFrom(b);
    expect(a.hooks.log).toContain('end delete interface sfo-spine1__eth1');
    expect(a.hooks.log).toContain('end create device sfo-leaf1');
    expect((await a.diffFrom(b)).hasDiffs()).toBe(false);
  });
});

describe('DiffSyncFlags.CONTINUE_ON_FAILURE', () => {
  const failAtl = (action: string, type: string, uid: string) =>
    action === 'create' && type === 'site' && uid === 'atl' ? new ObjectNotCreated('atl refused') : undefined;

  it('without it, an ObjectCrudException aborts the sync', async () => {
    const { a, b } = await loadedBackends();
    a.hooks = hookControl(0, failAtl);
    await expect(a.syncFrom(b)).rejects.toThrow('atl refused');
    expect(await a.getOrNone('site', 'rdu')).not.toBeNull(); // never reached
  });

  it('with it, the failed element and its subtree are skipped and the rest is synced', async () => {
    const { a, b } = await loadedBackends();
    a.hooks = hookControl(0, failAtl);
    const { calls, cb } = recordCallbacks();
    await a.syncFrom(b, { flags: DiffSyncFlags.CONTINUE_ON_FAILURE, callback: cb });
    expect(await a.getOrNone('site', 'atl')).toBeNull();
    expect(a.hooks.log.some((l) => l.includes('atl-spine1'))).toBe(false);
    expect(await a.getOrNone('site', 'rdu')).toBeNull();
    expect(await a.getOrNone('device', 'sfo-leaf1')).not.toBeNull();
    expect(calls.filter((c) => c[0] === 'sync')).toHaveLength(19 - 3);
  });

  it('catches only ObjectCrudExceptions: a plain Error always propagates', async () => {
    const { a, b } = await loadedBackends();
    a.hooks = hookControl(0, (action, type) => (action === 'create' && type === 'site' ? new Error('network down') : undefined));
    await expect(a.syncFrom(b, { flags: DiffSyncFlags.CONTINUE_ON_FAILURE })).rejects.toThrow('network down');
  });

  it('combines with other flags', async () => {
    const { a, b } = await loadedBackends();
    a.hooks = hookControl(0, failAtl);
    await a.syncFrom(b, { flags: DiffSyncFlags.CONTINUE_ON_FAILURE | DiffSyncFlags.SKIP_UNMATCHED_DST });
    expect(await a.getOrNone('site', 'rdu')).not.toBeNull();
    expect(await a.getOrNone('site', 'atl')).toBeNull();
  });
});
