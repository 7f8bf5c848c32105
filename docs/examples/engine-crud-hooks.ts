// docs/diff-and-sync.md, "CRUD hooks": write to the real system from create/update/delete.
import { Adapter, Attribute, DiffSyncFlags, DiffSyncModel, DiffSyncStatus, Identifier, Model, ObjectNotCreated, ValueMap } from '@diffsync/core';

/** Stands in for a remote API. */
export const remote = new Map<string, { role: string }>();

@Model('device')
export class RemoteDevice extends DiffSyncModel {
  @Identifier() name!: string;
  @Attribute() role!: string;

  static override async create(adapter: Adapter, ids: ValueMap, attrs: ValueMap) {
    const name = String(ids.name);
    if (name.startsWith('lab-')) throw new ObjectNotCreated(`${name}: lab devices are read-only`);
    if (attrs.role === 'unknown') return null; // non-fatal: logged as a failure, children skipped
    await Promise.resolve(remote.set(name, { role: String(attrs.role) }));
    const device = this.createBase(adapter, ids, attrs);
    device.setStatus(DiffSyncStatus.SUCCESS, `Created ${name} remotely`);
    return device;
  }

  override async update(attrs: ValueMap) {
    await Promise.resolve(remote.set(this.name, { role: (attrs.role as string | undefined) ?? this.role }));
    return this.updateBase(attrs);
  }

  override async delete() {
    await Promise.resolve(remote.delete(this.name));
    return this.deleteBase();
  }
}

class Remote extends Adapter {
  static override models = [RemoteDevice];
  static override topLevel = ['device'];
}

class Desired extends Adapter {
  static override models = [RemoteDevice];
  static override topLevel = ['device'];
}

export async function main(print: (text: string) => void = console.log) {
  remote.clear();
  remote.set('old', { role: 'edge' });
  const target = new Remote();
  await target.add(new RemoteDevice({ name: 'old', role: 'edge' }));
  const source = new Desired();
  for (const [name, role] of [
    ['rtr1', 'edge'],
    ['lab-1', 'edge'],
    ['mystery', 'unknown'],
  ]) {
    await source.add(new RemoteDevice({ name, role }));
  }

  // CONTINUE_ON_FAILURE: the ObjectNotCreated of lab-1 is logged and the sync goes on.
  // Without it the sync stops at the first ObjectCrudException. Any other error always stops it.
  const diff = await target.syncFrom(source, { flags: DiffSyncFlags.CONTINUE_ON_FAILURE });
  print(diff.str());
  print(JSON.stringify([...remote.keys()]));
  return { remote: [...remote.keys()], stored: (await target.getAll('device')).map((d) => d.getUniqueId()) };
}

if (require.main === module) void main();
