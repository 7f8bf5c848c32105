import { SingleBar, Presets } from 'cli-progress';
import type { ProgressCallback, SyncLogger } from '@diffsync/core';
import { DiffSyncFlags, silentLogger } from '@diffsync/core';
import { BackendA, BackendB, BackendC } from './backends';
import { AlphabeticalDiff } from './alphabetical-diff';

export interface DemoOptions {
  /** Where the demo writes its text (default: console.log). */
  print?: (line: string) => void;
  logger?: SyncLogger;
  /** Show a progress bar on stderr while diffing and syncing. */
  progress?: boolean;
}

export interface DemoResult {
  summaryBefore: ReturnType<AlphabeticalDiff['summary']>;
  diffText: string;
  diffAfterSync: string;
}

function progressBar(): { callback: ProgressCallback; stop: () => void } {
  const bar = new SingleBar({ format: ' {stage} [{bar}] {value}/{total}', hideCursor: true }, Presets.shades_classic);
  let stage = '';
  return {
    callback: (s, current, total) => {
      if (s !== stage) {
        if (stage) bar.stop();
        stage = s;
        bar.start(total, 0, { stage: s.padEnd(4) });
      }
      bar.update(current, { stage: s.padEnd(4) });
    },
    stop: () => {
      if (stage) bar.stop();
    },
  };
}

/** diffsync's "multiple data sources" example: load three inventories, diff A→B, sync, re-diff. */
export async function runDemo(options: DemoOptions = {}): Promise<DemoResult> {
  const print = options.print ?? ((line: string) => console.log(line));
  const logger = options.logger ?? silentLogger;
  const a = new BackendA({ name: 'Backend-A', logger });
  const b = new BackendB({ name: 'Backend-B', logger });
  const c = new BackendC({ logger });
  for (const adapter of [a, b, c]) {
    await adapter.load();
    print(`Initializing and loading ${String(adapter)}...`);
    print(await adapter.str());
    print('');
  }

  const bar = options.progress ? progressBar() : undefined;
  print('Calculating the diff between Backend-A and Backend-B...');
  const diff = await a.diffTo(b, { diffClass: AlphabeticalDiff, callback: bar?.callback });
  bar?.stop();
  const diffText = diff.str();
  print(diffText);
  print(JSON.stringify(diff.toDict(), null, 2));
  const summaryBefore = diff.summary();
  print(`Summary: ${JSON.stringify(summaryBefore)}`);

  print('\nSyncing changes from Backend-A to Backend-B...');
  const bar2 = options.progress ? progressBar() : undefined;
  await a.syncTo(b, { diff, flags: DiffSyncFlags.NONE, callback: bar2?.callback });
  bar2?.stop();
  const after = await a.diffTo(b);
  const diffAfterSync = after.str();
  print('Diff after the sync:');
  print(diffAfterSync);
  return { summaryBefore, diffText, diffAfterSync };
}
