// docs/flags.md: the effect of each flag on one pair of datasets.
import { DiffSyncFlags, DiffSyncModelFlags } from '@diffsync/core';
import { InventoryAdapter } from './engine-diff-and-sync';

const SOURCE = { nyc: { rtr1: 'edge', sw1: 'leaf' }, sfo: { rtr2: 'edge' } };
const TARGET = { nyc: { rtr1: 'core', sw9: 'leaf' }, rdu: { rtr9: 'edge' } };

async function load() {
  const source = new InventoryAdapter(SOURCE, 'source');
  const target = new InventoryAdapter(TARGET, 'target');
  await source.load();
  await target.load();
  return { source, target };
}

export async function main(print: (text: string) => void = console.log) {
  const results: Record<string, unknown> = {};

  // Global flags, given to diffFrom / syncFrom.
  for (const [name, flags] of [
    ['NONE', DiffSyncFlags.NONE],
    ['SKIP_UNMATCHED_SRC', DiffSyncFlags.SKIP_UNMATCHED_SRC], // no creates
    ['SKIP_UNMATCHED_DST', DiffSyncFlags.SKIP_UNMATCHED_DST], // no deletes
    ['SKIP_UNMATCHED_BOTH', DiffSyncFlags.SKIP_UNMATCHED_BOTH], // updates only
  ] as const) {
    const { source, target } = await load();
    results[name] = (await target.diffFrom(source, { flags })).summary();
  }

  // Model flags, set on a class (@Model({ flags })) or on one instance (modelFlags).
  {
    const { source, target } = await load();
    (await target.get('site', 'nyc')).modelFlags = DiffSyncModelFlags.IGNORE; // nyc and its devices are left out
    results.IGNORE = (await target.diffFrom(source)).summary();
  }
  {
    const { source, target } = await load();
    (await target.get('site', 'rdu')).modelFlags = DiffSyncModelFlags.SKIP_UNMATCHED_DST; // keep rdu, only rdu
    await target.syncFrom(source);
    results.keptRdu = (await target.getOrNone('site', 'rdu')) !== null;
  }
  {
    const { source, target } = await load();
    const deleted: string[] = [];
    for (const obj of [...(await target.getAll('site')), ...(await target.getAll('device'))]) {
      obj.delete = function () {
        deleted.push(this.getUniqueId());
        return this.deleteBase();
      };
    }
    (await target.get('site', 'rdu')).modelFlags = DiffSyncModelFlags.NATURAL_DELETION_ORDER; // children first
    await target.syncFrom(source);
    results.naturalOrder = deleted;
  }
  print(JSON.stringify(results, null, 2));
  return results;
}

if (require.main === module) void main();
