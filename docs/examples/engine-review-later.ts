// docs/diff-and-sync.md, "Review today, apply tomorrow": Diff.toJSON / Diff.fromJSON and orderChildren.
import type { DiffElement } from '@diffsync/core';
import { Diff } from '@diffsync/core';
import { InventoryAdapter } from './engine-diff-and-sync';

/** Sync (and print) elements in name order; orderChildren may also leave elements out. */
export class AlphabeticalDiff extends Diff {
  override orderChildren(_group: string, children: Map<string, DiffElement>): Iterable<DiffElement> {
    return [...children.values()].sort((a, b) => a.name.localeCompare(b.name));
  }
}

export async function main(print: (text: string) => void = console.log) {
  const load = async () => {
    const source = new InventoryAdapter({ nyc: { zeta: 'edge', alpha: 'leaf' } }, 'nautobot');
    const target = new InventoryAdapter({ nyc: {} }, 'netbox');
    await source.load();
    await target.load();
    return { source, target };
  };

  // Today: compute the diff and save it for review.
  const today = await load();
  const saved: string = JSON.stringify(await today.target.diffFrom(today.source, { diffClass: AlphabeticalDiff }));

  // Tomorrow: rebuild it and apply it as is (it is not recomputed).
  const tomorrow = await load();
  const reviewed = Diff.fromJSON(saved, AlphabeticalDiff);
  print(reviewed.str());
  await tomorrow.target.syncFrom(tomorrow.source, { diff: reviewed, diffClass: AlphabeticalDiff });
  const site = await tomorrow.target.get('site', 'nyc');
  return { text: reviewed.str(), devices: [...(site as unknown as { devices: string[] }).devices] };
}

if (require.main === module) void main();
