import fc from 'fast-check';
import {
  Adapter,
  BaseStore,
  AdapterOptions,
  Attribute,
  Children,
  DiffSyncModel,
  DiffSyncModelFlags,
  Field,
  Identifier,
  Model,
  ModelClass,
  ObjectNotDeleted,
  ValueMap,
} from '@diffsync/core';

/**
 * Continents, countries and cities where a country can move to another continent and a
 * city to another country: the parent key (`continent`, `country`) is a plain field, not
 * an identifier, so a moved object keeps its unique id. Shared by the move tests of core,
 * the stores and SqlAdapter.
 */

/** `{ continent: { country: { population, cities: [city names] } } }` */
export type World = Record<string, Record<string, { population: number; cities: string[] }>>;

/** What the recording hooks read on their adapter. */
export interface HookLog {
  /** Where hooks record their calls: `"<action> <type> <uid>"`. */
  calls?: string[];
  /** Hooks wait for the next macrotask first (so concurrent hooks interleave). */
  slow?: boolean;
  /** Uids whose delete hook throws ObjectNotDeleted. */
  failDelete?: Set<string>;
  /** Uids whose delete hook returns null (a veto). */
  vetoDelete?: Set<string>;
}

function record(adapter: unknown, call: string): void {
  (adapter as HookLog).calls?.push(call);
}

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

@Model('continent')
export class Continent extends DiffSyncModel {
  @Identifier() name!: string;
  @Children('country', { foreignKey: ['continent'] }) countries!: string[];
}

@Model('country')
export class Country extends DiffSyncModel {
  @Identifier() code!: string;
  @Attribute() population!: number;
  @Field() continent?: string;
  @Children('city', { foreignKey: ['country'] }) cities!: string[];
}

@Model('city')
export class City extends DiffSyncModel {
  @Identifier() name!: string;
  @Field() country?: string;
}

/** A subclass whose CRUD hooks record their calls on the adapter and obey its `HookLog` settings. */
export function recording<T extends ModelClass>(base: T): T {
  const cls = class extends (base as unknown as typeof DiffSyncModel) {
    static override async create(adapter: Adapter, ids: ValueMap, attrs: ValueMap) {
      if ((adapter as HookLog).slow) await tick();
      record(adapter, `create ${this.getType()} ${this.createUniqueId(ids)}`);
      return super.create(adapter, ids, attrs);
    }
    override async update(attrs: ValueMap) {
      const log = this.adapter as HookLog;
      if (log.slow) await tick();
      record(log, `update ${this.getType()} ${this.getUniqueId()}`);
      return super.update(attrs);
    }
    override async delete() {
      const log = this.adapter as HookLog;
      if (log.slow) await tick();
      const uid = this.getUniqueId();
      record(log, `delete ${this.getType()} ${uid}`);
      if (log.failDelete?.has(uid)) throw new ObjectNotDeleted(`${this.getType()} ${uid} is locked`);
      if (log.vetoDelete?.has(uid)) return null;
      return super.delete();
    }
  };
  Object.defineProperty(cls, 'name', { value: `Recording${base.name}` });
  return cls as unknown as T;
}

export const RecordingContinent = recording(Continent);
export const RecordingCountry = recording(Country);
export const RecordingCity = recording(City);

export interface WorldModels {
  continent: ModelClass;
  country: ModelClass;
  city: ModelClass;
}

/** Model flags of the loaded objects, by type. */
export type WorldFlags = Partial<Record<'continent' | 'country', DiffSyncModelFlags>>;

/** Adds `world` to `adapter` with the add/add/addChild idiom. */
export async function loadWorld(adapter: Adapter, world: World, models: WorldModels, flags: WorldFlags = {}): Promise<void> {
  for (const [name, countries] of Object.entries(world)) {
    const continent = new models.continent({ name, modelFlags: flags.continent ?? DiffSyncModelFlags.NONE });
    await adapter.add(continent);
    for (const [code, { population, cities }] of Object.entries(countries)) {
      const country = new models.country({ code, population, continent: name, modelFlags: flags.country ?? DiffSyncModelFlags.NONE });
      await adapter.add(country);
      continent.addChild(country);
      for (const city of cities) {
        const obj = new models.city({ name: city, country: code });
        await adapter.add(obj);
        country.addChild(obj);
      }
    }
  }
}

/** An adapter of the world models whose hooks record their calls in `calls`. */
export class WorldAdapter extends Adapter implements HookLog {
  static override models = [RecordingContinent, RecordingCountry, RecordingCity];
  static override topLevel = ['continent'];
  calls: string[] = [];
  slow = false;
  failDelete = new Set<string>();
  vetoDelete = new Set<string>();
  private readonly worldFlags: WorldFlags;

  constructor(
    private readonly world: World = {},
    options: AdapterOptions & { flags?: WorldFlags } = {},
  ) {
    super(options);
    this.worldFlags = options.flags ?? {};
  }

  override async load(): Promise<void> {
    await loadWorld(this, this.world, { continent: RecordingContinent, country: RecordingCountry, city: RecordingCity }, this.worldFlags);
  }
}

/** The world an adapter holds now, read through its store: `{ continent: { country: [cities] } }`. */
export async function worldOf(adapter: Adapter): Promise<Record<string, Record<string, string[]>>> {
  const out: Record<string, Record<string, string[]>> = {};
  for (const continent of (await adapter.getAll('continent')) as Continent[]) {
    const countries: Record<string, string[]> = {};
    for (const country of (await adapter.getByUids(continent.countries, 'country')) as Country[]) {
      countries[country.code] = [...country.cities].sort();
    }
    out[continent.name] = countries;
  }
  return out;
}

/** `world` as worldOf would read it. */
export function shapeOf(world: World): Record<string, Record<string, string[]>> {
  const out: Record<string, Record<string, string[]>> = {};
  for (const [continent, countries] of Object.entries(world)) {
    out[continent] = {};
    for (const [code, { cities }] of Object.entries(countries)) out[continent][code] = [...cities].sort();
  }
  return out;
}

/**
 * A move of `tr` (with its cities) from europe to asia, listed so that the create under
 * asia comes before the delete under europe (the order that failed), plus a city (basel)
 * moving between two countries that stay put, also create first.
 */
export const BEFORE: World = {
  asia: { cn: { population: 1412, cities: ['beijing'] } },
  europe: {
    tr: { population: 85, cities: ['istanbul', 'ankara'] },
    fr: { population: 68, cities: ['paris', 'basel'] },
    ch: { population: 9, cities: ['bern'] },
  },
};

/** tr leaves a continent that is deleted in the same sync and listed after asia. */
export const OTTOMAN: World = { asia: { cn: { population: 1, cities: [] } }, ottoman: { tr: { population: 2, cities: ['bursa'] } } };
export const MOVED: World = { asia: { tr: { population: 2, cities: ['bursa'] }, cn: { population: 1, cities: [] } } };

export const AFTER: World = {
  asia: {
    cn: { population: 1412, cities: ['beijing'] },
    tr: { population: 86, cities: ['istanbul', 'izmir'] },
  },
  europe: {
    ch: { population: 9, cities: ['bern', 'basel'] },
    fr: { population: 68, cities: ['paris'] },
  },
};

const CONTINENTS = ['c0', 'c1', 'c2', 'c3'];
const COUNTRIES = ['k0', 'k1', 'k2', 'k3', 'k4', 'k5'];
const CITIES = ['m0', 'm1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7'];

/** A random world: continents in random order, each country and city under a random parent (or absent). */
export const worldArb: fc.Arbitrary<World> = fc
  .record({
    continents: fc.shuffledSubarray(CONTINENTS, { minLength: 1 }),
    countryHome: fc.array(fc.nat(CONTINENTS.length), { minLength: COUNTRIES.length, maxLength: COUNTRIES.length }),
    population: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: COUNTRIES.length, maxLength: COUNTRIES.length }),
    cityHome: fc.array(fc.nat(COUNTRIES.length), { minLength: CITIES.length, maxLength: CITIES.length }),
  })
  .map(({ continents, countryHome, population, cityHome }) => {
    const world: World = {};
    for (const c of continents) world[c] = {};
    const countryOf = new Map<string, { population: number; cities: string[] }>();
    COUNTRIES.forEach((code, i) => {
      const home = continents[countryHome[i] % (continents.length + 1)];
      if (home === undefined) return; // absent on this side
      const country = { population: population[i], cities: [] as string[] };
      world[home][code] = country;
      countryOf.set(code, country);
    });
    CITIES.forEach((city, i) => countryOf.get(COUNTRIES[cityHome[i]])?.cities.push(city));
    return world;
  });

/** The deletion-order flags a continent or country may carry. */
export const deletionFlagsArb = fc.constantFrom(DiffSyncModelFlags.NONE, DiffSyncModelFlags.NATURAL_DELETION_ORDER, DiffSyncModelFlags.SKIP_CHILDREN_ON_DELETE);

/** What a sync of `src` into `dst` on a persistent store left, read back through a new store. */
export interface StoredMoveOutcome {
  calls: string[];
  world: Record<string, Record<string, string[]>>;
  /** The synced target's data read afresh (a new store on the same data), and its diff from the source. */
  reopenedWorld: Record<string, Record<string, string[]>>;
  leftover: boolean;
}

/**
 * Loads `src` and `dst` on stores from `makeStore`, syncs dst from src, then reopens dst's
 * data with `reopen` in a new adapter, diffs it from the source and closes every store.
 */
export async function syncOnStores(
  makeStore: (side: string) => BaseStore | Promise<BaseStore>,
  reopen: (store: BaseStore) => BaseStore | Promise<BaseStore>,
  src: World,
  dst: World,
  options: StoredMoveOptions = {},
): Promise<StoredMoveOutcome> {
  const source = new WorldAdapter(src, { name: 'src', flags: options.flags, store: await makeStore('src') });
  const target = new WorldAdapter(dst, { name: 'dst', flags: options.flags, store: await makeStore('dst') });
  await source.load();
  await target.load();
  target.slow = options.slow ?? false;
  await target.syncFrom(source, { concurrency: options.concurrency ?? 1 });
  const world = await worldOf(target);
  await target.store.close();
  const again = new WorldAdapter({}, { name: 'dst', store: await reopen(target.store) });
  const outcome: StoredMoveOutcome = {
    calls: target.calls,
    world,
    reopenedWorld: await worldOf(again),
    leftover: (await again.diffFrom(source)).hasDiffs(),
  };
  await Promise.all([again.store.close(), source.store.close()]);
  return outcome;
}

/** The same scenarios for every store: [label, src, dst, flags]. */
export const STORE_SCENARIOS: Array<[string, World, World, WorldFlags]> = [
  ['a country and a city moving, creates listed first', AFTER, BEFORE, {}],
  ['out of a deleted continent, parent first', MOVED, OTTOMAN, {}],
  ['out of a deleted continent, NATURAL_DELETION_ORDER', MOVED, OTTOMAN, { continent: DiffSyncModelFlags.NATURAL_DELETION_ORDER }],
  ['out of a deleted continent, SKIP_CHILDREN_ON_DELETE', MOVED, OTTOMAN, { continent: DiffSyncModelFlags.SKIP_CHILDREN_ON_DELETE }],
];

/** The options `syncOnStores` takes. */
export type StoredMoveOptions = { flags?: WorldFlags; concurrency?: number; slow?: boolean };

/**
 * The moves suite every persistent store runs: the fixed scenarios, the hook order under
 * concurrency, and random moves. `sync` is `syncOnStores` with the store's own open and reopen.
 */
export function describeStoreMoves(
  storeName: string,
  reread: string,
  sync: (src: World, dst: World, options?: StoredMoveOptions) => Promise<StoredMoveOutcome>,
): void {
  describe(`moves on ${storeName}`, () => {
    it.each(STORE_SCENARIOS)(`%s: ${reread} is the source`, async (_label, src, dst, flags) => {
      const outcome = await sync(src, dst, { flags });
      expect(outcome.world).toEqual(shapeOf(src));
      expect(outcome.reopenedWorld).toEqual(shapeOf(src));
      expect(outcome.leftover).toBe(false);
    });

    it('calls the old copy’s delete hook before the new copy’s create hook, also with concurrency 4', async () => {
      const outcome = await sync(AFTER, BEFORE, { concurrency: 4, slow: true });
      for (const moved of ['country tr', 'city basel', 'city istanbul']) {
        expect(outcome.calls.indexOf(`delete ${moved}`)).toBeGreaterThanOrEqual(0);
        expect(outcome.calls.indexOf(`delete ${moved}`)).toBeLessThan(outcome.calls.indexOf(`create ${moved}`));
      }
      expect(outcome.leftover).toBe(false);
    });

    it('converges for random moves', async () => {
      await fc.assert(
        fc.asyncProperty(worldArb, worldArb, deletionFlagsArb, fc.constantFrom(1, 3), async (src, dst, continent, concurrency) => {
          const outcome = await sync(src, dst, { flags: { continent }, concurrency });
          expect(outcome.reopenedWorld).toEqual(shapeOf(src));
          expect(outcome.leftover).toBe(false);
        }),
        { numRuns: 40 },
      );
    });
  });
}
