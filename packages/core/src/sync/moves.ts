import type { Diff } from '../diff/diff';
import type { DiffElement } from '../diff/diff-element';
import type { DiffSyncModel } from '../model/diffsync-model';

/** Fields of a MoveTracker that reference the caller's objects (released by keepShape). */
export const MOVE_TRACKER_REFS: readonly string[] = ['diff', 'uidOf', 'deletes', 'settled', 'deferred'];

/** A create held back until the object's old copy (deleted elsewhere in the diff) is gone. */
export interface DeferredCreate {
  readonly element: DiffElement;
  /** The destination parent the object is created under (null at the top level). */
  readonly parent: DiffSyncModel | null;
  readonly uid: string;
}

/**
 * Moves during a sync: an object of one type and uid that the diff deletes under one
 * parent and creates under another (a child whose parent key is not one of its
 * identifiers). The diff stays diffsync's (a delete and a create); the syncer applies the
 * delete first. When it reaches the create while the object still exists in the
 * destination and a delete of the same type and uid is still to be applied, it defers the
 * create (with its subtree) until the end of the sync instead of failing with
 * `ObjectNotCreated … already exists`.
 *
 * Nothing here runs on a sync without such a conflict: the index of deletes is built on
 * the first create that finds its object already there, and `settle` is one Set insert
 * per delete element.
 */
export class MoveTracker {
  private deletes: Map<string, DiffElement[]> | undefined = undefined;
  private readonly settled = new Set<DiffElement>();
  private deferred: DeferredCreate[] = [];
  private closed = false;

  constructor(
    private readonly diff: Diff,
    private readonly uidOf: (element: DiffElement) => string,
  ) {}

  /** A delete element was applied (or failed, or was vetoed): it is no longer pending. */
  settle(element: DiffElement): void {
    this.settled.add(element);
  }

  /**
   * Whether the create of `element` (whose object already exists in the destination) is
   * to wait: true when a delete of the same type and uid is in the diff and not applied
   * yet, and the deferred creates have not started running.
   */
  shouldDefer(element: DiffElement, uid: string): boolean {
    if (this.closed) return false;
    const deletes = (this.deletes ??= this.indexDeletes()).get(`${element.type}\u0000${uid}`);
    if (deletes === undefined) return false;
    for (const del of deletes) if (!this.settled.has(del)) return true;
    return false;
  }

  defer(create: DeferredCreate): void {
    this.deferred.push(create);
  }

  /** The deferred creates, in the order they were met; from now on nothing is deferred. */
  takeDeferred(): DeferredCreate[] {
    this.closed = true;
    const out = this.deferred;
    this.deferred = [];
    return out;
  }

  /** Every delete element the sync will visit, by `type\0uid` (the sync's order and membership). */
  private indexDeletes(): Map<string, DiffElement[]> {
    const index = new Map<string, DiffElement[]>();
    const walk = (elements: readonly DiffElement[]): void => {
      for (const element of elements) {
        if (element.action === 'delete') {
          const key = `${element.type}\u0000${this.uidOf(element)}`;
          const list = index.get(key);
          if (list) list.push(element);
          else index.set(key, [element]);
        }
        if (element.hasChildElements) walk(element.childDiff.elementView());
      }
    };
    walk(this.diff.elementView());
    return index;
  }
}
