import type { Adapter } from '../forward-types';
import type { DiffOptions } from './sync-options';
import { getModelMetadata } from '../metadata/metadata-builder';
import type { ChildField, ModelMetadata } from '../metadata/model-metadata';
import type { DiffSyncModel, ValueMap } from '../model/diffsync-model';
import { DiffSyncFlags, DiffSyncModelFlags } from '../common/flags';
import { InvalidArgumentError } from '../errors';
import { PROGRESS_REFS, ProgressCounter } from './progress';
import { EVENT_CONTEXT_REFS, EventContext } from './event-context';
import { keepShape } from '../common/shape-keeper';
import { Diff } from '../diff/diff';
import type { Partition } from '../partition/partition-of';
import { countInPartition, resolvePartition } from '../partition/partition-scope';
import { DiffElement } from '../diff/diff-element';

/** Children of one element still to be diffed: uids on each side for one child type. */
interface ChildJob {
  element: DiffElement;
  childType: string;
  srcUids: readonly string[];
  dstUids: readonly string[];
}

/** A model with what the differ needs computed once. */
interface Prepared {
  obj: DiffSyncModel;
  meta: ModelMetadata;
  uid: string;
}

const EMPTY: readonly string[] = Object.freeze([]);

/**
 * Computes the diff from `src` to `dst`, level by level: each level's objects are
 * fetched with one batch call per model type and side, then compared in tight
 * synchronous loops. Results (elements, order, counts, skips, errors) match
 * diffsync's depth-first differ.
 */
export class Differ<D extends Diff> {
  private readonly flags: number;
  private readonly events: EventContext;
  private progress!: ProgressCounter;
  private readonly diffClass: new () => D;
  /** Only top-level objects in this partition (and their subtrees) are compared. */
  private readonly partition: Partition | undefined;

  constructor(
    private readonly src: Adapter,
    private readonly dst: Adapter,
    private readonly options: DiffOptions<D>,
  ) {
    this.flags = options.flags ?? DiffSyncFlags.NONE;
    this.diffClass = (options.diffClass ?? Diff) as new () => D;
    this.partition = resolvePartition(src, dst, options.partition);
    this.events = new EventContext(dst.logger, src, dst, this.flags);
  }

  /** Done: keep this differ's layout for the next diff in the process (see shape-keeper). */
  retire(): void {
    keepShape(this.events, EVENT_CONTEXT_REFS);
    keepShape(this.progress, PROGRESS_REFS);
    keepShape(this, ['src', 'dst', 'options', 'events', 'progress', 'diffClass']);
  }

  /**
   * Compare the two adapters and return the diff.
   *
   * @throws {@link ObjectNotFound} or a store error when a side cannot be read.
   */
  async calculateDiffs(): Promise<D> {
    const { src, dst, partition } = this;
    // Partitioned, the total counts the partition's objects (walked only when someone looks).
    const total =
      partition === undefined
        ? (await src.count()) + (await dst.count())
        : this.options.callback || this.events.debugOn
          ? (await countInPartition(src, partition)) + (await countInPartition(dst, partition))
          : 0;
    this.progress = new ProgressCounter('diff', total, this.options.callback);
    this.events.debug(`Diff calculation between these two datasets will involve ${total} models`);
    this.events.info('Beginning diff calculation');
    const diff = new this.diffClass();

    const srcTop = src.topLevel;
    const dstTop = dst.topLevel;
    const skipped = [...new Set([...srcTop, ...dstTop])].filter((t) => srcTop.includes(t) !== dstTop.includes(t)).sort();
    for (const type of skipped) {
      const side = dstTop.includes(type) ? dst : src;
      if (partition === undefined) {
        this.progress.add(await side.count(type));
      } else {
        this.progress.add((await side.store.getAllInPartition({ model: type, partition })).length);
      }
    }

    let jobs: ChildJob[] = [];
    for (const type of dstTop) {
      if (!srcTop.includes(type)) continue;
      const [srcObjs, dstObjs] = await Promise.all(
        partition === undefined
          ? [src.getAll(type), dst.getAll(type)]
          : [src.store.getAllInPartition({ model: type, partition }), dst.store.getAllInPartition({ model: type, partition })],
      );
      const srcUids = srcObjs.map((o) => o.getUniqueId());
      const dstUids = dstObjs.map((o) => o.getUniqueId());
      this.diffRange(null, diff, srcObjs, srcUids, 0, srcObjs.length, dstObjs, dstUids, 0, dstObjs.length, jobs);
    }
    while (jobs.length > 0) jobs = await this.diffLevel(jobs);

    this.events.info('Diff calculation complete');
    diff.modelsProcessed = this.progress.current;
    await diff.complete();
    return diff;
  }

  /** Wrap objects with their metadata and uid (the uids asked for, when given, are reused). */
  private prepare(objs: readonly DiffSyncModel[], uids?: readonly string[], from = 0): Prepared[] {
    const out = new Array<Prepared>(objs.length);
    let lastCtor: Function | undefined;
    let meta: ModelMetadata | undefined;
    for (let i = 0; i < objs.length; i++) {
      const obj = objs[i];
      if (obj.constructor !== lastCtor) {
        lastCtor = obj.constructor;
        meta = getModelMetadata(lastCtor);
      }
      const m = meta as ModelMetadata;
      out[i] = { obj, meta: m, uid: uids ? uids[from + i] : obj.getUniqueId() };
    }
    return out;
  }

  /**
   * Fetch every child of one level with one getByUids per (side, model type), then
   * diff each parent's children. Each job's uids are a slice of the batch.
   */
  private async diffLevel(jobs: ChildJob[]): Promise<ChildJob[]> {
    type Batch = { uids: string[]; objs: DiffSyncModel[] };
    const batches = { src: new Map<string, Batch>(), dst: new Map<string, Batch>() };
    const offsets = new Array<[number, number]>(jobs.length);
    const append = (side: Map<string, Batch>, type: string, uids: readonly string[]): number => {
      let batch = side.get(type);
      if (!batch) side.set(type, (batch = { uids: [], objs: [] }));
      const offset = batch.uids.length;
      for (let i = 0; i < uids.length; i++) batch.uids.push(uids[i]);
      return offset;
    };
    for (let j = 0; j < jobs.length; j++) {
      const job = jobs[j];
      offsets[j] = [append(batches.src, job.childType, job.srcUids), append(batches.dst, job.childType, job.dstUids)];
    }
    const fetchSide = (adapter: Adapter, side: Map<string, Batch>) =>
      Promise.all(
        [...side].map(async ([type, batch]) => {
          if (batch.uids.length > 0) batch.objs = await adapter.getByUids(batch.uids, type);
        }),
      );
    await Promise.all([fetchSide(this.src, batches.src), fetchSide(this.dst, batches.dst)]);

    const next: ChildJob[] = [];
    for (let j = 0; j < jobs.length; j++) {
      const job = jobs[j];
      const [so, doff] = offsets[j];
      const sb = batches.src.get(job.childType) as Batch;
      const db = batches.dst.get(job.childType) as Batch;
      this.diffRange(job.element, null, sb.objs, sb.uids, so, job.srcUids.length, db.objs, db.uids, doff, job.dstUids.length, next);
    }
    return next;
  }

  /**
   * Diff `sObjs[sFrom, sFrom + sLen)` against `dObjs[dFrom, dFrom + dLen)` (uids alongside)
   * and add the elements to `parent` (or to `diff` at the top level): source order first,
   * then objects only in the destination, as diffsync does. No per-object wrappers: one
   * Map of uids per list. Lists with a repeated uid take the general path.
   */
  private diffRange(
    parent: DiffElement | null,
    diff: D | null,
    sObjs: readonly DiffSyncModel[],
    sUids: readonly string[],
    sFrom: number,
    sLen: number,
    dObjs: readonly DiffSyncModel[],
    dUids: readonly string[],
    dFrom: number,
    dLen: number,
    jobs: ChildJob[],
  ): void {
    const index = new Map<string, number>();
    for (let k = 0; k < sLen; k++) index.set(sUids[sFrom + k], k);
    const match = new Int32Array(sLen).fill(-1);
    let dstOnly: number[] | undefined;
    let repeated = index.size !== sLen;
    for (let m = 0; !repeated && m < dLen; m++) {
      const uid = dUids[dFrom + m];
      const k = index.get(uid);
      if (k === undefined) {
        index.set(uid, -1);
        (dstOnly ??= []).push(m);
      } else if (k < 0 || match[k] !== -1) {
        repeated = true;
      } else {
        match[k] = m;
      }
    }
    if (repeated) {
      const srcList = this.prepare(sObjs.slice(sFrom, sFrom + sLen), sUids, sFrom);
      const dstList = this.prepare(dObjs.slice(dFrom, dFrom + dLen), dUids, dFrom);
      for (const element of this.diffObjectList(srcList, dstList, jobs)) {
        if (parent) parent.addChild(element);
        else (diff as D).add(element);
      }
      return;
    }
    for (let k = 0; k < sLen; k++) {
      const m = match[k];
      if (m >= 0) validateModels(sObjs[sFrom + k], dObjs[dFrom + m], sUids[sFrom + k], dUids[dFrom + m]);
    }
    for (let k = 0; k < sLen; k++) {
      const m = match[k];
      const element = this.diffModels(sObjs[sFrom + k], m >= 0 ? dObjs[dFrom + m] : undefined, sUids[sFrom + k], jobs);
      if (element === null) continue;
      if (parent) parent.addChild(element);
      else (diff as D).add(element);
    }
    if (dstOnly === undefined) return;
    for (let i = 0; i < dstOnly.length; i++) {
      const m = dstOnly[i];
      const element = this.diffModels(undefined, dObjs[dFrom + m], dUids[dFrom + m], jobs);
      if (element === null) continue;
      if (parent) parent.addChild(element);
      else (diff as D).add(element);
    }
  }

  private diffObjectList(srcList: Prepared[], dstList: Prepared[], jobs: ChildJob[]): DiffElement[] {
    const combined = new Map<string, [Prepared | undefined, Prepared | undefined]>();
    for (const p of srcList) combined.set(p.uid, [p, undefined]);
    for (const p of dstList) {
      const pair = combined.get(p.uid);
      if (pair) pair[1] = p;
      else combined.set(p.uid, [undefined, p]);
    }
    this.progress.add(Math.max(srcList.length - combined.size, 0) + Math.max(dstList.length - combined.size, 0));

    for (const [s, d] of combined.values()) if (s && d) validatePair(s, d);

    const out: DiffElement[] = [];
    for (const [s, d] of combined.values()) {
      const element = this.diffObjectPair(s, d, jobs);
      if (element) out.push(element);
    }
    return out;
  }

  /** diffObjectPair without the Prepared wrappers (the fast path of diffRange). */
  private diffModels(s: DiffSyncModel | undefined, d: DiffSyncModel | undefined, uid: string, jobs: ChildJob[]): DiffElement | null {
    const sMeta = s === undefined ? undefined : getModelMetadata(s.constructor);
    const dMeta = d === undefined ? undefined : getModelMetadata(d.constructor);
    const meta = (sMeta ?? dMeta) as ModelMetadata;
    const flags = this.flags;
    if (flags & DiffSyncFlags.SKIP_UNMATCHED_BOTH || ((s?.modelFlags ?? 0) | (d?.modelFlags ?? 0)) !== 0) {
      if (flags & DiffSyncFlags.SKIP_UNMATCHED_SRC && !d) return this.skip('Skipping due to SKIP_UNMATCHED_SRC flag on source adapter', meta.name, uid);
      if (flags & DiffSyncFlags.SKIP_UNMATCHED_DST && !s) return this.skip('Skipping due to SKIP_UNMATCHED_DST flag on source adapter', meta.name, uid);
      if (s && !d && s.modelFlags & DiffSyncModelFlags.SKIP_UNMATCHED_SRC) return this.skip('Skipping due to SKIP_UNMATCHED_SRC flag on model', meta.name, uid);
      if (d && !s && d.modelFlags & DiffSyncModelFlags.SKIP_UNMATCHED_DST) return this.skip('Skipping due to SKIP_UNMATCHED_DST flag on model', meta.name, uid);
      if (s && s.modelFlags & DiffSyncModelFlags.IGNORE) return this.skip('Skipping due to IGNORE flag on source object', meta.name, uid);
      if (d && d.modelFlags & DiffSyncModelFlags.IGNORE) return this.skip('Skipping due to IGNORE flag on dest object', meta.name, uid);
    }
    const self = (s ?? d) as unknown as ValueMap;
    const shortname = meta.shortname.length === 0 ? uid : meta.shortnameOf(self);
    const element = new DiffElement(meta.name, shortname, meta.identifiersOf(self), this.src.name, this.dst.name, this.diffClass);
    element.uid = uid;
    if (s !== undefined && d !== undefined) {
      const sAttrs = (sMeta as ModelMetadata).attrsOf(s as unknown as ValueMap);
      if (sMeta === dMeta && meta.sameAttrs(sAttrs, d as unknown as ValueMap)) {
        // Nothing differs: both sides share one attribute object.
        element.setAttrs(sAttrs, sAttrs, null);
      } else {
        const dAttrs = (dMeta as ModelMetadata).attrsOf(d as unknown as ValueMap);
        element.setAttrs(sAttrs, dAttrs, sMeta === dMeta ? 'update' : undefined);
      }
      this.progress.add(2);
    } else {
      if (s !== undefined) element.sourceAttrs = meta.attrsOf(s as unknown as ValueMap);
      else element.destAttrs = meta.attrsOf(d as unknown as ValueMap);
      this.progress.add(1);
    }
    this.queueChildrenOf(element, s, sMeta, d, dMeta, jobs);
    return element;
  }

  private queueChildrenOf(
    element: DiffElement,
    s: DiffSyncModel | undefined,
    sMeta: ModelMetadata | undefined,
    d: DiffSyncModel | undefined,
    dMeta: ModelMetadata | undefined,
    jobs: ChildJob[],
  ): void {
    const meta = (sMeta ?? dMeta) as ModelMetadata;
    if (meta.children.length === 0 && (dMeta === undefined || dMeta.children.length === 0)) return;
    this.queueChildren(
      element,
      s === undefined ? undefined : { obj: s, meta: sMeta as ModelMetadata, uid: '' },
      d === undefined ? undefined : { obj: d, meta: dMeta as ModelMetadata, uid: '' },
      jobs,
    );
  }

  private diffObjectPair(s: Prepared | undefined, d: Prepared | undefined, jobs: ChildJob[]): DiffElement | null {
    const one = (s ?? d) as Prepared;
    const { meta, uid, obj } = one;
    const flags = this.flags;
    if (flags & DiffSyncFlags.SKIP_UNMATCHED_SRC && !d) return this.skip('Skipping due to SKIP_UNMATCHED_SRC flag on source adapter', meta.name, uid);
    if (flags & DiffSyncFlags.SKIP_UNMATCHED_DST && !s) return this.skip('Skipping due to SKIP_UNMATCHED_DST flag on source adapter', meta.name, uid);
    if (s && !d && s.obj.modelFlags & DiffSyncModelFlags.SKIP_UNMATCHED_SRC)
      return this.skip('Skipping due to SKIP_UNMATCHED_SRC flag on model', meta.name, uid);
    if (d && !s && d.obj.modelFlags & DiffSyncModelFlags.SKIP_UNMATCHED_DST)
      return this.skip('Skipping due to SKIP_UNMATCHED_DST flag on model', meta.name, uid);
    if (s && s.obj.modelFlags & DiffSyncModelFlags.IGNORE) return this.skip('Skipping due to IGNORE flag on source object', meta.name, uid);
    if (d && d.obj.modelFlags & DiffSyncModelFlags.IGNORE) return this.skip('Skipping due to IGNORE flag on dest object', meta.name, uid);

    const self = obj as unknown as ValueMap;
    const shortname = meta.shortname.length === 0 ? uid : meta.shortnameOf(self);
    const element = new DiffElement(meta.name, shortname, meta.identifiersOf(self), this.src.name, this.dst.name, this.diffClass);
    element.uid = uid;
    if (s) element.sourceAttrs = s.meta.attrsOf(s.obj as unknown as ValueMap);
    if (d) element.destAttrs = d.meta.attrsOf(d.obj as unknown as ValueMap);
    this.progress.add(s && d ? 2 : 1);
    this.queueChildren(element, s, d, jobs);
    return element;
  }

  private skip(message: string, model: string, uniqueId: string): null {
    this.progress.add(1);
    if (this.events.debugOn) this.events.debug(message, { model, uniqueId });
    return null;
  }

  private queueChildren(element: DiffElement, s: Prepared | undefined, d: Prepared | undefined, jobs: ChildJob[]): void {
    // Child lists are read through each class's compiled readers (monomorphic), in the
    // order the children are declared.
    const uidsOf = (p: Prepared, field: ChildField): readonly string[] => (field.read(p.obj as unknown as ValueMap) as string[] | undefined) ?? EMPTY;
    if (s && d) {
      const dFields = d.meta.childFieldOf;
      for (const [type, sField] of s.meta.childFieldOf) {
        const dField = dFields.get(type);
        if (dField !== undefined) {
          const srcUids = uidsOf(s, sField);
          const dstUids = uidsOf(d, dField);
          if (srcUids.length || dstUids.length) jobs.push({ element, childType: type, srcUids, dstUids });
        } else {
          this.progress.add(uidsOf(s, sField).length);
        }
      }
      for (const [type, dField] of dFields) if (!s.meta.childFieldOf.has(type)) this.progress.add(uidsOf(d, dField).length);
      return;
    }
    const one = (s ?? d) as Prepared;
    for (const [type, field] of one.meta.childFieldOf) {
      const uids = uidsOf(one, field);
      if (uids.length === 0) continue;
      jobs.push({ element, childType: type, srcUids: s ? uids : EMPTY, dstUids: d ? uids : EMPTY });
    }
  }
}

function validateModels(s: DiffSyncModel, d: DiffSyncModel, sUid: string, dUid: string): void {
  const sCtor = s.constructor;
  const dCtor = d.constructor;
  if (sCtor === dCtor) {
    // Same class: same type name and identifier fields; compare shortnames and values.
    const meta = getModelMetadata(sCtor);
    const sObj = s as unknown as ValueMap;
    const dObj = d as unknown as ValueMap;
    if (meta.shortname.length) {
      const sShort = meta.shortnameOf(sObj);
      const dShort = meta.shortnameOf(dObj);
      if (sShort !== dShort) throw new InvalidArgumentError(`Shortname mismatch: ${sShort} vs ${dShort}`);
    } else if (sUid !== dUid) {
      throw new InvalidArgumentError(`Shortname mismatch: ${sUid} vs ${dUid}`);
    }
    if (!meta.sameIdentifiers(sObj, dObj)) {
      throw new InvalidArgumentError(`Keys mismatch: ${reprIds(s.getIdentifiers())} vs ${reprIds(d.getIdentifiers())}`);
    }
    return;
  }
  validatePair({ obj: s, meta: getModelMetadata(sCtor), uid: sUid }, { obj: d, meta: getModelMetadata(dCtor), uid: dUid });
}

function validatePair(s: Prepared, d: Prepared): void {
  if (s.meta.name !== d.meta.name) throw new TypeError(`Type mismatch: ${s.meta.name} vs ${d.meta.name}`);
  const sShort = s.meta.shortname.length ? s.meta.shortnameOf(s.obj as unknown as ValueMap) : s.uid;
  const dShort = d.meta.shortname.length ? d.meta.shortnameOf(d.obj as unknown as ValueMap) : d.uid;
  if (sShort !== dShort) throw new InvalidArgumentError(`Shortname mismatch: ${sShort} vs ${dShort}`);
  const sKeys = s.meta.identifiers;
  const dKeys = d.meta.identifiers;
  const sObj = s.obj as unknown as ValueMap;
  const dObj = d.obj as unknown as ValueMap;
  let same = sKeys.length === dKeys.length;
  for (let i = 0; same && i < sKeys.length; i++) {
    const k = sKeys[i];
    same = (sKeys === dKeys || dKeys.includes(k)) && sObj[k] === dObj[k];
  }
  if (!same) throw new InvalidArgumentError(`Keys mismatch: ${reprIds(s.obj.getIdentifiers())} vs ${reprIds(d.obj.getIdentifiers())}`);
}

function reprIds(ids: ValueMap): string {
  return `{${Object.entries(ids)
    .map(([k, v]) => `'${k}': ${typeof v === 'string' ? `'${v}'` : String(v)}`)
    .join(', ')}}`;
}

/** Flush both adapters and compute the diff from `src` to `dst`. */
export async function calculateDiff<D extends Diff>(src: Adapter, dst: Adapter, options: DiffOptions<D>): Promise<D> {
  await Promise.all([src.flush(), dst.flush()]);
  const differ = new Differ(src, dst, options);
  const diff = await differ.calculateDiffs();
  differ.retire();
  return diff;
}
