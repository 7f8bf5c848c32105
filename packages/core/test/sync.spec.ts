import type { Adapter, SyncLogger } from '../src';
import { Diff, DiffClassMismatch, DiffElement, DiffSyncFlags, DiffSyncStatus, ObjectNotCreated, ObjectNotDeleted, ObjectNotUpdated } from '../src';
import { A_FROM_B, hookControl, loadedBackends, recordCallbacks, RecordingLogger } from './fixtures/backends';

/** Expected store content of A after a.syncFrom(b) (B's data; A's 'unused' left alone, no places). */
const SYNCED_A = {
  site: {
    nyc: { name: 'nyc', devices: ['nyc-spine1', 'nyc-leaf1'], people: ['alice'] },
    sfo: { name: 'sfo', devices: ['sfo-spine1', 'sfo-leaf1'] },
    atl: { name: 'atl', devices: ['atl-spine1'] },
  },
};

describe('syncFrom on the fixtures', () => {
  it('makes A like B and a second diff is empty', async () => {
    const { a, b } = await loadedBackends();
    const diff = await a.syncFrom(b);
    expect(diff.summary()).toEqual(A_FROM_B.summary);
    const dict = await a.toDict();
    expect(dict.site).toEqual(SYNCED_A.site);
    expect(dict.device['nyc-leaf1']).toEqual({ name: 'nyc-leaf1', role: 'spine', interfaces: ['nyc-leaf1__eth0'] });
    expect(dict.interface['nyc-spine1__eth1']).toEqual({ deviceName: 'nyc-spine1', name: 'eth1', description: 'to leaf' });
    expect(Object.keys(dict.interface).sort()).toEqual([
      'atl-spine1__eth0',
      'nyc-leaf1__eth0',
      'nyc-spine1__eth0',
      'nyc-spine1__eth1',
      'sfo-leaf1__eth0',
      'sfo-spine1__eth0',
    ]);
    expect(dict.person).toEqual({ alice: { name: 'alice' } });
    expect(dict.unused).toEqual({ u1: { name: 'u1' } });
    const again = await a.diffFrom(b);
    expect(again.hasDiffs()).toBe(false);
    expect(again.summary()).toEqual({ create: 0, update: 0, delete: 0, 'no-change': 14, skip: 3 });
  });

  it('callbacks: the diff stage, then one sync call per element from 1 to length', async () => {
    const { a, b } = await loadedBackends();
    const { calls, cb } = recordCallbacks();
    await a.syncFrom(b, { callback: cb });
    const diffCalls = calls.filter((c) => c[0] === 'diff');
    const syncCalls = calls.filter((c) => c[0] === 'sync');
    expect(diffCalls).toHaveLength(A_FROM_B.diffCalls);
    expect(calls.slice(0, diffCalls.length)).toEqual(diffCalls); // diff first
    expect(syncCalls).toEqual(Array.from({ length: A_FROM_B.length }, (_, i) => ['sync', i + 1, A_FROM_B.length]));
  });

  it('syncTo(target) is target.syncFrom(this)', async () => {
    const x = await loadedBackends();
    const y = await loadedBackends();
    const d1 = await x.b.syncTo(x.a);
    const d2 = await y.a.syncFrom(y.b);
    expect(d1.toDict()).toEqual(d2.toDict());
    expect(await x.a.toDict()).toEqual(await y.a.toDict());
    expect((await x.b.toDict()).site).not.toHaveProperty('rdu'); // the source is untouched
  });

  it('deletes parent first by default', async () => {
    const { a, b } = await loadedBackends();
    a.hooks = hookControl();
    await a.syncFrom(b);
    const deletes = a.hooks.log.filter((l) => l.startsWith('end delete'));
    expect(deletes).toEqual([
      'end delete interface sfo-spine1__eth1',
      'end delete site rdu',
      'end delete device rdu-leaf1',
      'end delete interface rdu-leaf1__eth0',
      'end delete person bob',
    ]);
    expect(await a.count('site')).toBe(3);
  });

  it('the sync follows orderChildren, for order and membership', async () => {
    /** Names in descending order, without the element named 'rdu'. */
    class DescendingDiff extends Diff {
      override orderChildren(_group: string, children: Map<string, DiffElement>): Iterable<DiffElement> {
        return [...children.values()].filter((e) => e.name !== 'rdu').sort((x, y) => (x.name < y.name ? 1 : -1));
      }
    }
    const { a, b } = await loadedBackends();
    a.hooks = hookControl();
    const { calls, cb } = recordCallbacks();
    await a.syncFrom(b, { diffClass: DescendingDiff, callback: cb });
    expect(a.hooks.log.filter((l) => l.startsWith('end'))).toEqual([
      'end delete interface sfo-spine1__eth1',
      'end create device sfo-leaf1',
      'end create interface sfo-leaf1__eth0',
      'end update interface nyc-spine1__eth1',
      'end update device nyc-leaf1',
      'end create site atl',
      'end create device atl-spine1',
      'end create interface atl-spine1__eth0',
    ]);
    expect(await a.getOrNone('site', 'rdu')).not.toBeNull();
    const sync = calls.filter((c) => c[0] === 'sync');
    expect(sync[sync.length - 1]).toEqual(['sync', 15, 15]); // length without rdu's 4 elements
  });

  it('a provided diff is used as is, even when empty (no recomputation)', async () => {
    const { a, b } = await loadedBackends();
    const before = await a.toDict();
    const { calls, cb } = recordCallbacks();
    const completed = jest.fn();
    a.syncComplete = completed;
    const empty = new Diff();
    expect(await a.syncFrom(b, { diff: empty, callback: cb })).toBe(empty);
    expect(calls).toEqual([]);
    expect(completed).not.toHaveBeenCalled();
    expect(await a.toDict()).toEqual(before);
  });

  it('DiffClassMismatch when the provided diff is not an instance of diffClass', async () => {
    class MyDiff extends Diff {}
    const { a, b } = await loadedBackends();
    const diff = await a.diffFrom(b);
    await expect(a.syncFrom(b, { diff: diff, diffClass: MyDiff })).rejects.toThrow(
      new DiffClassMismatch("The provided diff's class (Diff) does not match the diffClass: MyDiff"),
    );
  });

  it('syncComplete gets (source, diff, flags, logger), only when something was attempted', async () => {
    const { a, b } = await loadedBackends();
    const calls: unknown[][] = [];
    a.syncComplete = (src: Adapter, diff: Diff, flags: DiffSyncFlags, logger: SyncLogger) => void calls.push([src, diff, flags, logger]);
    const diff = await a.syncFrom(b, { flags: DiffSyncFlags.LOG_UNCHANGED_RECORDS });
    expect(calls).toHaveLength(1);
    expect(calls[0][0]).toBe(b);
    expect(calls[0][1]).toBe(diff);
    expect(calls[0][2]).toBe(DiffSyncFlags.LOG_UNCHANGED_RECORDS);
    expect(typeof (calls[0][3] as SyncLogger).info).toBe('function');
    await a.syncFrom(b); // nothing to change
    expect(calls).toHaveLength(1);
  });

  it('syncComplete is called after a failed (null) attempt too, not after an aborting error', async () => {
    const { a, b } = await loadedBackends();
    a.hooks = hookControl(0, (action) => (action === 'create' ? 'null' : undefined));
    const completed = jest.fn();
    a.syncComplete = completed;
    await a.syncFrom(b);
    expect(completed).toHaveBeenCalledTimes(1);

    const other = await loadedBackends();
    other.a.hooks = hookControl(0, () => new ObjectNotUpdated('boom'));
    const completed2 = jest.fn();
    other.a.syncComplete = completed2;
    await expect(other.a.syncFrom(other.b)).rejects.toThrow('boom');
    expect(completed2).not.toHaveBeenCalled();
  });
});

describe('CRUD hooks', () => {
  it('async hooks (awaiting a timer) give the same result as sync ones', async () => {
    const x = await loadedBackends();
    const y = await loadedBackends();
    x.a.hooks = hookControl(1);
    await x.a.syncFrom(x.b);
    await y.a.syncFrom(y.b);
    expect(await x.a.toDict()).toEqual(await y.a.toDict());
    expect(x.a.hooks.log.filter((l) => l.startsWith('start'))).toHaveLength(12);
  });

  it('a hook returning null: FAILURE status, warning, children skipped, no progress, object kept', async () => {
    const { a, b } = await loadedBackends();
    const logger = new RecordingLogger();
    a.logger = logger;
    a.hooks = hookControl(0, (action, type) => ((action === 'create' && type === 'site') || (action === 'delete' && type === 'site') ? 'null' : undefined));
    const { calls, cb } = recordCallbacks();
    await a.syncFrom(b, { callback: cb });
    expect(await a.getOrNone('site', 'atl')).toBeNull();
    expect(await a.getOrNone('device', 'atl-spine1')).toBeNull(); // children of a failed create skipped
    expect(await a.getOrNone('site', 'rdu')).not.toBeNull(); // a delete that returned null keeps the object
    expect(await a.getOrNone('device', 'rdu-leaf1')).not.toBeNull();
    // 19 elements - atl subtree (3) - rdu subtree (4)
    const sync = calls.filter((c) => c[0] === 'sync');
    expect(sync).toHaveLength(12);
    expect(sync[sync.length - 1]).toEqual(['sync', 12, 19]);
    const failure = logger.events.filter((e) => e.meta.status === DiffSyncStatus.FAILURE);
    expect(failure.map((e) => [e.level, e.message])).toEqual([
      ['warn', 'site create did not return the model object.'],
      ['warn', 'site delete did not return the model object.'],
    ]);
    const warnings = logger.events.filter((e) => e.message === 'No object resulted from sync, will not process child objects.');
    expect(warnings.map((e) => [e.level, e.meta.action, e.meta.model, e.meta.uniqueId])).toEqual([
      ['warn', 'create', 'site', 'atl'],
      ['warn', 'delete', 'site', 'rdu'],
    ]);
    expect(warnings[0].meta).not.toHaveProperty('status');
  });

  it('update returning null reports "device update did not return the model object."', async () => {
    const { a, b } = await loadedBackends();
    const logger = new RecordingLogger();
    a.logger = logger;
    a.hooks = hookControl(0, (action, type) => (action === 'update' && type === 'device' ? 'null' : undefined));
    await a.syncFrom(b);
    expect(logger.messages()).toContain('device update did not return the model object.');
    expect((await a.get('device', 'nyc-leaf1')).toDict()).toMatchObject({ role: 'leaf' });
  });

  it('a thrown ObjectCrudException aborts the sync without CONTINUE_ON_FAILURE', async () => {
    const { a, b } = await loadedBackends();
    a.hooks = hookControl(0, (action) => (action === 'create' ? new ObjectNotCreated('cannot create') : undefined));
    await expect(a.syncFrom(b)).rejects.toThrow(ObjectNotCreated);
  });

  it('stale diffs: ObjectNotCreated / ObjectNotUpdated / ObjectNotDeleted with diffsync messages', async () => {
    const { a, b } = await loadedBackends();
    const make = (type: string, name: string, keys: Record<string, unknown>, source?: Record<string, unknown>, dest?: Record<string, unknown>) => {
      const diff = new Diff();
      const e = new DiffElement(type, name, keys);
      e.addAttrs({ source, dest });
      diff.add(e);
      return diff;
    };
    const create = make('interface', 'eth0', { deviceName: 'nyc-spine1', name: 'eth0' }, { description: 'x' });
    await expect(a.syncFrom(b, { diff: create })).rejects.toThrow(
      new ObjectNotCreated("Failed to create interface {'deviceName': 'nyc-spine1', 'name': 'eth0'} - it already exists!"),
    );
    const update = make('device', 'ghost', { name: 'ghost' }, { role: 'a' }, { role: 'b' });
    await expect(a.syncFrom(b, { diff: update })).rejects.toThrow(new ObjectNotUpdated("Failed to update device {'name': 'ghost'} - not found!"));
    const del = make('device', 'ghost', { name: 'ghost' }, undefined, { role: 'b' });
    await expect(a.syncFrom(b, { diff: del })).rejects.toThrow(new ObjectNotDeleted("Failed to delete device {'name': 'ghost'} - not found!"));
  });

  it('applying a diff twice: the second run meets stale deletes', async () => {
    const { a, b } = await loadedBackends();
    const diff = await a.diffFrom(b);
    await a.syncFrom(b, { diff });
    await expect(a.syncFrom(b, { diff })).rejects.toThrow("Failed to delete interface {'deviceName': 'sfo-spine1', 'name': 'eth1'} - not found!");
    const logger = new RecordingLogger();
    a.logger = logger;
    await a.syncFrom(b, { diff, flags: DiffSyncFlags.CONTINUE_ON_FAILURE });
    const errors = logger.events.filter((e) => e.level === 'error');
    expect(errors.map((e) => e.message)).toEqual([
      "Failed to delete interface {'deviceName': 'sfo-spine1', 'name': 'eth1'} - not found!",
      "Failed to create device {'name': 'sfo-leaf1'} - it already exists!",
      "Failed to create site {'name': 'atl'} - it already exists!",
      "Failed to delete site {'name': 'rdu'} - not found!",
    ]);
    expect(errors.every((e) => e.meta.status === DiffSyncStatus.ERROR)).toBe(true);
  });

  it('a create() hook may add the object to the store itself', async () => {
    const { a, b } = await loadedBackends();
    const site = a.model('site');
    const saved = Object.getOwnPropertyDescriptor(site, 'create');
    const original = site.create.bind(site);
    site.create = function (adapter, ids, attrs) {
      const obj = original(adapter, ids, attrs) as InstanceType<typeof site>;
      void adapter.add(obj);
      return obj;
    } as typeof site.create;
    try {
      await a.syncFrom(b);
    } finally {
      if (saved) Object.defineProperty(site, 'create', saved);
      else delete (site as { create?: unknown }).create;
    }
    expect(await a.getOrNone('site', 'atl')).not.toBeNull();
  });
});
