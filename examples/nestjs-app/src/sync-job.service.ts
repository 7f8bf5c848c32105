import { Injectable } from '@nestjs/common';
import type { DiffSummary } from '@diffsync/core';
import { AlphabeticalDiff } from '@diffsync/example-network-inventory';
import { DiffSyncService } from '@diffsync/nestjs';
import { CmdbAdapter, NetworkAdapter } from './adapters';

export interface SyncReport {
  summary: DiffSummary;
  diff: string;
  /** What a diff between the two finds right after the sync, on the same adapters. */
  remaining: string;
}

/** Syncs the network from the CMDB on demand. */
@Injectable()
export class SyncJobService {
  constructor(private readonly diffsync: DiffSyncService) {}

  /** What a sync would change, without changing anything. */
  async preview(): Promise<string> {
    return (await this.diffsync.diff(CmdbAdapter, NetworkAdapter, { diffClass: AlphabeticalDiff })).str();
  }

  /** Load both sides, sync the network from the CMDB, and check nothing is left. */
  async run(): Promise<SyncReport> {
    const cmdb = await this.diffsync.create(CmdbAdapter);
    const network = await this.diffsync.create(NetworkAdapter);
    try {
      await Promise.all([cmdb.load(), network.load()]);
      const diff = await network.syncFrom(cmdb, { diffClass: AlphabeticalDiff });
      const remaining = (await network.diffFrom(cmdb)).str();
      return { summary: diff.summary(), diff: diff.str(), remaining };
    } finally {
      // Close both stores now rather than at application shutdown.
      await Promise.all([this.diffsync.release(cmdb), this.diffsync.release(network)]);
    }
  }
}
