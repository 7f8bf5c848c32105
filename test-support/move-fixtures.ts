import {
  Adapter,
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
    for (const [code, { cities }] of Object.entries(countries)) (out[continent] as Record<string, string[]>)[code] = [...cities].sort();
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
