import type { DiffElement } from '@diffsync/core';
import { Diff } from '@diffsync/core';

/** Syncs (and prints) each group's elements sorted by type, then name, as diffsync's example does. */
export class AlphabeticalOrderDiff extends Diff {
  override orderChildren(_group: string, children: Map<string, DiffElement>): Iterable<DiffElement> {
    const key = (e: DiffElement) => `${e.type}\u0000${e.name}`;
    return [...children.values()].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  }
}
