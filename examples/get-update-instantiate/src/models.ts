import { Attribute, Children, DiffSyncModel, Field, Identifier, Model } from '@diffsync/core';

/** A site: here a child of the first device loaded at it. */
@Model('site')
export class Site extends DiffSyncModel {
  @Identifier() name!: string;
}

/** A device; its site and role are plain fields, not attributes, so the diff ignores them. */
@Model('device')
export class Device extends DiffSyncModel {
  @Identifier() name!: string;
  @Field() siteName?: string;
  @Field() role?: string;
  @Children('interface') interfaces!: string[];
  @Children('site') sites!: string[];
}

@Model({ name: 'interface', shortname: ['name'] })
export class Interface extends DiffSyncModel {
  @Identifier() deviceName!: string;
  @Identifier() name!: string;
  @Attribute() description?: string;
}
