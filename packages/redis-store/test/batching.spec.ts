import { createClient } from 'redis';
import type { RedisClientLike, RedisCommand, RedisMultiLike } from '@diffsync/redis-store';
import { RedisStore } from '@diffsync/redis-store';
import { Device, Interface, InventoryAdapter, Site } from './models';
import { redisFixture } from './redis-test-support';

const redis = redisFixture('batching');
afterAll(() => redis.cleanup());

/** Per model: uids deleted, objects written, new objects ordered, read from a flush script's EVAL (ARGV layout of flush-script.ts). */
type FlushWrites = Record<string, { deletes: number; sets: number; added: number }>;

function flushWrites(args: readonly string[]): FlushWrites {
  const numKeys = Number(args[2]);
  const argv = args.slice(3 + numKeys);
  const out: FlushWrites = {};
  let pos = 5;
  for (let m = 0; m < Number(argv[4]); m++) {
    const [name, , nd, ns, nn] = argv.slice(pos, pos + 5);
    out[name] = { deletes: Number(nd), sets: Number(ns), added: Number(nn) };
    pos += 5 + Number(nd) + 2 * Number(ns) + 2 * Number(nn);
  }
  expect(pos).toBe(argv.length);
  return out;
}

/** A client that records every command, every MULTI and every flush script the store sends. */
async function recordingClient() {
  const real = createClient({ url: redis.url() });
  await real.connect();
  const commands: string[] = [];
  const multis: string[][] = [];
  const flushes: FlushWrites[] = [];
  const client: RedisClientLike = {
    get isOpen() {
      return real.isOpen;
    },
    connect: () => real.connect(),
    on: (event, listener) => real.on(event, listener),
    sendCommand: (args: RedisCommand) => {
      commands.push(args[0]);
      if (args[0] === 'EVAL') flushes.push(flushWrites(args));
      return real.sendCommand([...args]);
    },
    multi: () => {
      const multi = real.multi();
      const names: string[] = [];
      multis.push(names);
      const wrapper: RedisMultiLike = {
        addCommand: (args) => {
          names.push(args[0]);
          multi.addCommand([...args]);
          return wrapper;
        },
        exec: () => multi.exec(),
      };
      return wrapper;
    },
  };
  return { client, real, commands, multis, flushes, reset: () => ((commands.length = 0), (multis.length = 0), (flushes.length = 0)) };
}

describe('RedisStore round trips', () => {
  it('loads 3,000 objects with a handful of commands and one flush script, and reads them back in batches', async () => {
    const rec = await recordingClient();
    const a = new InventoryAdapter({ store: await RedisStore.connect({ client: rec.client, storeId: redis.storeId() }) });
    rec.reset();
    for (let s = 0; s < 10; s++) {
      const site = new Site({ name: `s${s}` });
      await a.add(site);
      for (let d = 0; d < 20; d++) {
        const dev = new Device({ name: `s${s}d${d}`, role: 'leaf' });
        await a.add(dev);
        site.addChild(dev);
        for (let i = 0; i < 14; i++) {
          const intf = new Interface({ deviceName: `s${s}d${d}`, name: `e${i}`, description: 'x' });
          await a.add(intf);
          dev.addChild(intf);
        }
      }
    }
    await a.flush();
    // The storeId's version before the first read, one EXISTS per model on its first add,
    // then one script: version check and every write.
    expect(rec.commands).toEqual(['HGET', 'EXISTS', 'EXISTS', 'EXISTS', 'EVAL']);
    expect(rec.multis).toEqual([]);
    expect(rec.flushes).toEqual([
      { site: { deletes: 0, sets: 10, added: 10 }, device: { deletes: 0, sets: 200, added: 200 }, interface: { deletes: 0, sets: 2800, added: 2800 } },
    ]);

    const reader = new InventoryAdapter({ store: await RedisStore.connect({ client: rec.client, storeId: (a.store as RedisStore).storeId }) });
    rec.reset();
    const sites = await reader.getAll(Site);
    const devices = await reader.store.getMany({ model: Device, uids: sites.flatMap((s) => s.devices) });
    const interfaces = await reader.store.getMany({ model: Interface, uids: [...devices.values()].flatMap((d) => (d as Device).interfaces) });
    expect([sites.length, devices.size, interfaces.size]).toEqual([10, 200, 2800]);
    expect(rec.multis).toEqual([['ZRANGE', 'HGETALL', 'HLEN']]);
    expect(rec.commands).toEqual(['HGET', 'HMGET', 'HMGET']);

    rec.reset();
    const diff = await reader.diffFrom(a);
    expect(diff.hasDiffs()).toBe(false);
    // Each side: count() for progress (ZRANGE models + one HLEN per model) and one getAll
    // of the top level; every other object was already read, so nothing per object.
    expect(rec.commands).toEqual(['ZRANGE', 'HLEN', 'HLEN', 'HLEN', 'ZRANGE', 'HLEN', 'HLEN', 'HLEN']);
    expect(rec.multis).toEqual([
      ['ZRANGE', 'HGETALL', 'HLEN'],
      ['ZRANGE', 'HGETALL', 'HLEN'],
    ]);
    await rec.real.close();
  });

  it('a flush writes only the objects changed in place since they were read', async () => {
    const rec = await recordingClient();
    const writer = new InventoryAdapter({ store: await RedisStore.connect({ client: rec.client, storeId: redis.storeId() }) });
    await writer.loadInventory({ ams: { r1: { role: 'spine', interfaces: { eth0: 'a', eth1: 'b' } } } });
    await writer.flush();
    const storeId = (writer.store as RedisStore).storeId;
    const reader = new InventoryAdapter({ store: await RedisStore.connect({ client: rec.client, storeId }) });
    const [r1] = await reader.getAll(Device);
    await reader.store.getMany({ model: Interface, uids: r1.interfaces });
    rec.reset();
    await reader.flush();
    expect([rec.commands, rec.multis]).toEqual([[], []]); // nothing changed: no round trip at all

    r1.tags = ['edge'];
    (await reader.get(Interface, 'r1__eth1')).description = 'changed';
    await reader.flush();
    expect(rec.flushes).toEqual([{ device: { deletes: 0, sets: 1, added: 0 }, interface: { deletes: 0, sets: 1, added: 0 } }]);
    const fresh = new InventoryAdapter({ store: await RedisStore.connect({ client: rec.client, storeId }) });
    expect((await fresh.get(Device, 'r1')).tags).toEqual(['edge']);
    expect((await fresh.get(Interface, 'r1__eth1')).description).toBe('changed');
    expect((await fresh.get(Interface, 'r1__eth0')).description).toBe('a');
    await rec.real.close();
  });
});
