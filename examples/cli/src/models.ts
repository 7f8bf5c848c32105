import { Attribute, Children, DiffSyncModel, Identifier, Model } from '@diffsync/core';
import { Column, Table } from '@diffsync/sql';

/** A site holds devices. Also a table: `diffsync schema apply --models src/models.ts`. */
@Model('site')
@Table({ name: 'sites' })
export class Site extends DiffSyncModel {
  @Identifier() @Column({ type: 'varchar', length: 64 }) name!: string;
  @Attribute() region!: string;
  @Children('device', { foreignKey: ['siteName'] }) devices!: string[];
}

/** A device, named inside its site. */
@Model({ name: 'device', shortname: ['name'] })
@Table({ name: 'devices' })
export class Device extends DiffSyncModel {
  @Identifier() @Column({ name: 'site_name', type: 'varchar', length: 64 }) siteName!: string;
  @Identifier() @Column({ type: 'varchar', length: 64 }) name!: string;
  @Attribute() role!: string;
  @Attribute() serial!: string;
}
