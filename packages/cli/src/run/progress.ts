import type { SingleBar } from 'cli-progress';
import type { ProgressCallback } from '@diffsync/core';

/** One bar per phase on stderr, or nothing (not a TTY, `--quiet`). */
export interface Progress {
  /** Start an indeterminate phase (loading an adapter); the returned function ends it. */
  task(label: string): (detail?: string) => void;
  /** A bar counting to `total` (the partitions of a run); the returned function moves it. */
  counter(label: string, total: number): (value: number, detail?: string) => void;
  /** The engine callback for diff and sync, feeding one bar per stage. */
  readonly callback: ProgressCallback | undefined;
  stop(): void;
}

const silent: Progress = { task: () => () => undefined, counter: () => () => undefined, callback: undefined, stop: () => undefined };

/** Bars only when `stream` is a TTY and not quiet. */
export function createProgress(stream: NodeJS.WriteStream, quiet: boolean): Progress {
  if (quiet || !stream.isTTY) return silent;
  // Loaded only for a terminal: a cron job or a pipe never pays for it.

  const { MultiBar, Presets } = require('cli-progress') as typeof import('cli-progress');
  const multi = new MultiBar(
    {
      stream,
      format: ' {label} [{bar}] {percentage}% | {value}/{total} | {duration_formatted}{detail}',
      hideCursor: true,
      clearOnComplete: false,
      stopOnComplete: false,
      fps: 10,
      etaBuffer: 50,
    },
    Presets.shades_classic,
  );
  const width = 12;
  const pad = (label: string): string => label.padEnd(width).slice(0, Math.max(width, label.length));
  const bars = new Map<string, { bar: SingleBar; total: number; step: number; last: number }>();

  const callback: ProgressCallback = (stage, current, total) => {
    let entry = bars.get(stage);
    if (!entry || entry.total !== total) {
      if (entry) entry.bar.stop();
      const bar = multi.create(total, 0, { label: pad(stage), detail: '' });
      // Redraw at most ~200 times per phase: the engine calls back once per element.
      entry = { bar, total, step: Math.max(1, Math.floor(total / 200)), last: 0 };
      bars.set(stage, entry);
    }
    if (current - entry.last >= entry.step || current >= total) {
      entry.last = current;
      entry.bar.update(current);
    }
  };

  return {
    task(label) {
      const bar = multi.create(1, 0, { label: pad(label), detail: '' });
      return (detail) => bar.update(1, { detail: detail ? ` | ${detail}` : '' });
    },
    counter(label, total) {
      const bar = multi.create(total, 0, { label: pad(label), detail: '' });
      return (value, detail) => bar.update(value, { detail: detail ? ` | ${detail}` : '' });
    },
    callback,
    stop() {
      multi.stop();
    },
  };
}
