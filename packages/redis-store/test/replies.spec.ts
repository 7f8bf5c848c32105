// The reply shapes of the driver under test (node-redis 5: RESP2 by default, 6: RESP3),
// read through the store's normalisers: the same values on every major.
import { createClient } from 'redis';
import { RedisStore } from '@diffsync/redis-store';
import { InventoryAdapter, Site } from './models';
import { entries, execResults, nullableStrList, num, scoredMembers, strList } from '../src/replies';
import { keyOf, redisFixture } from './redis-test-support';

const redis = redisFixture('replies');
afterAll(() => redis.cleanup());

describe('replies of the node-redis driver under test', () => {
  it('reads HGETALL, ZRANGE (WITHSCORES), HMGET and HLEN alike, alone and inside MULTI', async () => {
    const client = createClient({ url: redis.url() });
    await client.connect();
    const id = redis.storeId();
    const [h, z, none] = [keyOf(id, 'h'), keyOf(id, 'z'), keyOf(id, 'none')];
    await client.sendCommand(['HSET', h, 'a', '1', '__proto__', '{"x":1}', 'constructor', 'c']);
    await client.sendCommand(['ZADD', z, '1', 'x', '2.5', 'y']);
    const all = entries(await client.sendCommand(['HGETALL', h]), 'HGETALL');
    // A RESP3 object cannot hold a field named __proto__: the store then asks HLEN and fetches it by name.
    expect([...all.entries()].filter(([k]) => k !== '__proto__')).toEqual([
      ['a', '1'],
      ['constructor', 'c'],
    ]);
    expect(entries(await client.sendCommand(['HGETALL', none]), 'HGETALL').size).toBe(0);
    expect(scoredMembers(await client.sendCommand(['ZRANGE', z, '0', '-1', 'WITHSCORES']), 'ZRANGE')).toEqual([
      ['x', 1],
      ['y', 2.5],
    ]);
    expect(nullableStrList(await client.sendCommand(['HMGET', h, 'a', 'missing']), 'HMGET')).toEqual(['1', null]);
    const [range, hash, empty, len] = execResults(
      await client.multi().addCommand(['ZRANGE', z, '0', '-1']).addCommand(['HGETALL', h]).addCommand(['HGETALL', none]).addCommand(['HLEN', h]).exec(),
      4,
    );
    expect(strList(range, 'ZRANGE')).toEqual(['x', 'y']);
    expect(entries(hash, 'HGETALL').get('constructor')).toBe('c');
    expect(entries(empty, 'HGETALL').size).toBe(0);
    expect(num(len, 'HLEN')).toBe(3);
    await client.close();
  });

  it('a command failing inside EXEC fails the whole call instead of reading as a result', async () => {
    const client = createClient({ url: redis.url() });
    await client.connect();
    const id = redis.storeId();
    await client.sendCommand(['SET', keyOf(id, 's'), 'text']);
    const exec = client
      .multi()
      .addCommand(['HLEN', keyOf(id, 'h')])
      .addCommand(['HGETALL', keyOf(id, 's')])
      .exec();
    await expect(exec.then((r) => execResults(r, 2))).rejects.toThrow(/WRONGTYPE|commands failed/);
    await client.close();
  });

  it('getAll reads uids named __proto__ and constructor (a RESP3 object reply cannot hold __proto__)', async () => {
    const a = new InventoryAdapter({ store: await redis.connect() });
    for (const name of ['__proto__', 'constructor', 'ams']) await a.add(new Site({ name }));
    await a.store.close();
    const b = new InventoryAdapter({ store: await RedisStore.connect({ url: redis.url(), storeId: (a.store as RedisStore).storeId }) });
    expect((await b.getAll(Site)).map((site) => site.name)).toEqual(['__proto__', 'constructor', 'ams']);
    await b.store.close();
  });
});
