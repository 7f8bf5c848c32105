import fc from 'fast-check';
import { Adapter, Attribute, Children, DiffSyncFlags, DiffSyncModel, DiffSyncModelFlags, Field, Identifier, Model } from '@diffsync/core';
import { Column, Connection, SqlAdapter } from '@diffsync/sql';
import {
  AFTER,
  BEFORE,
  HookLog,
  STORE_SCENARIOS,
  World,
  WorldFlags,
  deletionFlagsArb,
  loadWorld,
  recording,
  shapeOf,
  worldArb,
  worldOf,
} from '../../../test-support/move-fixtures';
import { DIALECTS, withDatabase } from './support';

// Moves through SqlAdapter: a country whose continent (a foreign key, not an identifier)
// changes is deleted under the old continent and created under the new one in the diff;
// the row must end under the new continent, with no foreign-key or duplicate-key failure.

@Model('continent')
class Continent extends DiffSyncModel {
  @Identifier() @Column({ type: 'varchar', length: 20 }) name!: string;
  @Children('country', { foreignKey: ['continent'] }) countries!: string[];
}

@Model('country')
class Country extends DiffSyncModel {
  @Identifier() @Column({ type: 'varchar', length: 10 }) code!: string;
  @Attribute() @Column({ type: 'integer' }) population!: number;
  @Field() @Column({ type: 'varchar', length: 20 }) continent!: string;
  @Children('city', { foreignKey: ['country'] }) cities!: string[];
}

@Model('city')
class City extends DiffSyncModel {
  @Identifier() @Column({ type: 'varchar', length: 20 }) name!: string;
  @Field() @Column({ type: 'varchar', length: 10 }) country!: string;
}

const MODELS = { continent: recording(Continent), country: recording(Country), city: recording(City) };

class WorldDb extends SqlAdapter implements HookLog {
  static override models = [MODELS.continent, MODELS.country, MODELS.city];
  static override topLevel = ['continent'];
  calls: string[] = [];
  slow = false;
  failDelete = new Set<string>();
  vetoDelete = new Set<string>();
  flags: WorldFlags = {};

  override async load(): Promise<void> {
    await super.load();
    for (const type of ['continent', 'country'] as const) {
      for (const obj of await this.getAll(type)) obj.modelFlags = this.flags[type] ?? DiffSyncModelFlags.NONE;
    }
  }
}

class WorldSource extends Adapter {
  static override models = [Continent, Country, City];
  static override topLevel = ['continent'];
}

async function source(world: World): Promise<WorldSource> {
  const s = new WorldSource();
  await loadWorld(s, world, { continent: Continent, country: Country, city: City });
  return s;
}

/** A database holding `world`, and an adapter loaded from it. */
async function seeded(db: Connection, world: World, flags: WorldFlags = {}): Promise<WorldDb> {
  await db.syncSchema(WorldDb.models);
  await new WorldDb({ connection: db }).syncFrom(await source(world));
  const target = new WorldDb({ connection: db });
  target.flags = flags;
  await target.load();
  return target;
}

/** The country rows' foreign keys, and the diff of a fresh load from `src`. */
async function readBack(db: Connection, src: World) {
  const fresh = new WorldDb({ connection: db });
  await fresh.load();
  const rows = (await db.select(Country)).map((c) => [c.code, c.continent]).sort();
  return { world: await worldOf(fresh), rows, leftover: (await fresh.diffFrom(await source(src))).hasDiffs() };
}

function countryRows(world: World): string[][] {
  return Object.entries(world)
    .flatMap(([continent, countries]) => Object.keys(countries).map((code) => [code, continent]))
    .sort();
}

describe.each(DIALECTS)('SqlAdapter applying moves on %s', (dialect) => {
  it.each(STORE_SCENARIOS)('%s', async (_label, src, dst, flags) => {
    await withDatabase(dialect, async (db) => {
      const target = await seeded(db, dst, flags);
      await target.syncFrom(await source(src));
      expect(await readBack(db, src)).toEqual({ world: shapeOf(src), rows: countryRows(src), leftover: false });
    });
  });

  it('runs the old copy’s delete hook before the new copy’s create hook, with concurrency 4', async () => {
    await withDatabase(dialect, async (db) => {
      const target = await seeded(db, BEFORE);
      target.slow = true;
      await target.syncFrom(await source(AFTER), { concurrency: 4 });
      for (const moved of ['country tr', 'city basel', 'city istanbul']) {
        expect(target.calls.indexOf(`delete ${moved}`)).toBeGreaterThanOrEqual(0);
        expect(target.calls.indexOf(`delete ${moved}`)).toBeLessThan(target.calls.indexOf(`create ${moved}`));
      }
      expect(await readBack(db, AFTER)).toEqual({ world: shapeOf(AFTER), rows: countryRows(AFTER), leftover: false });
    });
  });

  it.each([
    ['throws', 'failDelete'],
    ['vetoes', 'vetoDelete'],
  ] as const)('keeps the row under the old continent when the delete hook %s (CONTINUE_ON_FAILURE)', async (_label, how) => {
    await withDatabase(dialect, async (db) => {
      const target = await seeded(db, BEFORE);
      target[how].add('tr');
      await target.syncFrom(await source(AFTER), { flags: DiffSyncFlags.CONTINUE_ON_FAILURE });
      const back = await readBack(db, AFTER);
      expect(back.rows).toEqual([
        ['ch', 'europe'],
        ['cn', 'asia'],
        ['fr', 'europe'],
        ['tr', 'europe'],
      ]);
      expect(back.world).toEqual(await worldOf(target));
      expect(back.world.europe?.tr).toEqual(['ankara', 'istanbul']);
    });
  });

  it('converges for random sequences of worlds synced into one database', async () => {
    await withDatabase(dialect, async (db) => {
      await db.syncSchema(WorldDb.models);
      await fc.assert(
        fc.asyncProperty(fc.array(fc.tuple(worldArb, deletionFlagsArb, fc.constantFrom(1, 3)), { minLength: 1, maxLength: 3 }), async (steps) => {
          for (const [world, continent, concurrency] of steps) {
            const target = new WorldDb({ connection: db });
            target.flags = { continent };
            await target.load();
            await target.syncFrom(await source(world), { concurrency });
            expect(await readBack(db, world)).toEqual({ world: shapeOf(world), rows: countryRows(world), leftover: false });
          }
        }),
        { numRuns: dialect === 'sqlite' ? 60 : 30 },
      );
    });
  });
});
