import { Adapter, Attribute, Children, DiffSyncModel, DiffSyncModelFlags, Identifier, Model } from '@diffsync/core';
import { Column, Connection, SqlAdapter } from '@diffsync/sql';
import { DIALECTS, withDatabase } from './support';

// rack → slot → port; deleting a rack deletes its whole subtree (SKIP_CHILDREN_ON_DELETE).
@Model({ name: 'rack', flags: DiffSyncModelFlags.SKIP_CHILDREN_ON_DELETE })
class Rack extends DiffSyncModel {
  @Identifier() @Column({ type: 'varchar', length: 40 }) name!: string;
  @Attribute() @Column({ type: 'text' }) room!: string;
  @Children('slot', { foreignKey: ['rack'] }) slots!: string[];
}

@Model('slot')
class Slot extends DiffSyncModel {
  @Identifier() @Column({ type: 'varchar', length: 40 }) rack!: string;
  @Identifier() @Column({ type: 'integer' }) position!: number;
  @Attribute() @Column({ type: 'text' }) device!: string;
  @Children('port', { foreignKey: ['rack', 'position'] }) ports!: string[];
}

@Model('port')
class Port extends DiffSyncModel {
  @Identifier() @Column({ type: 'varchar', length: 40 }) rack!: string;
  @Identifier() @Column({ type: 'integer' }) position!: number;
  @Identifier() @Column({ type: 'varchar', length: 20 }) name!: string;
}

const hookCalls: string[] = [];

/** A slot that writes its own rows (per-object hooks): its delete hook is never called under a skipping rack. */
@Model('slot')
class HookedSlot extends Slot {
  override async delete(): Promise<this | null> {
    hookCalls.push(`delete ${this.getUniqueId()}`);
    await (this.adapter as SqlAdapter).connection.delete(HookedSlot, [this]);
    return super.delete();
  }
}

class RackDb extends SqlAdapter {
  static override models = [Rack, Slot, Port];
  static override topLevel = ['rack'];
}

class HookedRackDb extends SqlAdapter {
  static override models = [Rack, HookedSlot, Port];
  static override topLevel = ['rack'];
}

type Racks = Record<string, Record<number, string[]>>;

/** An in-memory source of racks: `{ rack: { position: [port names] } }`. */
class RackSource extends Adapter {
  static override models = [Rack, Slot, Port];
  static override topLevel = ['rack'];
  constructor(private readonly racks: Racks) {
    super();
  }
  override async load(): Promise<void> {
    for (const [name, slots] of Object.entries(this.racks)) {
      const rack = new Rack({ name, room: 'r1' });
      await this.add(rack);
      for (const [position, ports] of Object.entries(slots)) {
        const slot = new Slot({ rack: name, position: Number(position), device: `dev-${name}-${position}` });
        await this.add(slot);
        rack.addChild(slot);
        for (const portName of ports) {
          const port = new Port({ rack: name, position: Number(position), name: portName });
          await this.add(port);
          slot.addChild(port);
        }
      }
    }
  }
}

const FULL: Racks = { a: { 1: ['p1', 'p2'], 2: ['p1'] }, b: { 1: ['p1'] } };
const ONLY_B: Racks = { b: { 1: ['p1'] } };

async function source(racks: Racks): Promise<RackSource> {
  const s = new RackSource(racks);
  await s.load();
  return s;
}

async function counts(db: Connection): Promise<number[]> {
  return [(await db.select(Rack)).length, (await db.select(Slot)).length, (await db.select(Port)).length];
}

describe.each(DIALECTS)('SqlAdapter deleting a SKIP_CHILDREN_ON_DELETE parent on %s', (dialect) => {
  it('deletes the rows of its whole subtree, as the store does, with the engine summary', async () => {
    await withDatabase(dialect, async (db) => {
      await db.syncSchema(RackDb.models);
      const first = new RackDb({ connection: db });
      await first.load();
      await first.syncFrom(await source(FULL));
      expect(await counts(db)).toEqual([2, 3, 4]);

      const target = new RackDb({ connection: db });
      await target.load();
      const diff = await target.syncFrom(await source(ONLY_B));
      expect(diff.summary()).toEqual({ create: 0, update: 0, delete: 6, 'no-change': 3, skip: 0 });
      expect(await target.count('slot')).toBe(1);
      expect(await counts(db)).toEqual([1, 1, 1]);
      const reloaded = new RackDb({ connection: db });
      await reloaded.load();
      expect((await reloaded.diffFrom(await source(ONLY_B))).hasDiffs()).toBe(false);
    });
  });

  it('deletes the rows of children whose own hooks the engine skipped', async () => {
    await withDatabase(dialect, async (db) => {
      await db.syncSchema(HookedRackDb.models);
      await new RackDb({ connection: db }).syncFrom(await source(FULL));
      hookCalls.length = 0;
      const target = new HookedRackDb({ connection: db });
      await target.load();
      await target.syncFrom(await source(ONLY_B));
      expect(hookCalls).toEqual([]);
      expect(await counts(db)).toEqual([1, 1, 1]);
    });
  });

  it('honours the flag set on one loaded instance only', async () => {
    @Model('rack')
    class PlainRack extends DiffSyncModel {
      @Identifier() @Column({ type: 'varchar', length: 40 }) name!: string;
      @Attribute() @Column({ type: 'text' }) room!: string;
      @Children('slot', { foreignKey: ['rack'] }) slots!: string[];
    }
    class FlagOnLoad extends SqlAdapter {
      static override models = [PlainRack, HookedSlot, Port];
      static override topLevel = ['rack'];
      override async load(): Promise<void> {
        await super.load();
        for (const rack of await this.getAll('rack')) rack.modelFlags = DiffSyncModelFlags.SKIP_CHILDREN_ON_DELETE;
      }
    }
    await withDatabase(dialect, async (db) => {
      await db.syncSchema(FlagOnLoad.models);
      await new RackDb({ connection: db }).syncFrom(await source(FULL));
      hookCalls.length = 0;
      const target = new FlagOnLoad({ connection: db });
      await target.load();
      await target.syncFrom(await source(ONLY_B));
      expect(hookCalls).toEqual([]);
      expect(await counts(db)).toEqual([1, 1, 1]);
    });
  });
});
