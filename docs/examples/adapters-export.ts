// docs/adapters.md, "Print, export, import": str(), toDict(), loadFromDict() and the model tree.
import { Device, Inventory, Site } from './adapters-store-access';

export async function main(print: (text: string) => void = console.log) {
  const inventory = new Inventory({ name: 'lab' });
  const nyc = new Site({ name: 'nyc', region: 'us' });
  await inventory.add(nyc);
  const rtr1 = new Device({ site: 'nyc', name: 'rtr1', role: 'edge' });
  await inventory.add(rtr1);
  nyc.addChild(rtr1);
  await inventory.add(new Site({ name: 'sfo', region: 'us-west' }));

  print(await inventory.str()); // the top-level objects and, below each, its children
  print(Inventory.getTreeTraversal()); // the model hierarchy (no I/O: static and synchronous)

  // A plain object of every stored object, by type and unique id (defaults left out) ...
  const data = await inventory.toDict();
  print(JSON.stringify(data));
  // ... that loadFromDict() turns back into objects, in another adapter (or process).
  const copy = new Inventory({ name: 'copy' });
  await copy.loadFromDict(JSON.parse(JSON.stringify(data)) as typeof data);
  const diff = await copy.diffFrom(inventory);
  print(`${String(copy)}: ${await copy.count()} objects, ${diff.hasDiffs() ? 'different' : 'same as'} ${String(inventory)}`);
  return { text: await inventory.str(), tree: Inventory.getTreeTraversal(), data, copied: await copy.count(), same: !diff.hasDiffs() };
}

if (require.main === module) void main();
