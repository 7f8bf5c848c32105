import { nullableStr } from './replies';
import type { TimedClient } from './timed-client';

/**
 * The version of the storeId this store works from (optimistic concurrency). The meta
 * hash's `version` field changes with every flush of any writer. A store takes it when it
 * first reads anything from Redis (the HGET is sent ahead of that read, so what the read
 * returns is at least as new as the version taken), and moves it forward with each of its
 * own flushes. A flush is written only if the storeId is still at that version.
 */
export class StoreVersion {
  /** undefined: nothing read yet (a flush is not checked); null: read while the storeId had no version (empty); else the version. */
  expected: string | null | undefined;
  private reading: Promise<void> | undefined;

  constructor(private readonly metaKey: string) {}

  /** Takes the version before a read, unless it is known; the HGET goes out ahead of the caller's commands. */
  beforeRead(c: TimedClient): void {
    if (this.expected !== undefined || this.reading) return;
    const reading: Promise<void> = c.sendCommand(['HGET', this.metaKey, 'version']).then(
      (reply) => {
        if (this.reading !== reading) return; // reset() meanwhile
        this.reading = undefined;
        if (this.expected === undefined && (reply === null || typeof reply === 'string' || Buffer.isBuffer(reply))) {
          this.expected = nullableStr(reply, 'HGET');
        }
      },
      () => {
        // The caller's own commands fail the same way; the next read asks again.
        if (this.reading === reading) this.reading = undefined;
      },
    );
    this.reading = reading;
  }

  /** Resolves when a version read in flight has landed. */
  async settled(): Promise<void> {
    while (this.reading) await this.reading;
  }

  /** Forgets the version (after clear() or close()); `known` when the caller knows the new state. */
  reset(known?: string | null): void {
    this.reading = undefined;
    this.expected = known;
  }
}
