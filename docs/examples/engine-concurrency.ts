// docs/diff-and-sync.md, "Concurrency": run sibling CRUD hooks N at a time.
import { Adapter, DiffSyncModel, Identifier, Model, ValueMap } from '@diffsync/core';

let inFlight = 0;
let maxInFlight = 0;

@Model('vlan')
export class Vlan extends DiffSyncModel {
  @Identifier() vid!: number;

  static override async create(adapter: Adapter, ids: ValueMap, attrs: ValueMap) {
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    await new Promise((resolve) => setTimeout(resolve, 5)); // an API call
    inFlight--;
    return this.createBase(adapter, ids, attrs);
  }
}

class Switch extends Adapter {
  static override models = [Vlan];
  static override topLevel = ['vlan'];
}

export async function main(print: (text: string) => void = console.log) {
  inFlight = maxInFlight = 0;
  const source = new Switch();
  const target = new Switch();
  for (let vid = 1; vid <= 40; vid++) await source.add(new Vlan({ vid }));

  // Up to 8 creates at once; parents still go before children, and deletion order holds.
  await target.syncFrom(source, { concurrency: 8 });
  print(`${await target.count('vlan')} vlans created, at most ${maxInFlight} at a time`);
  return { created: await target.count('vlan'), maxInFlight };
}

if (require.main === module) void main();
