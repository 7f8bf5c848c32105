// Type-level tests: compiled by test/typed-models.spec.ts with `tsc`; every
// `@ts-expect-error` must be needed (an unused one fails the compile).
import { Adapter, Attribute, Attrs, Children, DiffSyncModel, Identifier, Ids, Model } from '@diffsync/core';

@Model('site')
export class Site extends DiffSyncModel<Site, Inventory> {
  @Identifier() name!: string;
  @Attribute() region!: string;
  @Attribute() population?: number;
  @Children('device') devices!: string[];

  static override create(adapter: Inventory, ids: Ids<Site, 'name'>, attrs: Attrs<Site, 'region' | 'population'>): Site {
    const name: string = ids.name;
    const _region: string = attrs.region;
    adapter.created.push(name);
    return super.createBase(adapter, ids, attrs) as Site;
  }

  override update(attrs: Partial<Attrs<Site, 'region' | 'population'>>): this {
    const region: string | undefined = attrs.region;
    this.adapter?.created.push(region ?? '');
    return super.updateBase(attrs);
  }
}

@Model('device')
export class Device extends DiffSyncModel<Device> {
  @Identifier() site!: string;
  @Identifier() name!: string;
  @Attribute() role!: string;
}

/** An untyped model, as every model was before: any object is accepted. */
@Model('legacy')
export class Legacy extends DiffSyncModel {
  @Identifier() name!: string;
}

export class Inventory extends Adapter {
  static override models = [Site, Device, Legacy];
  static override topLevel = ['site'];
  readonly created: string[] = [];

  constructor(private readonly size: number) {
    super({ name: 'inventory' });
  }

  // A subclass's load() may take arguments.
  override async load(prefix = 'site'): Promise<void> {
    for (let i = 0; i < this.size; i++) await this.add(new Site({ name: `${prefix}${i}`, region: 'eu' }));
  }
}

export const ok = [
  new Site({ name: 'ams', region: 'eu', population: 3, devices: ['ams__rtr1'] }),
  new Site(),
  new Device({ site: 'ams', name: 'rtr1', role: 'leaf' }),
  Device.of({ site: 'ams', name: 'rtr1' }),
  Legacy.of({ name: 'x' }),
  new Legacy({ anything: 'goes' }),
  Site.fromPlain(JSON.parse('{"name":"ams"}') as unknown),
];

// @ts-expect-error a typo in a field name
new Site({ regoin: 'eu' });
// @ts-expect-error a wrong type
new Site({ name: 123 });
// @ts-expect-error a method is not a field
new Site({ getType: () => 'x' });
// @ts-expect-error Model.of() checks every model, typed or not
Legacy.of({ nme: 'x' });
// @ts-expect-error Model.of() checks types
Device.of({ role: 1 });

// `adapter` is the adapter class the model names.
export const created: string[] | undefined = new Site().adapter?.created;
// @ts-expect-error an untyped model's adapter is a plain Adapter
export const notTyped: unknown = new Legacy().adapter?.created;

export async function run(): Promise<void> {
  const inventory = new Inventory(2);
  await inventory.load('x');
  const sites: Site[] = await inventory.getAll(Site);
  void sites;
}

/** load() may take required arguments, as Python diffsync's examples do. */
export class Counted extends Adapter {
  static override models = [Device];
  static override topLevel = ['device'];
  override async load(count: number, role: string): Promise<void> {
    for (let i = 0; i < count; i++) await this.add(new Device({ site: 's', name: `d${i}`, role }));
  }
}
