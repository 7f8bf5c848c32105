import { Children, Model } from '@diffsync/core';
import { Device, Interface, Site } from '@diffsync/example-network-inventory';
import { Column, SqlAdapter, Table } from '@diffsync/sql';

/*
 * The network-inventory models mapped to tables (as in examples/sql-sync): the foreign keys
 * let SqlAdapter rebuild the tree, and let it load one partition's rows only.
 */

@Model('site')
@Table({ name: 'sites', comment: 'Network sites' })
export class SqlSite extends Site {
  @Column({ type: 'varchar', length: 64 }) declare name: string;
  @Children('device', { foreignKey: ['siteName'] }) declare devices: string[];
}

@Model('device')
@Table({ name: 'devices', comment: 'Network devices' })
export class SqlDevice extends Device {
  @Column({ type: 'varchar', length: 64 }) declare name: string;
  @Column({ name: 'site_name', type: 'varchar', length: 64 }) declare siteName?: string;
  @Column({ type: 'varchar', length: 32, nullable: true }) declare role?: string;
  @Children('interface', { foreignKey: ['deviceName'] }) declare interfaces: string[];
}

@Model({ name: 'interface', shortname: ['name'] })
@Table({ name: 'interfaces', comment: 'Device interfaces' })
export class SqlInterface extends Interface {
  @Column({ name: 'device_name', type: 'varchar', length: 64 }) declare deviceName: string;
  @Column({ type: 'varchar', length: 64 }) declare name: string;
  @Column({ type: 'text', nullable: true }) declare description?: string;
}

/** The inventory as it lives in the database. */
export class InventoryDb extends SqlAdapter {
  static override models = [SqlSite, SqlDevice, SqlInterface];
  static override topLevel = ['site'];
  static override type = 'InventoryDb';
}
