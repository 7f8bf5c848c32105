// docs/adapters.md, "Reading and writing": an adapter's store calls.
import { Adapter, Attribute, Children, DiffSyncModel, Identifier, Model, ObjectAlreadyExists, ObjectNotFound } from '@diffsync/core';

@Model('site')
export class Site extends DiffSyncModel {
  @Identifier() name!: string;
  @Attribute() region!: string;
  @Children('device') devices!: string[];
}

@Model('device')
export class Device extends DiffSyncModel {
  @Identifier() site!: string;
  @Identifier() name!: string;
  @Attribute() role!: string;
}

export class Inventory extends Adapter {
  static override models = [Site, Device];
  static override topLevel = ['site'];
}

export async function main(print: (text: string) => void = console.log) {
  const inventory = new Inventory({ name: 'lab' });
  const nyc = new Site({ name: 'nyc', region: 'us' });
  await inventory.add(nyc);
  for (const name of ['rtr1', 'sw1']) {
    const device = new Device({ site: 'nyc', name, role: 'edge' });
    await inventory.add(device);
    nyc.addChild(device); // the parent lists its children's unique ids
  }

  // Look objects up by unique id or by identifiers, naming the model by class, name or instance.
  const rtr1 = await inventory.get(Device, { site: 'nyc', name: 'rtr1' });
  const same = await inventory.get('device', 'nyc__rtr1');
  const missing = await inventory.getOrNone(Device, 'nyc__rtr9'); // null, not ObjectNotFound
  const devices = await inventory.getByUids(nyc.devices, Device); // in the list's order
  print(`same object: ${rtr1 === same}; missing: ${String(missing)}; devices: ${devices.map(String).join(', ')}`);
  print(`count: ${await inventory.count()}; devices: ${await inventory.count(Device)}; types: ${[...(await inventory.getAllModelNames())].join(', ')}`);

  // Errors name what was wrong.
  const errors: string[] = [];
  try {
    await inventory.get('device', 'nyc__rtr9');
  } catch (error) {
    if (error instanceof ObjectNotFound) errors.push(error.message);
  }
  try {
    await inventory.add(new Device({ site: 'nyc', name: 'rtr1', role: 'core' }));
  } catch (error) {
    if (error instanceof ObjectAlreadyExists) errors.push(error.message);
  }
  print(errors.join('\n'));

  // Change a stored object in place; replace one with update(); remove one (and take it off its parent's list).
  rtr1.role = 'core';
  await inventory.update(new Device({ site: 'nyc', name: 'sw1', role: 'leaf' }));
  const sw1 = await inventory.get(Device, 'nyc__sw1');
  await inventory.remove(sw1);
  nyc.removeChild(sw1);
  print(`${(await inventory.getAll(Device)).map((d) => `${d.name}=${d.role}`).join(', ')}; nyc lists ${nyc.devices.join(', ')}`);
  return {
    same: rtr1 === same,
    missing,
    devices: devices.map(String),
    counts: [await inventory.count(), await inventory.count('device'), await inventory.count(Site)],
    errors,
    left: (await inventory.getAll(Device)).map((d) => `${d.name}=${d.role}`),
    listed: [...nyc.devices],
  };
}

if (require.main === module) void main();
