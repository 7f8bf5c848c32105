// The README's example, run as written (on an in-memory SQLite database).
import { Attribute, DiffSyncModel, Identifier, Model } from '@diffsync/core';
import { Column, Table, connect, generateSchema } from '@diffsync/sql';

@Model('device')
@Table({ name: 'devices', comment: 'Network devices' })
class Device extends DiffSyncModel {
  @Identifier() @Column({ type: 'varchar', length: 64 }) name!: string;
  @Attribute() @Column({ enum: ['spine', 'leaf'] }) role!: string;
  @Attribute() @Column({ type: 'text', nullable: true }) serial!: string | null;
}

it('runs the README example', async () => {
  expect(generateSchema([Device], { dialect: 'postgresql' })).toContain(`CREATE TYPE "devices_role" AS ENUM ('spine', 'leaf');`);
  const db = await connect('sqlite::memory:');
  const plan = await db.syncSchema([Device]);
  expect(plan.statements).toHaveLength(1);
  expect((await db.syncSchema([Device])).statements).toEqual([]);
  await db.upsert(Device, [{ name: 'rtr1', role: 'spine', serial: null }]);
  const devices = await db.select(Device, { where: { role: 'spine' } });
  expect(devices.map((d) => d.toDict())).toEqual([{ name: 'rtr1', role: 'spine', serial: null, modelFlags: 0 }]);
  await db.close();
});
