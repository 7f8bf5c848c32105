import type { DiffElement } from '@diffsync/core';
import { Diff } from '@diffsync/core';

/** A Diff that presents (and syncs) the elements of every group in name order. */
export class AlphabeticalDiff extends Diff {
  override orderChildren(_group: string, children: Map<string, DiffElement>): Iterable<DiffElement> {
    return [...children.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }
}
