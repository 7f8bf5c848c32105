import fc from 'fast-check';
import { createClient } from 'redis';
import { Adapter, Attribute, DiffSyncModel, InvalidArgumentError, Identifier, Model } from '@diffsync/core';
import { RedisKeys, RedisStore } from '@diffsync/redis-store';
import { keyOf, redisFixture } from './redis-test-support';

const redis = redisFixture('layout');
afterAll(() => redis.cleanup());

// Models named like the store's own keys.
@Model('meta')
class Meta extends DiffSyncModel {
  @Identifier() name!: string;
  @Attribute() value?: string;
}
@Model('models')
class Models extends DiffSyncModel {
  @Identifier() name!: string;
  @Attribute() value?: string;
}
class Tricky extends Adapter {
  static override models = [Meta, Models];
  static override topLevel = ['meta', 'models'];
}

/** CRC16/XMODEM of the key's hash tag, as Redis Cluster assigns slots. */
function keySlot(key: string): number {
  let s = key;
  const open = key.indexOf('{');
  if (open >= 0) {
    const close = key.indexOf('}', open + 1);
    if (close > open + 1) s = key.slice(open + 1, close);
  }
  let crc = 0;
  for (const byte of Buffer.from(s, 'utf8')) {
    crc ^= byte << 8;
    for (let i = 0; i < 8; i++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc % 16384;
}

const keysOf = (k: RedisKeys, models: string[]) => [k.meta, k.models, ...models.flatMap((m) => [k.data(m), k.order(m)])];

describe('RedisStore key layout diffsync:{storeId}:…', () => {
  it('never gives two storeIds a common key, and keeps one store in one cluster slot (property)', () => {
    const part = fc.constantFrom('a', 'col', ':', 'data', 'order', 'meta', 'models', '{', '}', 'x:y', '');
    const name = fc.array(part, { minLength: 1, maxLength: 5 }).map((p) => p.join(''));
    fc.assert(
      fc.property(name, name, fc.array(name, { maxLength: 3 }), fc.array(name, { maxLength: 3 }), (id1, id2, models1, models2) => {
        const valid = (id: string) => id !== '' && !/[{}]/.test(id);
        fc.pre(valid(id1) && valid(id2) && id1 !== id2);
        const k1 = keysOf(new RedisKeys(id1), models1);
        const k2 = new Set(keysOf(new RedisKeys(id2), models2));
        for (const key of k1) if (k2.has(key)) throw new Error(`${key} is a key of storeIds '${id1}' and '${id2}'`);
        // Within one store: distinct keys for distinct roles, all in the slot of the storeId.
        const own = keysOf(new RedisKeys(id1), [...new Set(models1)]);
        if (new Set(own).size !== own.length) throw new Error(`a key repeats within storeId '${id1}'`);
        const slots = new Set(own.map(keySlot));
        if (slots.size !== 1 || !slots.has(keySlot(`{${id1}}`))) throw new Error(`storeId '${id1}' spans slots ${[...slots].join(',')}`);
      }),
      { numRuns: 2000 },
    );
  });

  it("refuses a storeId with '{' or '}' (it is the hash tag)", async () => {
    for (const storeId of ['a{b', 'a}b', '{x}']) {
      await expect(RedisStore.connect({ url: redis.url(), storeId })).rejects.toThrow(InvalidArgumentError);
      await expect(RedisStore.connect({ url: redis.url(), storeId })).rejects.toThrow(/'storeId' must not contain '\{' or '\}'/);
    }
  });

  it("the reported collision: storeId 'col' with a model 'meta' and storeId 'col:data' keep their own data, and clear() of one leaves the other", async () => {
    const col = `${redis.prefix}_col`;
    const colData = `${col}:data`;
    const a = new Tricky({ store: await RedisStore.connect({ url: redis.url(), storeId: col }) });
    const b = new Tricky({ store: await RedisStore.connect({ url: redis.url(), storeId: colData }) });
    await a.add(new Meta({ name: 'm1', value: 'of col' }));
    await a.add(new Models({ name: 'n1', value: 'of col' }));
    await b.add(new Meta({ name: 'm2', value: 'of col:data' }));
    await Promise.all([a.flush(), b.flush()]);
    const client = createClient({ url: redis.url() });
    await client.connect();
    expect(await client.hGetAll(keyOf(col, 'data:meta'))).toEqual({ m1: JSON.stringify({ name: 'm1', value: 'of col' }) });
    expect(await client.hGet(keyOf(colData, 'meta'), 'format')).toBe('2');

    await (b.store as RedisStore).clear();
    const again = new Tricky({ store: await RedisStore.connect({ url: redis.url(), storeId: col }) });
    expect((await again.getAll(Meta)).map((m) => [m.name, m.value])).toEqual([['m1', 'of col']]);
    expect((await again.getAll(Models)).map((m) => [m.name, m.value])).toEqual([['n1', 'of col']]);
    expect(await b.count()).toBe(0);
    await (again.store as RedisStore).destroy();
    expect(await client.exists([keyOf(col, 'meta'), keyOf(col, 'models'), keyOf(col, 'data:meta'), keyOf(col, 'data:models')])).toBe(0);
    await client.close();
    await Promise.all([(a.store as RedisStore).close({ flush: false }), b.store.close()]);
  });
});
