import { afterEach, describe, expect, it } from '@jest/globals';
import { Adapter } from '../adapter/adapter';
import { Attribute, Children, Identifier } from '../decorators/field.decorators';
import { Model } from '../decorators/model.decorator';
import { DiffSyncModel } from '../model/diffsync-model';
import { BaseStore } from '../store/base-store';
import { InvalidArgumentError, ObjectAlreadyExists, ObjectNotFound } from '../errors';
import type { SyncLogger } from '../logging/sync-logger';
import { partitionOf } from '../partition/partition-of';

/** Makes a fresh, empty store for one test. */
export type StoreFactory = () => BaseStore | Promise<BaseStore>;

/** Options of {@link describeStoreConformance}. */
export interface StoreConformanceOptions {
  /**
   * Opens a second store on the same data as `store` (same storeId / file), so the
   * suite can check that changes were persisted rather than kept in memory.
   */
  reopen?: (store: BaseStore) => BaseStore | Promise<BaseStore>;
}

@Model('conformance_site')
class CSite extends DiffSyncModel {
  @Identifier() name!: string;
  @Attribute() region!: string;
  @Children('conformance_device') devices!: string[];
}

@Model('conformance_device')
class CDevice extends DiffSyncModel {
  @Identifier() site!: string;
  @Identifier() name!: string;
  @Attribute({ default: 'leaf' }) role!: string;
  @Attribute() tags!: string[];
  @Children('conformance_port') ports!: string[];
}

@Model('conformance_port')
class CPort extends DiffSyncModel {
  @Identifier() device!: string;
  @Identifier() name!: string;
  @Attribute() mtu!: number;
  @Attribute() enabled!: boolean;
}

class CAdapter extends Adapter {
  static override models = [CSite, CDevice, CPort];
  static override topLevel = ['conformance_site'];
}

function recordingLogger(): SyncLogger & { errors: Array<[string, Record<string, unknown> | undefined]> } {
  const errors: Array<[string, Record<string, unknown> | undefined]> = [];
  return {
    errors,
    error: (m, meta) => errors.push([m, meta]),
    warn: () => undefined,
    info: () => undefined,
    debug: () => undefined,
  };
}

/**
 * The behaviour every store must have, as a jest suite: call it from a test file
 * with a factory that returns a fresh, empty store each time.
 *
 * @param name - Suite name (the store under test).
 * @param makeStore - Returns a fresh, empty store for each test.
 * @param options - `reopen` to also check that writes persist.
 *
 * @example
 * ```ts
 * // my-store.conformance.spec.ts
 * import { describeStoreConformance } from '@diffsync/core/testing';
 *
 * describeStoreConformance('MyStore', () => new MyStore({ storeId: randomUUID() }), {
 *   reopen: (store) => new MyStore({ storeId: (store as MyStore).storeId }),
 * });
 * ```
 */
export function describeStoreConformance(name: string, makeStore: StoreFactory, options: StoreConformanceOptions = {}): void {
  describe(`${name} store conformance`, () => {
    const open: BaseStore[] = [];
    afterEach(async () => {
      for (const store of open.splice(0)) await store.close();
    });
    const adapterWith = async (logger?: SyncLogger): Promise<CAdapter> => {
      const store = await makeStore();
      open.push(store);
      return new CAdapter({ name: 'conformance', store, logger });
    };
    const reopened = async (adapter: CAdapter): Promise<CAdapter> => {
      await adapter.flush();
      if (!options.reopen) return adapter;
      const store = await options.reopen(adapter.store);
      open.push(store);
      return new CAdapter({ name: 'conformance-reopened', store });
    };
    const site = (n: string, region = 'eu') => new CSite({ name: n, region });
    const device = (s: string, n: string, extra: object = {}) => new CDevice({ site: s, name: n, tags: ['a'], ...extra });

    it('adds and gets objects by uid, by identifiers, by class and by instance', async () => {
      const a = await adapterWith();
      const d = device('ams', 'r1', { role: 'spine' });
      await a.add(d);
      for (const got of [
        await a.get('conformance_device', 'ams__r1'),
        await a.get(CDevice, { site: 'ams', name: 'r1' }),
        await a.get('conformance_device', { site: 'ams', name: 'r1' }),
        await a.get(d, 'ams__r1'),
      ]) {
        expect(got).toBeInstanceOf(CDevice);
        expect(got.toDict()).toEqual(d.toDict());
        expect(got.adapter).toBe(a);
      }
      const r = await reopened(a);
      expect((await r.get(CDevice, 'ams__r1')).toDict()).toEqual(d.toDict());
    });

    it('raises ObjectNotFound for a missing object, and getOrNone returns null', async () => {
      const a = await adapterWith();
      await expect(a.get('conformance_site', 'nowhere')).rejects.toThrow(ObjectNotFound);
      await expect(a.get('conformance_site', 'nowhere')).rejects.toThrow(/nowhere not present/);
      expect(await a.getOrNone(CSite, 'nowhere')).toBeNull();
    });

    it('refuses identifiers it cannot resolve with InvalidArgumentError', async () => {
      const a = await adapterWith();
      await expect(a.get('no_such_model', { name: 'x' })).rejects.toThrow(InvalidArgumentError);
    });

    it('refuses a different object with the same uid and keeps the stored one', async () => {
      const a = await adapterWith();
      const first = site('ams', 'eu');
      await a.add(first);
      const second = site('ams', 'us');
      const error = await a.add(second).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(ObjectAlreadyExists);
      expect((error as ObjectAlreadyExists).newObject).toBe(second);
      expect(await a.count()).toBe(1);
      expect((await a.get(CSite, 'ams')).region).toBe('eu');
      await a.add(first); // the same object again is a no-op
      expect(await a.count()).toBe(1);
    });

    it('keeps insertion order in getAll and uid order in getByUids', async () => {
      const a = await adapterWith();
      const names = ['m', 'c', 'x', 'a', 'q', 'b', 'z', 'd'];
      for (const n of names) await a.add(site(n));
      expect((await a.getAll(CSite)).map((s) => s.getUniqueId())).toEqual(names);
      expect((await a.getByUids(['z', 'a', 'm'], 'conformance_site')).map((s) => s.getUniqueId())).toEqual(['z', 'a', 'm']);
      expect(await a.getByUids([], CSite)).toEqual([]);
      await expect(a.getByUids(['a', 'missing'], CSite)).rejects.toThrow(ObjectNotFound);
      expect(await a.getAll('conformance_port')).toEqual([]);
      const r = await reopened(a);
      expect((await r.getAll(CSite)).map((s) => s.getUniqueId())).toEqual(names);
    });

    it('counts per model and in total, and names only non-empty models', async () => {
      const a = await adapterWith();
      expect(await a.count()).toBe(0);
      expect([...(await a.getAllModelNames())]).toEqual([]);
      await a.add(site('ams'));
      await a.add(device('ams', 'r1'));
      await a.add(device('ams', 'r2'));
      expect(await a.count()).toBe(3);
      expect(await a.count('conformance_device')).toBe(2);
      expect(await a.count(CSite)).toBe(1);
      expect(await a.count('conformance_port')).toBe(0);
      expect([...(await a.getAllModelNames())].sort()).toEqual(['conformance_device', 'conformance_site']);
    });

    it('updates (replaces) stored objects', async () => {
      const a = await adapterWith();
      await a.add(site('ams', 'eu'));
      await a.update(site('ams', 'us'));
      await a.update(site('new', 'ap'));
      const r = await reopened(a);
      expect((await r.get(CSite, 'ams')).region).toBe('us');
      expect((await r.get(CSite, 'new')).region).toBe('ap');
      expect(await r.count(CSite)).toBe(2);
    });

    it('removes objects, and children recursively on request', async () => {
      const logger = recordingLogger();
      const a = await adapterWith(logger);
      const s = site('ams');
      await a.add(s);
      const d = device('ams', 'r1');
      await a.add(d);
      s.addChild(d);
      const p = new CPort({ device: 'ams__r1', name: 'eth0', mtu: 1500, enabled: true });
      await a.add(p);
      d.addChild(p);
      d.ports.push('ams__r1__ghost'); // listed but never stored: logged and skipped
      await a.update(d);
      await a.update(s);
      const other = site('fra');
      await a.add(other);
      await a.remove(await a.get(CSite, 'ams'), { removeChildren: true });
      expect(await a.count()).toBe(1);
      expect(logger.errors.map(([m]) => m)).toEqual(['Unable to remove child element as it was not found!']);
      expect(logger.errors[0]?.[1]).toMatchObject({ childType: 'conformance_port', childId: 'ams__r1__ghost' });
      await expect(a.remove(site('ams'))).rejects.toThrow(ObjectNotFound);
      await a.remove(other);
      expect(await a.count()).toBe(0);
    });

    it('persists children added after add() without an explicit update() (diffsync #272)', async () => {
      const a = await adapterWith();
      const s = site('ams');
      await a.add(s);
      const d1 = device('ams', 'r1');
      await a.add(d1);
      s.addChild(d1);
      const d2 = device('ams', 'r2');
      await a.add(d2);
      s.addChild(d2);
      const r = await reopened(a);
      expect((await r.get(CSite, 'ams')).devices).toEqual(['ams__r1', 'ams__r2']);
    });

    it('implements the get-or and update-or helpers', async () => {
      const a = await adapterWith();
      const [s1, created1] = await a.getOrInstantiate(CSite, { name: 'ams' }, { region: 'eu' });
      expect(created1).toBe(true);
      const [s2, created2] = await a.getOrInstantiate(CSite, { name: 'ams' }, { region: 'us' });
      expect(created2).toBe(false);
      expect(s2.region).toBe('eu');
      const [, added] = await a.getOrAddModelInstance(site('ams', 'ap'));
      expect(added).toBe(false);
      const [u1, c3] = await a.updateOrInstantiate(CSite, { name: 'ams' }, { region: 'us' });
      expect([u1.region, c3]).toEqual(['us', false]);
      const [u2, c4] = await a.updateOrAddModelInstance(site('ams', 'ap'));
      expect([u2.region, c4]).toEqual(['ap', false]);
      const [u3, c5] = await a.updateOrAddModelInstance(site('fra', 'eu'));
      expect([u3.region, c5]).toEqual(['eu', true]);
      expect(s1.getUniqueId()).toBe('ams');
      const r = await reopened(a);
      expect((await r.get(CSite, 'ams')).region).toBe('ap');
      expect(await r.count(CSite)).toBe(2);
    });

    it("getAllInPartition gives the partition's objects of getAll, in getAll order, persisted ones included", async () => {
      const a = await adapterWith();
      const names = ['ams', 'fra', 'lon', 'par', 'mad', 'zürich', '東京', 'osl', 'ber', 'rom'];
      for (const n of names) await a.add(site(n));
      const r = await reopened(a);
      const all = (await r.store.getAll({ model: 'conformance_site' })).map((o) => o.getUniqueId());
      for (const count of [1, 3]) {
        const union: string[] = [];
        for (let index = 0; index < count; index++) {
          const got = (await r.store.getAllInPartition({ model: 'conformance_site', partition: { index, count } })).map((o) => o.getUniqueId());
          expect(got).toEqual(all.filter((uid) => partitionOf(uid, count) === index));
          union.push(...got);
        }
        expect(union.sort()).toEqual([...all].sort());
      }
      expect(await r.store.getAllInPartition({ model: 'conformance_device', partition: { index: 0, count: 2 } })).toEqual([]);
    });

    it('diffs and syncs a hierarchy, leaving no diffs behind', async () => {
      const src = await adapterWith();
      const dst = await adapterWith();
      const load = async (a: CAdapter, variant: number) => {
        for (const sn of ['ams', 'fra', variant ? 'lon' : 'par']) {
          const s = site(sn, variant && sn === 'fra' ? 'de' : 'eu');
          await a.add(s);
          for (const dn of ['r1', 'r2']) {
            const d = device(sn, dn, { role: variant && dn === 'r2' ? 'spine' : 'leaf' });
            await a.add(d);
            s.addChild(d);
            for (const pn of variant ? ['eth0', 'eth1'] : ['eth0']) {
              const p = new CPort({ device: d.getUniqueId(), name: pn, mtu: 1500 + variant, enabled: true });
              await a.add(p);
              d.addChild(p);
            }
          }
        }
      };
      await load(src, 1);
      await load(dst, 0);
      const diff = await dst.diffFrom(src);
      expect(diff.summary()).toEqual({ create: 11, update: 7, delete: 5, 'no-change': 3, skip: 0 });
      await dst.syncFrom(src, { diff });
      const after = await reopened(dst);
      expect((await after.diffFrom(src)).hasDiffs()).toBe(false);
      expect(await after.count()).toBe(await src.count());
    });
  });
}
