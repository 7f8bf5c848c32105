// Any JSON-compatible attribute value round-trips exactly, as through LocalStore (API.md
// §5): objects with keys constructor, __proto__ and prototype, arrays, nulls, nesting.
// The encoding of models is core's ModelCodec (packages/core/src/store/codec.ts).
import { Adapter, Attribute, DiffSyncModel, Identifier, LocalStore, Model } from '@diffsync/core';
import { RedisStore } from '@diffsync/redis-store';
import { redisFixture } from './redis-test-support';

const redis = redisFixture('json');
/** Stores to close after each test, also when it failed half-way. */
const open: RedisStore[] = [];
const connect = async (storeId?: string) => {
  const store = storeId ? await RedisStore.connect({ url: redis.url(), storeId }) : await redis.connect();
  open.push(store);
  return store;
};
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close({ flush: false })));
});
afterAll(() => redis.cleanup());

@Model('record')
class Doc extends DiffSyncModel {
  @Identifier() name!: string;
  @Attribute() body?: Record<string, unknown>;
  @Attribute() list?: unknown[];
  @Attribute() note?: string | null;
}
class Docs extends Adapter {
  static override models = [Doc];
  static override topLevel = ['record'];
}

/** Values parsed from JSON text, so `__proto__` is an own key as JSON.parse makes it. */
const values: Array<[string, Record<string, unknown>, unknown[], string | null]> = [
  ['ctor', JSON.parse('{"constructor":"ACME","prototype":{"constructor":{"name":"x"}}}'), [], null],
  ['proto', JSON.parse('{"__proto__":{"polluted":true},"a":[{"__proto__":1}]}'), JSON.parse('[{"__proto__":null},{"constructor":[1,2]}]'), 'n'],
  ['nested', JSON.parse('{"a":{"b":{"c":[null,true,1.5,"s",{"d":[]}]}},"empty":{},"nil":null}'), [[[]], [null], {}], null],
];

async function load(store: LocalStore | RedisStore): Promise<Docs> {
  const a = new Docs({ store });
  for (const [name, body, list, note] of values) await a.add(new Doc({ name, body, list, note }));
  return a;
}

/** JSON text of an attribute (keeps own __proto__ keys, unlike toEqual's view). */
const text = (v: unknown) => JSON.stringify(v);

describe('RedisStore JSON fidelity', () => {
  it('reads back every attribute value exactly as written, through a new connection', async () => {
    const written = await load(await connect());
    await written.store.close();
    const reader = new Docs({ store: await connect((written.store as RedisStore).storeId) });
    for (const [name, body, list, note] of values) {
      const doc = await reader.get(Doc, name);
      expect([name, text(doc.body), text(doc.list), doc.note]).toEqual([name, text(body), text(list), note]);
      expect(Object.getPrototypeOf(doc.body)).toBe(Object.prototype); // __proto__ stays a key, never the prototype
    }
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('a sync into RedisStore from LocalStore leaves nothing to diff', async () => {
    const source = await load(new LocalStore());
    const target = new Docs({ store: await connect() });
    await target.syncFrom(source);
    await target.store.close();
    const again = new Docs({ store: await connect((target.store as RedisStore).storeId) });
    const diff = await again.diffFrom(source);
    expect(diff.summary()).toEqual({ create: 0, update: 0, delete: 0, 'no-change': values.length, skip: 0 });
  });
});
