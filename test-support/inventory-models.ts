import { Adapter, Attribute, Children, DiffSyncModel, Field, Identifier, Model } from '@diffsync/core';

/** Small inventory models shared by the store packages' tests (SqliteStore, RedisStore). */
@Model('site')
export class Site extends DiffSyncModel {
  @Identifier() name!: string;
  @Attribute({ default: 'eu' }) region!: string;
  @Children('device') devices!: string[];
}

@Model('device')
export class Device extends DiffSyncModel {
  @Identifier() name!: string;
  @Field() siteName?: string;
  @Attribute() role!: string;
  @Attribute() tags?: string[];
  @Children('interface') interfaces!: string[];
}

@Model({ name: 'interface', shortname: ['name'] })
export class Interface extends DiffSyncModel {
  @Identifier() deviceName!: string;
  @Identifier() name!: string;
  @Attribute() description?: string;
}

/** `{ site: { device: { role, interfaces: { name: description } } } }` */
export type Inventory = Record<string, Record<string, { role: string; interfaces: Record<string, string> }>>;

/** Loads an inventory with the add/add/addChild idiom (no update() calls). */
export class InventoryAdapter extends Adapter {
  static override models = [Site, Device, Interface];
  static override topLevel = ['site'];

  async loadInventory(data: Inventory): Promise<void> {
    for (const [siteName, devices] of Object.entries(data)) {
      const site = new Site({ name: siteName });
      await this.add(site);
      for (const [deviceName, device] of Object.entries(devices)) {
        const dev = new Device({ name: deviceName, role: device.role, siteName });
        await this.add(dev);
        site.addChild(dev);
        for (const [intfName, description] of Object.entries(device.interfaces)) {
          const intf = new Interface({ name: intfName, deviceName, description });
          await this.add(intf);
          dev.addChild(intf);
        }
      }
    }
  }
}
