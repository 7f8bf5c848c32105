// docs/diff-and-sync.md, "Progress and logs": a progress callback and a structured logger.
import type { SyncLogger } from '@diffsync/core';
import { DiffSyncFlags } from '@diffsync/core';
import { InventoryAdapter } from './engine-diff-and-sync';

/** Any object with error/warn/info/debug works; a winston Logger does too. */
class MemoryLogger implements SyncLogger {
  readonly lines: string[] = [];
  error(message: string, meta?: Record<string, unknown>) {
    this.lines.push(`error ${message} ${JSON.stringify(meta)}`);
  }
  warn(message: string, meta?: Record<string, unknown>) {
    this.lines.push(`warn ${message} ${JSON.stringify(meta)}`);
  }
  info(message: string, meta?: Record<string, unknown>) {
    this.lines.push(`info ${message} ${JSON.stringify(meta)}`);
  }
  debug(message: string, meta?: Record<string, unknown>) {
    this.lines.push(`debug ${message} ${JSON.stringify(meta)}`);
  }
}

export async function main(print: (text: string) => void = console.log) {
  const logger = new MemoryLogger();
  const source = new InventoryAdapter({ nyc: { rtr1: 'edge', sw1: 'leaf' } }, 'nautobot');
  const target = new InventoryAdapter({ nyc: { rtr1: 'core' } }, 'netbox');
  target.logger = logger; // the destination's logger receives the diff and sync events
  await source.load();
  await target.load();

  const progress: string[] = [];
  await target.syncFrom(source, {
    flags: DiffSyncFlags.LOG_UNCHANGED_RECORDS,
    // 'diff': models visited so far of count(source) + count(target);
    // 'sync': elements applied so far of diff.length.
    callback: (stage, current, total) => progress.push(`${stage} ${current}/${total}`),
  });
  print(progress.join('\n'));
  print(logger.lines.join('\n'));
  return { progress, lines: logger.lines };
}

if (require.main === module) void main();
