// Struct columns (docs/sql.md); packages/sql/test/docs-examples.spec.ts runs it on each dialect.
import { Attribute, DiffSyncModel, Identifier, Model } from '@diffsync/core';
import { Column, Connection, Table } from '@diffsync/sql';

/** The struct's fields come from its @Column-decorated properties. */
export class Location {
  @Column({ type: 'varchar', length: 32 }) building!: string;
  @Column({ type: 'integer' }) floor!: number;
  @Column({ type: 'double' }) lat!: number;
}

@Model('rack')
@Table({ name: 'racks' })
export class Rack extends DiffSyncModel {
  @Identifier() @Column({ type: 'varchar', length: 32 }) name!: string;
  // A composite type racks_location on PostgreSQL, JSON on MySQL/MariaDB and SQLite.
  @Attribute() @Column({ type: 'struct' }) location!: Location;
  // Or the fields spelled out: no class needed.
  @Attribute() @Column({ type: 'struct', nullable: true, fields: { a: 'text', b: 'boolean' } }) extra!: Record<string, unknown> | null;
}

export async function main(db: Connection): Promise<Rack[]> {
  await db.syncSchema([Rack]);
  await db.insert(Rack, [new Rack({ name: 'r1', location: { building: 'AMS-1', floor: 2, lat: 52.37 }, extra: { a: 'x', b: true } })]);
  return db.select(Rack); // location comes back as { building, floor, lat }
}
