#!/usr/bin/env node
import type { Diff } from '@diffsync/core';
import { DiffSyncFlags } from '@diffsync/core';
import { AlphabeticalOrderDiff } from './alphabetical-diff';
import { LocalAdapter } from './local-adapter';
import type { RegionRecord, SeedRegion } from './region-api';
import { startRegionApi } from './region-api';
import { RemoteAdapter } from './remote-adapter';

export * from './models';
export * from './local-adapter';
export * from './remote-adapter';
export * from './region-api';
export * from './region-client';
export * from './alphabetical-diff';

/** What the remote system holds before the sync. */
export const REMOTE_SEED: SeedRegion[] = [
  { slug: 'europe', name: 'Europe' },
  { slug: 'oceania', name: 'Oceania' },
  { slug: 'americas', name: 'Americas' },
  { slug: 'antarctica', name: 'Antarctica' },
  { slug: 'vatican-city', name: 'Vatican City', parent: 'europe', population: 800 },
  { slug: 'gibraltar', name: 'Gibraltar', parent: 'europe', population: 33000 },
  { slug: 'atlantis', name: 'Atlantis', parent: 'europe', population: null },
  { slug: 'tokelau', name: 'Tokelau', parent: 'oceania', population: 1373 },
];

export interface RunResult {
  diff: Diff;
  after: Diff;
  /** The remote system's records after the sync. */
  records: RegionRecord[];
}

/**
 * Starts the remote API on a free local port, loads the local file and the remote system,
 * prints the diff, syncs the remote system from the file, prints the new diff and stops the API.
 */
export async function main(options: { seed?: SeedRegion[]; print?: (text: string) => void } = {}): Promise<RunResult> {
  const { seed = REMOTE_SEED, print = console.log } = options;
  const api = await startRegionApi(seed);
  try {
    print('Initializing and loading Local Data ...');
    const local = new LocalAdapter();
    await local.load();

    print(`Initializing and loading Remote Data from ${api.url} ...`);
    const remote = new RemoteAdapter(api.url);
    await remote.load();

    // A region or country that exists only in the remote system is left alone, not deleted.
    const flags = DiffSyncFlags.SKIP_UNMATCHED_DST;
    print('Calculating the Diff between the local adapter and the remote system ...');
    const diff = await remote.diffFrom(local, { flags, diffClass: AlphabeticalOrderDiff });
    print(diff.str());

    print('Updating the list of countries in the remote system ...');
    await remote.syncFrom(local, { flags, diffClass: AlphabeticalOrderDiff, diff });

    const reloaded = new RemoteAdapter(api.url);
    await reloaded.load();
    const after = await reloaded.diffFrom(local, { flags, diffClass: AlphabeticalOrderDiff });
    print(after.str());
    return { diff, after, records: api.records() };
  } finally {
    await api.close();
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
