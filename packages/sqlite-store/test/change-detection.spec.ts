import Database from 'better-sqlite3';
import { Adapter, Attribute, DiffSyncModel, DiffSyncModelFlags, Identifier, Model } from '@diffsync/core';
import { SqliteStore, SqliteStoreLockedError } from '@diffsync/sqlite-store';
import { Device, InventoryAdapter, Site } from './models';
import { tempFolder } from './temp-files';

const temp = tempFolder('changes');
afterAll(() => temp.cleanup());

/** A model whose values are not all primitives: a Date and a nested object. */
@Model('check')
class Check extends DiffSyncModel {
  @Identifier() name!: string;
  @Attribute() checkedAt?: Date;
  @Attribute() details?: { owner: string; ports: number[] };
}

class CheckAdapter extends Adapter {
  static override models = [Check];
  static override topLevel = ['check'];
}

function storedData(file: string, storeId: string, uid: string): unknown {
  const db = new Database(file, { readonly: true });
  try {
    const text = db.prepare('SELECT data FROM diffsync_objects WHERE store_id = ? AND uid = ?').pluck().get(storeId, uid) as string;
    return JSON.parse(text);
  } finally {
    db.close();
  }
}

/** Runs `fn` while another connection holds the file's write lock. */
async function whileLocked<T>(file: string, fn: () => Promise<T>): Promise<T> {
  const other = new Database(file);
  other.exec('BEGIN IMMEDIATE');
  try {
    return await fn();
  } finally {
    other.exec('ROLLBACK');
    other.close();
  }
}

describe('SqliteStore change detection at flush', () => {
  it('writes in-place changes to arrays of objects read back from the file', async () => {
    const filename = temp.file('read-arrays.sqlite');
    const a = new InventoryAdapter({ store: new SqliteStore({ filename, storeId: 's' }) });
    await a.add(new Site({ name: 'ams' }));
    await a.add(new Device({ name: 'r1', role: 'leaf', tags: ['x'] }));
    await a.store.close();

    const b = new InventoryAdapter({ store: new SqliteStore({ filename, storeId: 's' }) });
    const [site] = await b.getAll(Site);
    const r1 = await b.get(Device, 'r1');
    r1.tags?.push('y');
    site?.addChild(r1);
    await b.flush();
    expect(storedData(filename, 's', 'r1')).toEqual({ name: 'r1', role: 'leaf', tags: ['x', 'y'], interfaces: [] });
    expect(storedData(filename, 's', 'ams')).toEqual({ name: 'ams', region: 'eu', devices: ['r1'] });
    r1.tags?.splice(0, 1, 'z'); // same length, other element
    await b.flush();
    expect(storedData(filename, 's', 'r1')).toEqual({ name: 'r1', role: 'leaf', tags: ['z', 'y'], interfaces: [] });
    await b.store.close();
  });

  it('writes in-place changes made after an object was written, including its flags', async () => {
    const filename = temp.file('written-arrays.sqlite');
    const a = new InventoryAdapter({ store: new SqliteStore({ filename, storeId: 's' }) });
    const r1 = new Device({ name: 'r1', role: 'leaf', tags: ['x'] });
    await a.add(r1);
    await a.flush();
    r1.tags?.push('y');
    await a.flush();
    expect(storedData(filename, 's', 'r1')).toEqual({ name: 'r1', role: 'leaf', tags: ['x', 'y'], interfaces: [] });
    r1.modelFlags = DiffSyncModelFlags.SKIP_UNMATCHED_DST;
    await a.flush();
    expect(storedData(filename, 's', 'r1')).toMatchObject({ modelFlags: DiffSyncModelFlags.SKIP_UNMATCHED_DST });
    r1.role = 'spine';
    r1.tags = ['x', 'y']; // a new array with the same values is no change
    await a.store.close();
    expect(storedData(filename, 's', 'r1')).toMatchObject({ role: 'spine', tags: ['x', 'y'] });
  });

  it('writes nothing, and needs no write lock, when no object changed', async () => {
    const filename = temp.file('unchanged.sqlite');
    const a = new InventoryAdapter({ store: new SqliteStore({ filename, storeId: 's', busyTimeoutMs: 20 }) });
    await a.loadInventory({ ams: { r1: { role: 'spine', interfaces: { eth0: 'uplink' } } } });
    await a.flush();
    await a.getAll(Site);
    const r1 = await a.get(Device, 'r1');
    r1.role = 'spine'; // assigned, but the same value
    await whileLocked(filename, () => a.flush());
    r1.role = 'leaf';
    await expect(whileLocked(filename, () => a.flush())).rejects.toThrow(SqliteStoreLockedError);
    await a.flush(); // the change was kept for the retry
    expect(storedData(filename, 's', 'r1')).toMatchObject({ role: 'leaf' });
    await a.store.close();
  });

  it('compares objects holding Dates and nested values by their stored text', async () => {
    const filename = temp.file('nested.sqlite');
    const a = new CheckAdapter({ store: new SqliteStore({ filename, storeId: 's', busyTimeoutMs: 20 }) });
    await a.add(new Check({ name: 'c1', checkedAt: new Date('2026-01-02T03:04:05.000Z'), details: { owner: 'ops', ports: [1] } }));
    await a.store.close();

    const b = new CheckAdapter({ store: new SqliteStore({ filename, storeId: 's', busyTimeoutMs: 20 }) });
    const c1 = await b.get(Check, 'c1');
    expect(c1.checkedAt).toBeInstanceOf(Date);
    await whileLocked(filename, () => b.flush()); // read back unchanged: nothing to write
    c1.details?.ports.push(2);
    await b.flush();
    expect(storedData(filename, 's', 'c1')).toEqual({ name: 'c1', checkedAt: '2026-01-02T03:04:05.000Z', details: { owner: 'ops', ports: [1, 2] } });
    c1.checkedAt?.setUTCFullYear(2027);
    await b.flush();
    expect(storedData(filename, 's', 'c1')).toMatchObject({ checkedAt: '2027-01-02T03:04:05.000Z' });
    await whileLocked(filename, () => b.flush());
    await b.store.close();
  });
});
