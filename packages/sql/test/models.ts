import { Attribute, Children, DiffSyncModel, Field, Identifier, Model } from '@diffsync/core';
import { Column, Table } from '@diffsync/sql';

export enum Role {
  Spine = 'spine',
  Leaf = 'leaf',
  Edge = "edge's",
}

@Model('site')
@Table({ name: 'sites', comment: "Sites, it's where devices live" })
export class Site extends DiffSyncModel {
  @Identifier() @Column({ type: 'varchar', length: 64 }) name!: string;
  @Attribute() region!: string;
  @Children('device', { foreignKey: ['siteName'] }) devices!: string[];
}

@Model('device')
@Table({ name: 'devices', comment: 'Network devices' })
export class Device extends DiffSyncModel {
  @Identifier() @Column({ type: 'varchar', length: 64 }) siteName!: string;
  @Identifier() @Column({ type: 'varchar', length: 64 }) name!: string;
  @Attribute() @Column({ enum: Role }) role!: Role;
  @Attribute() @Column({ type: 'text', nullable: true, comment: 'vendor serial' }) serial!: string | null;
  @Attribute({ default: 1 }) @Column({ type: 'integer', index: true }) rackUnit!: number;
  @Attribute() @Column({ unique: true }) assetTag!: string;
  @Attribute() active!: boolean;
  @Attribute() weight!: number;
  @Attribute() installed!: Date;
  @Attribute() tags!: string[];
  @Field() @Column({ type: 'json', nullable: true }) extra?: Record<string, unknown>;
}

/** Names that need quoting everywhere: quotes, spaces, keywords, unicode. */
@Model('hostile')
@Table({ name: 'select "odd" `table`', comment: 'it\'s "odd"' })
export class Hostile extends DiffSyncModel {
  @Identifier() @Column({ name: 'order', type: 'varchar', length: 40 }) order!: string;
  @Identifier() @Column({ name: 'key with space', type: 'integer' }) keyWithSpace!: number;
  @Attribute() @Column({ name: 'naïve "quoted" `col`', nullable: true, comment: 'ünïcödé \\ back', type: 'text' }) naive!: string | null;
  @Attribute() @Column({ name: 'größe', enum: ["a'b", 'c"d', 'e\\f'], enumName: 'enum "odd"' }) size!: string;
  @Attribute() @Column({ name: 'group', index: true, type: 'varchar', length: 20 }) group!: string;
}

@Model('hostile_child')
@Table({ name: 'child table 子' })
export class HostileChild extends DiffSyncModel {
  @Identifier() @Column({ name: 'parent order', type: 'varchar', length: 40 }) parentOrder!: string;
  @Identifier() @Column({ name: 'parent key', type: 'integer' }) parentKey!: number;
  @Identifier() @Column({ name: 'where' }) where!: string;
}

@Model('hostile_parent')
@Table({ name: 'from' })
export class HostileParent extends DiffSyncModel {
  @Identifier() @Column({ name: 'order', type: 'varchar', length: 40 }) order!: string;
  @Identifier() @Column({ name: 'key', type: 'integer' }) key!: number;
  @Children('hostile_child', { foreignKey: ['parentOrder', 'parentKey'] }) children!: string[];
}
