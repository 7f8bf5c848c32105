import { Adapter, AdapterOptions, Field, Model, ValueMap } from '@diffsync/core';
import { Country, Region } from './models';
import { RegionClient, RemoteApiError } from './region-client';

function apiOf(adapter: Adapter | undefined): RegionClient {
  return (adapter as RemoteAdapter).api;
}

/** A region of the remote system, with its remote id. */
@Model('region')
export class RemoteRegion extends Region {
  /** The remote system's id, for updates and deletes; a plain field, never compared. */
  @Field() remoteId!: string;

  /** Not in diffsync's example (its regions already exist remotely): create the region there too. */
  static override async create(adapter: Adapter, ids: ValueMap, attrs: ValueMap) {
    const record = await apiOf(adapter).create({ slug: String(ids.slug), name: String(attrs.name) });
    return super.create(adapter, ids, { ...attrs, remoteId: record.id });
  }
}

/** A country of the remote system: create, update and delete go to the API first. */
@Model('country')
export class RemoteCountry extends Country {
  @Field() remoteId!: string;

  static override async create(adapter: Adapter, ids: ValueMap, attrs: ValueMap) {
    // The parent region is in the store (parents are synced before their children): its remote id links the two.
    const region = await adapter.get(RemoteRegion, String(attrs.region));
    try {
      const record = await apiOf(adapter).create({
        slug: String(ids.slug),
        name: String(attrs.name),
        parent: region.remoteId,
        custom_fields: { country_population: (attrs.population as number | null | undefined) ?? null },
      });
      return super.create(adapter, ids, { ...attrs, remoteId: record.id });
    } catch (error) {
      if (!(error instanceof RemoteApiError)) throw error;
      // As in diffsync's example: a failed create is not fatal; the sync logs it and goes on.
      adapter.logger.warn(`Unable to create country ${String(ids.slug)}: ${error.message}`);
      return null;
    }
  }

  override async update(attrs: ValueMap) {
    const api = apiOf(this.adapter);
    await api.update(this.remoteId, {
      name: attrs.name === undefined ? undefined : (attrs.name as string),
      custom_fields: 'population' in attrs ? { country_population: attrs.population as number | null } : undefined,
    });
    return super.update(attrs);
  }

  override async delete() {
    await apiOf(this.adapter).delete(this.remoteId);
    return super.delete();
  }
}

/** The regions and countries of the remote system, read over its REST API. */
export class RemoteAdapter extends Adapter {
  static override models = [RemoteRegion, RemoteCountry];
  static override topLevel = ['region'];
  static override type = 'Remote';
  readonly api: RegionClient;

  /** `url`: the API root, such as `http://127.0.0.1:8080/api`. */
  constructor(url: string, options: AdapterOptions = {}) {
    super(options);
    this.api = new RegionClient(url);
  }

  override async load(): Promise<void> {
    const records = await this.api.all();
    // Regions first (no parent), then countries (a parent), added as their region's children.
    for (const r of records) {
      if (!r.parent) await this.add(new RemoteRegion({ slug: r.slug, name: r.name, remoteId: r.id }));
    }
    for (const r of records) {
      if (!r.parent) continue;
      const region = await this.get(RemoteRegion, r.parent.slug);
      const country = new RemoteCountry({
        slug: r.slug,
        name: r.name,
        region: region.slug,
        population: r.custom_fields.country_population,
        remoteId: r.id,
      });
      await this.add(country);
      region.addChild(country);
    }
  }
}
