import { Attribute, Children, DiffSyncModel, Field, Identifier, Model } from '@diffsync/core';

/** A site holds devices. */
@Model('site')
export class Site extends DiffSyncModel {
  @Identifier() name!: string;
  @Children('device') devices!: string[];
}

/** A device; its site and role are stored but not compared (as in diffsync's example). */
@Model('device')
export class Device extends DiffSyncModel {
  @Identifier() name!: string;
  @Field() siteName?: string;
  @Field() role?: string;
  @Children('interface') interfaces!: string[];
}

/** An interface, named by its short name inside its device. */
@Model({ name: 'interface', shortname: ['name'] })
export class Interface extends DiffSyncModel {
  @Identifier() deviceName!: string;
  @Identifier() name!: string;
  @Attribute() description?: string;
}
