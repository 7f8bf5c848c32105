import type { Adapter } from '../adapter/adapter';
import type { SyncOptions } from '../adapter/adapter-options';
import type { DiffSyncModel, ModelClass, ValueMap } from '../model/diffsync-model';
import { DiffSyncFlags, DiffSyncModelFlags, DiffSyncStatus, DiffAction } from '../model/flags';
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
import { Diff } from '../diff/diff';
import type { DiffElement } from '../diff/diff-element';
import { calculateDiff } from '../diff/differ';
import { ProgressCounter } from './progress';
import { EventContext } from './event-context';
import { Semaphore, mapLimited } from './limiter';

type HookResult = DiffSyncModel | null | undefined;

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return value !== null && typeof value === 'object' && typeof (value as PromiseLike<unknown>).then === 'function';
}

/**
 * Applies a diff to the destination adapter depth-first, as diffsync does: parents
 * before children, deletions parent-first unless NATURAL_DELETION_ORDER, CRUD hooks
 * that may be sync or async, statuses, logs and progress. Siblings' destination
 * objects are fetched in one batch per group.
 */
export class Syncer {
  private readonly flags: number;
  private readonly events: EventContext;
  private readonly progress: ProgressCounter;
  private readonly concurrency: number;
  private readonly semaphore: Semaphore | undefined;

  constructor(
    private readonly diff: Diff,
    private readonly src: Adapter,
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
  }

  /** The logger given to syncComplete. */
  get logger() {
    return this.events.boundLogger;
  }

  /** Apply the diff; true when at least one change was attempted. */
  async performSync(): Promise<boolean> {
    this.events.info('Beginning sync');
    const changed = await this.syncGroup([...this.diff.getChildren()], null);
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
  private async syncGroup(elements: DiffElement[], parent: DiffSyncModel | null): Promise<boolean> {
    if (elements.length === 0) return false;
    const byType = new Map<string, string[]>();
    const uids = new Array<string>(elements.length);
    for (let i = 0; i < elements.length; i++) {
      const el = elements[i] as DiffElement;
      const uid = this.modelClassFor(el.type).createUniqueId(el.keys);
      uids[i] = uid;
      let list = byType.get(el.type);
      if (!list) byType.set(el.type, (list = []));
      list.push(uid);
    }
    const found = new Map<string, Map<string, DiffSyncModel>>();
    for (const [type, list] of byType) found.set(type, await this.dst.store.getMany({ model: type, uids: list }));
    const lookup = (i: number): DiffSyncModel | null =>
      found.get((elements[i] as DiffElement).type)?.get(uids[i] as string) ?? null;

    if (this.concurrency === 1 || elements.length === 1) {
      let changed = false;
      for (let i = 0; i < elements.length; i++) {
        if (await this.syncElement(elements[i] as DiffElement, parent, uids[i] as string, lookup(i))) changed = true;
      }
      return changed;
    }
    const results = await mapLimited(elements, this.concurrency, (el, i) =>
      this.syncElement(el, parent, uids[i] as string, lookup(i)),
    );
    return results.some(Boolean);
  }

  private async syncElement(
    element: DiffElement,
    parent: DiffSyncModel | null,
    uid: string,
    found: DiffSyncModel | null,
  ): Promise<boolean> {
    const modelClass = this.modelClassFor(element.type);
    const action = element.action;
    const diffs = element.getAttrsDiffs();
    const attrs = diffs['+'] ?? {};
    let dstModel = found;
    if (dstModel) dstModel.setStatus(DiffSyncStatus.UNKNOWN);
    const natural = dstModel !== null && (dstModel.modelFlags & DiffSyncModelFlags.NATURAL_DELETION_ORDER) !== 0;
    const skipChildren = dstModel !== null && (dstModel.modelFlags & DiffSyncModelFlags.SKIP_CHILDREN_ON_DELETE) !== 0;
    const context = { action, model: element.type, uniqueId: uid, diffs };

    let changed = false;
    if (natural && action === 'delete' && !skipChildren) {
      changed = await this.syncGroup([...element.getChildren()], dstModel);
    }
    const [attempted, modified] = await this.syncModel(modelClass, element, dstModel, attrs, action, context);
    changed = changed || attempted;
    if (!modified) {
      this.events.warn('No object resulted from sync, will not process child objects.', context);
      return changed;
    }
    dstModel = modified;

    if (action === 'create') {
      if (parent) parent.addChild(dstModel);
      await this.dst.add(dstModel);
    } else if (action === 'delete') {
      if (parent) parent.removeChild(dstModel);
      await this.dst.store.remove({ obj: dstModel, removeChildren: skipChildren });
      if (skipChildren) return changed;
    }
    this.progress.add(1);

    if (!(action === 'delete' && natural)) {
      if (await this.syncGroup([...element.getChildren()], dstModel)) changed = true;
    }
    return changed;
  }

  private async syncModel(
    modelClass: ModelClass,
    element: DiffElement,
    dstModel: DiffSyncModel | null,
    attrs: ValueMap,
    action: DiffAction,
    context: Record<string, unknown>,
  ): Promise<[boolean, DiffSyncModel | null]> {
    if (action === null) {
      if (this.flags & DiffSyncFlags.LOG_UNCHANGED_RECORDS) {
        this.events.debug('No changes to apply; no action needed', { ...context, status: DiffSyncStatus.SUCCESS });
      }
      return [false, dstModel];
    }
    this.events.debug(`Attempting model ${action}`, context);
    let result: HookResult;
    let status: DiffSyncStatus;
    let message: string;
    try {
      result = await this.callHook(modelClass, element, dstModel, attrs, action);
      if (result) {
        [status, message] = result.getStatus();
      } else {
        status = DiffSyncStatus.FAILURE;
        message = `${element.type} ${action} did not return the model object.`;
      }
    } catch (error) {
      if (!(error instanceof ObjectCrudException)) throw error;
      this.logStatus(DiffSyncStatus.ERROR, error.message, context);
      if (this.flags & DiffSyncFlags.CONTINUE_ON_FAILURE) return [true, null];
      throw error;
    }
    this.logStatus(status, message, context);
    return [true, result ?? null];
  }

  private async callHook(
    modelClass: ModelClass,
    element: DiffElement,
    dstModel: DiffSyncModel | null,
    attrs: ValueMap,
    action: Exclude<DiffAction, null>,
  ): Promise<HookResult> {
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
    const value = call();
    return isThenable(value) ? await value : value;
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
      throw new DiffClassMismatch(
        `The provided diff's class (${diff.constructor.name}) does not match the diffClass: ${options.diffClass.name}`,
      );
    }
    await Promise.all([src.flush(), dst.flush()]);
  } else {
    diff = await calculateDiff(src, dst, options);
  }
  const syncer = new Syncer(diff, src, dst, options as SyncOptions);
  const changed = await syncer.performSync();
  if (changed) await dst.syncComplete(src, diff, options.flags ?? DiffSyncFlags.NONE, syncer.logger);
  await dst.flush();
  return diff;
}
