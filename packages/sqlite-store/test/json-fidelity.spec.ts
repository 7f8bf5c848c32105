import 'reflect-metadata';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { Adapter, Attribute, DiffSyncModel, Identifier, LocalStore, Model, UnstorableValueError, valuesEqual } from '@diffsync/core';
import { SqliteStore } from '@diffsync/sqlite-store';
import { jsonData, jsonObject, sameJson } from '../../../test-support/json-arbitraries';
import { tempFolder } from './temp-files';

const temp = tempFolder('json');
afterAll(() => temp.cleanup());

@Model('doc')
class Doc extends DiffSyncModel {
  @Identifier() id!: string;
  @Attribute() meta?: Record<string, unknown>;
  @Attribute() value?: unknown;
  @Attribute() list?: unknown[];
  @Attribute() count?: number;
}

class Docs extends Adapter {
  static override models = [Doc];
  static override topLevel = ['doc'];
}

const FIELDS = ['meta', 'value', 'list', 'count'] as const;

let storeIds = 0;
const file = temp.file('fidelity.sqlite');
/** A fresh storeId in the shared file (fast-check runs reuse one file). */
function nextStoreId(): string {
  return `s${storeIds++}`;
}

function openDocs(storeId: string, filename = file): Docs {
  return new Docs({ store: new SqliteStore({ filename, storeId }) });
}

function dataOf(filename: string, storeId: string): string[] {
  const db = new Database(filename, { readonly: true });
  try {
    return db.prepare('SELECT data FROM diffsync_objects WHERE store_id = ? ORDER BY seq').pluck().all(storeId) as string[];
  } finally {
    db.close();
  }
}

afterEach(() => {
  expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
});

describe('SqliteStore holds any JSON value', () => {
  it('flushes and reads back { constructor: "ACME" } (the flush used to fail in class-transformer)', async () => {
    const storeId = nextStoreId();
    const a = openDocs(storeId);
    await a.add(new Doc({ id: 'acme', meta: { constructor: 'ACME', nested: { constructor: { prototype: 1 } } } }));
    await a.store.close();
    const b = openDocs(storeId);
    expect((await b.get(Doc, 'acme')).meta).toEqual({ constructor: 'ACME', nested: { constructor: { prototype: 1 } } });
    await b.store.close();
  });

  it('keeps __proto__ keys from JSON.parse, so a sync followed by a re-diff after reopening is empty', async () => {
    const meta = JSON.parse('{"__proto__":{"polluted":true,"admin":1},"toString":"x","prototype":null}') as Record<string, unknown>;
    const source = new Docs({ store: new LocalStore() });
    // `{ __proto__: null }` is a literal without prototype: it reads back as an ordinary {}, which valuesEqual treats alike.
    await source.add(new Doc({ id: 'p', meta, list: [meta, { __proto__: null }], value: '' }));
    const storeId = nextStoreId();
    const target = openDocs(storeId);
    await target.syncFrom(source);
    await target.store.close();
    expect(dataOf(file, storeId)).toEqual([
      '{"id":"p","meta":{"__proto__":{"polluted":true,"admin":1},"toString":"x","prototype":null},' +
        '"value":"","list":[{"__proto__":{"polluted":true,"admin":1},"toString":"x","prototype":null},{}]}',
    ]);
    const reopened = openDocs(storeId);
    const back = await reopened.get(Doc, 'p');
    expect(Object.prototype.hasOwnProperty.call(back.meta, '__proto__')).toBe(true);
    expect((back.meta as Record<string, unknown>)['polluted']).toBeUndefined();
    expect((await reopened.diffFrom(source)).hasDiffs()).toBe(false);
    await reopened.store.close();
  });

  it('carries -0, and refuses NaN with UnstorableValueError before writing anything', async () => {
    const storeId = nextStoreId();
    const a = openDocs(storeId);
    await a.add(new Doc({ id: 'z', count: -0, list: [-0] }));
    await a.flush();
    const store = a.store as SqliteStore;
    const version = store.version;
    await a.add(new Doc({ id: 'n', meta: { load: [1, NaN] } }));
    (await a.get(Doc, 'z')).count = 5;
    await expect(a.flush()).rejects.toThrow(UnstorableValueError);
    await expect(a.flush()).rejects.toThrow(`Cannot store doc "n": meta.load[1] holds NaN, which JSON cannot carry`);
    expect(store.version).toBe(version);
    expect(dataOf(file, storeId)).toEqual(['{"id":"z","list":[-0],"count":-0}']);
    (await a.get(Doc, 'n')).meta = { load: [1, null] };
    await a.store.close();
    const b = openDocs(storeId);
    const z = await b.get(Doc, 'z');
    expect(z.count).toBe(5);
    expect((await b.get(Doc, 'n')).meta).toEqual({ load: [1, null] });
    expect(Object.is(z.list?.[0], -0)).toBe(true);
    await b.store.close();
  });

  it('finds a change from 0 to -0 and inside a __proto__ value at the next flush', async () => {
    const storeId = nextStoreId();
    const a = openDocs(storeId);
    await a.add(new Doc({ id: 'c', count: 0, meta: JSON.parse('{"__proto__":{"x":1}}') as Record<string, unknown> }));
    await a.store.close();
    const b = openDocs(storeId);
    const doc = await b.get(Doc, 'c');
    const store = b.store as SqliteStore;
    await b.flush();
    const unchanged = store.version;
    doc.count = -0;
    (doc.meta as Record<string, { x: number }>)['__proto__'].x = 2;
    await b.flush();
    expect(store.version).toBe((unchanged ?? 0) + 1);
    expect(dataOf(file, storeId)).toEqual(['{"id":"c","meta":{"__proto__":{"x":2}},"count":-0}']);
    await b.store.close();
  });
});

describe('properties: any JSON through SqliteStore', () => {
  it('add → flush → reopen → get gives the same data, and an unchanged reopened store writes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(jsonObject, jsonData, fc.array(jsonData, { maxLength: 3 })), { minLength: 1, maxLength: 4 }), async (rows) => {
        const storeId = nextStoreId();
        const a = openDocs(storeId);
        const docs = rows.map(([meta, value, list], i) => new Doc({ id: `d${i}`, meta, value, list }));
        for (const doc of docs) await a.add(doc);
        await a.store.close();

        const b = openDocs(storeId);
        const back = await b.getAll(Doc);
        expect(back.map((d) => d.id)).toEqual(docs.map((d) => d.id));
        for (let i = 0; i < docs.length; i++) {
          const [want, got] = [docs[i], back[i]];
          for (const f of FIELDS) {
            expect(sameJson(want[f], got[f])).toBeUndefined();
            expect(valuesEqual(want[f], got[f])).toBe(true);
          }
        }
        const store = b.store as SqliteStore;
        const version = store.version;
        await b.flush();
        expect(store.version).toBe(version); // nothing looked changed
        await store.close();
        expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
      }),
      { numRuns: 150 },
    );
  });

  it('a sync into SqliteStore, reopened, re-diffs empty for any JSON attribute values', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(jsonObject, jsonData), { minLength: 1, maxLength: 4 }), fc.integer({ min: -5, max: 5 }), async (rows, count) => {
        const source = new Docs({ store: new LocalStore() });
        for (let i = 0; i < rows.length; i++) {
          const [meta, value] = rows[i];
          await source.add(new Doc({ id: `d${i}`, meta, value, count: i === 0 ? -0 : count }));
        }
        const storeId = nextStoreId();
        const target = openDocs(storeId);
        await target.syncFrom(source);
        await target.store.close();
        const reopened = openDocs(storeId);
        const diff = await reopened.diffFrom(source);
        expect(diff.hasDiffs()).toBe(false);
        await reopened.store.close();
      }),
      { numRuns: 100 },
    );
  });
});
