import type { Adapter } from '../forward-types';
import type { SyncOptions } from './sync-options';
import type { DiffSyncModel, ModelClass, ValueMap } from '../model/diffsync-model';
import type { DiffAction } from '../common/flags';
import { DiffSyncFlags, DiffSyncModelFlags, DiffSyncStatus } from '../common/flags';
import {
  AdapterDefinitionError,
  DiffClassMismatch,
  InvalidArgumentError,
  ObjectCrudException,
  ObjectNotCreated,
  ObjectNotDeleted,
  ObjectNotUpdated,
} from '../errors';
import { pyRepr } from '../store/model-ref';
import type { Diff } from '../diff/diff';
import type { DiffElement } from '../diff/diff-element';
import { calculateDiff } from './differ';
import { PROGRESS_REFS, ProgressCounter } from './progress';
import { EVENT_CONTEXT_REFS, EventContext } from './event-context';
import { keepShape } from '../common/shape-keeper';
import { Semaphore, mapLimited } from './limiter';
import { checkDiffInPartition, resolvePartition } from '../partition/partition-scope';
import type { DeferredCreate } from './moves';
import { MOVE_TRACKER_REFS, MoveTracker } from './moves';

type HookResult = DiffSyncModel | null | undefined;

/** recheckCreate's answer for a create held back until its object's old copy is deleted. */
const DEFERRED: unique symbol = Symbol('deferred');

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return value !== null && typeof value === 'object' && typeof (value as PromiseLike<unknown>).then === 'function';
}

/**
 * Applies a diff to the destination adapter depth-first, as diffsync does: parents
 * before children, deletions parent-first unless NATURAL_DELETION_ORDER, CRUD hooks
 * that may be sync or async, statuses, logs and progress. Siblings' destination
 * objects are fetched in one batch per group. A moved object (deleted under one parent
 * and created under another in the same diff) is deleted before it is created again
 * (see moves.ts).
 */
export class Syncer {
  private readonly flags: number;
  private readonly events: EventContext;
  private readonly progress: ProgressCounter;
  private readonly concurrency: number;
  private readonly semaphore: Semaphore | undefined;
  private readonly moves: MoveTracker;

  constructor(
    private readonly diff: Diff,
    src: Adapter,
    private readonly dst: Adapter,
    options: SyncOptions,
  ) {
    this.flags = options.flags ?? DiffSyncFlags.NONE;
    this.events = new EventContext(dst.logger, src, dst, this.flags);
    this.progress = new ProgressCounter('sync', diff.length, options.callback);
    const concurrency = options.concurrency ?? 1;
    if (!Number.isInteger(concurrency) || concurrency < 1) {
      throw new InvalidArgumentError(`concurrency must be a positive integer, got ${String(options.concurrency)}.`);
    }
    this.concurrency = concurrency;
    this.semaphore = concurrency > 1 ? new Semaphore(concurrency) : undefined;
    this.moves = new MoveTracker(diff, (el) => el.uid ?? this.modelClassFor(el.type).createUniqueId(el.keys));
  }

  /** The logger given to syncComplete. */
  get logger() {
    return this.events.boundLogger;
  }

  /** Done: keep this syncer's layout for the next sync in the process (see shape-keeper). */
  retire(): void {
    keepShape(this.events, EVENT_CONTEXT_REFS);
    keepShape(this.progress, PROGRESS_REFS);
    keepShape(this.moves, MOVE_TRACKER_REFS);
    keepShape(this, ['diff', 'dst', 'events', 'progress', 'semaphore', 'moves']);
  }

  /** Apply the diff; true when at least one change was attempted. */
  async performSync(): Promise<boolean> {
    this.events.info('Beginning sync');
    let changed = await this.syncGroup(this.diff.childList(), null);
    if (await this.applyDeferred()) changed = true;
    this.events.info('Sync complete');
    return changed;
  }

  private modelClassFor(type: string): ModelClass {
    const cls = this.dst.modelOrUndefined(type);
    if (!cls) {
      throw new AdapterDefinitionError(
        `${String(this.dst)} has no model named "${type}" to apply the diff with; add the "${type}" model class to ` +
          `${this.dst.constructor.name}.models, or leave such objects out of the diff (IGNORE / SKIP_UNMATCHED flags).`,
      );
    }
    return cls;
  }

  /** Sync a group of sibling elements, fetching their destination objects in one batch per type. */
  private async syncGroup(elements: readonly DiffElement[], parent: DiffSyncModel | null): Promise<boolean> {
    const n = elements.length;
    if (n === 0) return false;
    const uids = new Array<string>(n);
    for (let i = 0; i < n; i++) {
      const el = elements[i];
      uids[i] = el.uid ?? this.modelClassFor(el.type).createUniqueId(el.keys);
    }
    const found = await this.lookup(elements, uids);

    if (this.concurrency === 1 || n === 1) {
      // Unchanged leaves (most of a typical diff) need no hook, log or await.
      const quiet = !(this.flags & DiffSyncFlags.LOG_UNCHANGED_RECORDS && this.events.debugOn);
      let changed = false;
      for (let i = 0; i < n; i++) {
        const el = elements[i];
        const model = found[i] ?? null;
        if (quiet && model !== null && !el.hasChildElements && el.action === null) {
          model.setStatus(DiffSyncStatus.UNKNOWN);
          this.progress.add(1);
          continue;
        }
        if (await this.syncElement(el, parent, uids[i], model)) changed = true;
      }
      return changed;
    }
    // Hooks finish in any order: created children join the parent's list in diff order.
    const created = new Array<DiffSyncModel | undefined>(n);
    try {
      const results = await mapLimited(elements, this.concurrency, (el, i) =>
        this.syncElement(el, parent, uids[i], found[i] ?? null, (model) => (created[i] = model)),
      );
      return results.some(Boolean);
    } finally {
      if (parent) for (const model of created) if (model) parent.addChild(model);
    }
  }

  /** The destination objects of `elements` (undefined where absent), one batch per type. */
  private async lookup(elements: readonly DiffElement[], uids: readonly string[]): Promise<Array<DiffSyncModel | undefined>> {
    const n = elements.length;
    const store = this.dst.store;
    const firstType = elements[0].type;
    let oneType = true;
    for (let i = 1; i < n && oneType; i++) if (elements[i].type !== firstType) oneType = false;
    if (oneType) return store.lookupMany({ model: firstType, uids });
    const byType = new Map<string, number[]>();
    for (let i = 0; i < n; i++) {
      const type = elements[i].type;
      let list = byType.get(type);
      if (!list) byType.set(type, (list = []));
      list.push(i);
    }
    const found = new Array<DiffSyncModel | undefined>(n);
    for (const [type, indexes] of byType) {
      const objs = await store.lookupMany({ model: type, uids: indexes.map((i) => uids[i]) });
      for (let j = 0; j < indexes.length; j++) found[indexes[j]] = objs[j];
    }
    return found;
  }

  /**
   * The creates of moved objects that syncElement held back, now that the deletes of
   * their old copies ran. Two creates of one object (listed under two new parents) run
   * one after the other; the second fails as diffsync's would.
   */
  private async applyDeferred(): Promise<boolean> {
    let items = this.moves.takeDeferred();
    if (items.length === 0) return false;
    this.events.debug(`Applying ${items.length} create(s) of moved objects deferred until their old copies were deleted`);
    let changed = false;
    while (items.length > 0) {
      const now: DeferredCreate[] = [];
      const later: DeferredCreate[] = [];
      const seen = new Set<string>();
      for (const item of items) {
        const key = `${item.element.type}\u0000${item.uid}`;
        if (seen.has(key)) later.push(item);
        else {
          seen.add(key);
          now.push(item);
        }
      }
      if (await this.syncDeferred(now)) changed = true;
      items = later;
    }
    return changed;
  }

  private async syncDeferred(items: readonly DeferredCreate[]): Promise<boolean> {
    const found = await this.lookup(
      items.map((item) => item.element),
      items.map((item) => item.uid),
    );
    if (this.concurrency === 1 || items.length === 1) {
      let changed = false;
      for (let i = 0; i < items.length; i++) {
        const item = items[i];
        if (await this.syncElement(item.element, item.parent, item.uid, found[i] ?? null)) changed = true;
      }
      return changed;
    }
    const created = new Array<DiffSyncModel | undefined>(items.length);
    try {
      const results = await mapLimited(items, this.concurrency, (item, i) =>
        this.syncElement(item.element, item.parent, item.uid, found[i] ?? null, (model) => (created[i] = model)),
      );
      return results.some(Boolean);
    } finally {
      for (let i = 0; i < items.length; i++) {
        const model = created[i];
        const parent = items[i].parent;
        if (model && parent) parent.addChild(model);
      }
    }
  }

  /**
   * A create whose object the batch lookup found. Read it again (a delete elsewhere in the
   * diff may have removed it since); when it is still there and a delete of the same type
   * and uid is still to run (a move), hold the create back until the end of the sync.
   */
  private async recheckCreate(element: DiffElement, parent: DiffSyncModel | null, uid: string): Promise<DiffSyncModel | null | typeof DEFERRED> {
    const [current] = await this.dst.store.lookupMany({ model: element.type, uids: [uid] });
    if (current === undefined) return null;
    if (!this.moves.shouldDefer(element, uid)) return current;
    this.moves.defer({ element, parent, uid });
    return DEFERRED;
  }

  private childrenOf(element: DiffElement): readonly DiffElement[] {
    return element.hasChildElements ? element.childDiff.elementView() : [];
  }

  private async syncElement(
    element: DiffElement,
    parent: DiffSyncModel | null,
    uid: string,
    found: DiffSyncModel | null,
    onCreated?: (model: DiffSyncModel) => void,
  ): Promise<boolean> {
    const action = element.action;
    let dstModel = found;
    if (action === 'create' && dstModel !== null) {
      const current = await this.recheckCreate(element, parent, uid);
      if (current === DEFERRED) return false;
      dstModel = current;
    }
    if (dstModel) dstModel.setStatus(DiffSyncStatus.UNKNOWN);

    if (action === null) {
      // Nothing to apply: log on request, count it, and go on with the children.
      if (this.flags & DiffSyncFlags.LOG_UNCHANGED_RECORDS && this.events.debugOn) {
        this.events.debug('No changes to apply; no action needed', {
          ...this.context(element, uid, action),
          status: DiffSyncStatus.SUCCESS,
        });
      }
      if (!dstModel) {
        if (this.events.warnOn) {
          this.events.warn('No object resulted from sync, will not process child objects.', this.context(element, uid, action));
        }
        return false;
      }
      this.progress.add(1);
      return element.hasChildElements ? this.syncGroup(this.childrenOf(element), dstModel) : false;
    }

    const modelClass = this.modelClassFor(element.type);
    const natural = dstModel !== null && (dstModel.modelFlags & DiffSyncModelFlags.NATURAL_DELETION_ORDER) !== 0;
    const skipChildren = dstModel !== null && (dstModel.modelFlags & DiffSyncModelFlags.SKIP_CHILDREN_ON_DELETE) !== 0;

    let changed = false;
    if (natural && action === 'delete' && !skipChildren) {
      changed = await this.syncGroup(this.childrenOf(element), dstModel);
    }
    const modified = await this.syncModel(modelClass, element, uid, dstModel, action);
    changed = true; // a change was attempted, whatever its outcome
    if (!modified) {
      if (action === 'delete') this.moves.settle(element);
      if (this.events.warnOn) {
        this.events.warn('No object resulted from sync, will not process child objects.', this.context(element, uid, action));
      }
      return changed;
    }
    dstModel = modified;

    if (action === 'create') {
      if (onCreated) onCreated(dstModel);
      else if (parent) parent.addChild(dstModel);
      await this.dst.add(dstModel);
    } else if (action === 'delete') {
      if (parent) parent.removeChild(dstModel);
      await this.dst.store.remove({ obj: dstModel, removeChildren: skipChildren });
      this.moves.settle(element);
      if (skipChildren) return changed;
    }
    this.progress.add(1);

    if (!(action === 'delete' && natural) && element.hasChildElements) {
      await this.syncGroup(this.childrenOf(element), dstModel);
    }
    return changed;
  }

  /** Meta of an element's events. */
  private context(element: DiffElement, uid: string, action: DiffAction): Record<string, unknown> {
    return { action, model: element.type, uniqueId: uid, diffs: element.getAttrsDiffs() };
  }

  /** Run the element's CRUD hook; the resulting model, or null (failure, or error under CONTINUE_ON_FAILURE). */
  private async syncModel(
    modelClass: ModelClass,
    element: DiffElement,
    uid: string,
    dstModel: DiffSyncModel | null,
    action: Exclude<DiffAction, null>,
  ): Promise<DiffSyncModel | null> {
    const logging = this.events.debugOn || this.events.infoOn || this.events.warnOn || this.events.errorOn;
    const context = logging ? this.context(element, uid, action) : undefined;
    if (context) this.events.debug(`Attempting model ${action}`, context);
    const attrs = action === 'delete' ? {} : (element.getAttrsDiffs()['+'] ?? {});
    let result: HookResult;
    let status: DiffSyncStatus;
    let message: string;
    try {
      const pending = this.callHook(modelClass, element, dstModel, attrs, action);
      result = isThenable(pending) ? await pending : pending;
      if (result) {
        [status, message] = result.getStatus();
      } else {
        status = DiffSyncStatus.FAILURE;
        message = `${element.type} ${action} did not return the model object.`;
      }
    } catch (error) {
      if (!(error instanceof ObjectCrudException)) throw error;
      if (context) this.logStatus(DiffSyncStatus.ERROR, error.message, context);
      if (this.flags & DiffSyncFlags.CONTINUE_ON_FAILURE) return null;
      throw error;
    }
    if (context) this.logStatus(status, message, context);
    return result ?? null;
  }

  /** Run the hook; its value as is when it is synchronous (no extra promise per element). */
  private callHook(
    modelClass: ModelClass,
    element: DiffElement,
    dstModel: DiffSyncModel | null,
    attrs: ValueMap,
    action: Exclude<DiffAction, null>,
  ): HookResult | PromiseLike<HookResult> {
    const ids = element.keys;
    let call: () => HookResult | PromiseLike<HookResult>;
    switch (action) {
      case 'create':
        if (dstModel) throw new ObjectNotCreated(`Failed to create ${element.type} ${pyRepr(ids)} - it already exists!`);
        call = () => modelClass.create(this.dst, ids, attrs);
        break;
      case 'update':
        if (!dstModel) throw new ObjectNotUpdated(`Failed to update ${element.type} ${pyRepr(ids)} - not found!`);
        call = () => dstModel.update(attrs);
        break;
      case 'delete':
        if (!dstModel) throw new ObjectNotDeleted(`Failed to delete ${element.type} ${pyRepr(ids)} - not found!`);
        call = () => dstModel.delete();
        break;
      default:
        throw new ObjectCrudException(`Unknown action "${String(action)}"!`);
    }
    if (this.semaphore) return this.semaphore.run(call);
    return call();
  }

  private logStatus(status: DiffSyncStatus, message: string, context: Record<string, unknown>): void {
    const meta = { ...context, status };
    if (status === DiffSyncStatus.SUCCESS) this.events.info(message, meta);
    else if (status === DiffSyncStatus.FAILURE) this.events.warn(message, meta);
    else this.events.error(message, meta);
  }
}

/** syncFrom: check or compute the diff, apply it, call syncComplete, flush. */
export async function performSync<D extends Diff>(src: Adapter, dst: Adapter, options: SyncOptions<D>): Promise<D> {
  let diff = options.diff;
  if (diff !== undefined && diff !== null) {
    if (options.diffClass && !(diff instanceof options.diffClass)) {
      throw new DiffClassMismatch(`The provided diff's class (${diff.constructor.name}) does not match the diffClass: ${options.diffClass.name}`);
    }
    const partition = resolvePartition(src, dst, options.partition);
    if (partition !== undefined) checkDiffInPartition(diff, dst, partition);
    await Promise.all([src.flush(), dst.flush()]);
  } else {
    diff = await calculateDiff(src, dst, options);
  }
  const syncer = new Syncer(diff, src, dst, options);
  const changed = await syncer.performSync();
  if (changed) await dst.syncComplete(src, diff, options.flags ?? DiffSyncFlags.NONE, syncer.logger);
  syncer.retire();
  await dst.flush();
  return diff;
}
