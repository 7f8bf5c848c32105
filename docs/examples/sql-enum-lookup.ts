// Enum lookup tables (docs/sql.md); packages/sql/test/docs-examples.spec.ts runs it on each dialect.
import { Attribute, DiffSyncModel, Identifier, Model } from '@diffsync/core';
import { Column, Connection, Table } from '@diffsync/sql';

export enum Role {
  Spine = 'spine',
  Leaf = 'leaf',
}

@Model('device')
@Table({ name: 'devices' })
export class Device extends DiffSyncModel {
  @Identifier() @Column({ type: 'varchar', length: 64 }) name!: string;
  // An integer column with a foreign key to table devices_role (id, value).
  @Attribute() @Column({ enum: Role, enumAs: 'lookup' }) role!: Role;
}

export async function main(db: Connection): Promise<string[]> {
  await db.syncSchema([Device]); // creates devices_role, fills it, then devices
  await db.insert(Device, [new Device({ name: 'sw1', role: Role.Leaf }), new Device({ name: 'sp1', role: Role.Spine })]);
  const spines = await db.select(Device, { where: { role: Role.Spine } }); // values, not ids
  return spines.map((d) => `${d.name}:${d.role}`);
}
