// docs/models.md: declaring models, fields, defaults, children, flags and validation.
import { IsIn, IsInt, Max, Min } from 'class-validator';
import { Adapter, Attribute, Children, DiffSyncModel, DiffSyncModelFlags, Field, Identifier, Model, ObjectValidationError } from '@diffsync/core';

@Model({ name: 'interface', shortname: ['name'] })
export class Interface extends DiffSyncModel {
  @Identifier() device!: string; // identifiers, in uid order: "rtr1__eth0"
  @Identifier() name!: string;
  @Attribute() description?: string; // compared by the differ
  @Attribute({ default: 1500 }) @IsInt() @Min(68) @Max(9216) mtu!: number;
  @Attribute({ default: [] }) tags!: string[]; // a mutable default is copied per instance
  @Field() remoteId?: number; // stored and serialised, never compared
}

@Model({ name: 'device', flags: DiffSyncModelFlags.NATURAL_DELETION_ORDER })
export class Device extends DiffSyncModel {
  @Identifier() name!: string;
  @Attribute() @IsIn(['spine', 'leaf', 'edge']) role!: string;
  @Children(() => Interface) interfaces!: string[]; // child uids; [] per instance
}

/** A subclass may add fields of its own; the parent is unchanged. */
@Model('device')
export class NautobotDevice extends Device {
  @Field() uuid?: string;
}

export class Inventory extends Adapter {
  static override models = [NautobotDevice, Interface];
  static override topLevel = ['device'];
}

export async function main(print: (line: string) => void = console.log) {
  const adapter = new Inventory({ validate: true }); // class-validator runs on every add()
  const rtr = new NautobotDevice({ name: 'rtr1', role: 'spine', uuid: '5f1c' });
  await adapter.add(rtr);
  const eth0 = new Interface({ device: 'rtr1', name: 'eth0', description: 'uplink', remoteId: 7 });
  await adapter.add(eth0);
  rtr.addChild(eth0);

  print(eth0.getUniqueId()); // rtr1__eth0
  print(eth0.getShortname()); // eth0
  print(JSON.stringify(eth0.getAttrs())); // {"description":"uplink","mtu":1500,"tags":[]}
  print(JSON.stringify(eth0)); // defaults left out, as diffsync's json()
  print(await rtr.str());

  let refused = '';
  try {
    await adapter.add(new Interface({ device: 'rtr1', name: 'eth1', mtu: 20 }));
  } catch (error) {
    if (error instanceof ObjectValidationError) refused = error.message;
  }
  print(refused);
  return { uid: eth0.getUniqueId(), json: JSON.stringify(eth0), str: await rtr.str(), refused, count: await adapter.count() };
}
