import type { Adapter } from '../adapter/adapter';
import type { DiffOptions } from '../adapter/adapter-options';
import { getModelMetadata } from '../metadata/metadata-builder';
import type { ModelMetadata } from '../metadata/model-metadata';
import type { DiffSyncModel, ValueMap } from '../model/diffsync-model';
import { DiffSyncFlags, DiffSyncModelFlags } from '../model/flags';
import { InvalidArgumentError } from '../errors';
import { ProgressCounter } from '../sync/progress';
import { EventContext } from '../sync/event-context';
import { Diff } from './diff';
import { DiffElement } from './diff-element';

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

  constructor(
    private readonly src: Adapter,
    private readonly dst: Adapter,
    private readonly options: DiffOptions<D>,
  ) {
    this.flags = options.flags ?? DiffSyncFlags.NONE;
    this.diffClass = (options.diffClass ?? Diff) as new () => D;
    this.events = new EventContext(dst.logger, src, dst, this.flags);
  }

  async calculateDiffs(): Promise<D> {
    const { src, dst } = this;
    const total = (await src.count()) + (await dst.count());
    this.progress = new ProgressCounter('diff', total, this.options.callback);
    this.events.debug(`Diff calculation between these two datasets will involve ${total} models`);
    this.events.info('Beginning diff calculation');
    const diff = new this.diffClass();

    const srcTop = src.topLevel;
    const dstTop = dst.topLevel;
    const skipped = [...new Set([...srcTop, ...dstTop])].filter((t) => srcTop.includes(t) !== dstTop.includes(t)).sort();
    for (const type of skipped) {
      this.progress.add(dstTop.includes(type) ? await dst.count(type) : await src.count(type));
    }

    let jobs: ChildJob[] = [];
    for (const type of dstTop) {
      if (!srcTop.includes(type)) continue;
      const [srcObjs, dstObjs] = await Promise.all([src.getAll(type), dst.getAll(type)]);
      for (const element of this.diffObjectList(this.prepare(srcObjs), this.prepare(dstObjs), jobs)) diff.add(element);
    }
    while (jobs.length > 0) jobs = await this.diffLevel(jobs);

    this.events.info('Diff calculation complete');
    diff.modelsProcessed = this.progress.current;
    await diff.complete();
    return diff;
  }

  private prepare(objs: readonly DiffSyncModel[]): Prepared[] {
    const out = new Array<Prepared>(objs.length);
    for (let i = 0; i < objs.length; i++) {
      const obj = objs[i] as DiffSyncModel;
      const meta = getModelMetadata(obj.constructor);
      out[i] = { obj, meta, uid: meta.uidOf(obj as unknown as ValueMap) };
    }
    return out;
  }

  /** Fetch every child of one level in one batch per (side, type), then diff each parent's children. */
  private async diffLevel(jobs: ChildJob[]): Promise<ChildJob[]> {
    const wanted = { src: new Map<string, Set<string>>(), dst: new Map<string, Set<string>>() };
    const want = (side: Map<string, Set<string>>, type: string, uids: readonly string[]): void => {
      if (uids.length === 0) return;
      let set = side.get(type);
      if (!set) side.set(type, (set = new Set()));
      for (const uid of uids) set.add(uid);
    };
    for (const job of jobs) {
      want(wanted.src, job.childType, job.srcUids);
      want(wanted.dst, job.childType, job.dstUids);
    }
    const fetchSide = async (adapter: Adapter, side: Map<string, Set<string>>) => {
      const byType = new Map<string, Map<string, Prepared>>();
      await Promise.all(
        [...side].map(async ([type, uids]) => {
          const list = [...uids];
          const objs = await adapter.getByUids(list, type);
          const prepared = this.prepare(objs);
          const map = new Map<string, Prepared>();
          for (let i = 0; i < list.length; i++) map.set(list[i] as string, prepared[i] as Prepared);
          byType.set(type, map);
        }),
      );
      return byType;
    };
    const [srcObjs, dstObjs] = await Promise.all([fetchSide(this.src, wanted.src), fetchSide(this.dst, wanted.dst)]);

    const next: ChildJob[] = [];
    for (const job of jobs) {
      const s = srcObjs.get(job.childType);
      const d = dstObjs.get(job.childType);
      const srcList = job.srcUids.map((uid) => s?.get(uid) as Prepared);
      const dstList = job.dstUids.map((uid) => d?.get(uid) as Prepared);
      for (const element of this.diffObjectList(srcList, dstList, next)) job.element.addChild(element);
    }
    return next;
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

  private diffObjectPair(s: Prepared | undefined, d: Prepared | undefined, jobs: ChildJob[]): DiffElement | null {
    const one = (s ?? d) as Prepared;
    const { meta, uid, obj } = one;
    const flags = this.flags;
    const skip = (message: string): null => {
      this.progress.add(1);
      this.events.debug(message, { model: meta.name, uniqueId: uid });
      return null;
    };
    if (flags & DiffSyncFlags.SKIP_UNMATCHED_SRC && !d) return skip('Skipping due to SKIP_UNMATCHED_SRC flag on source adapter');
    if (flags & DiffSyncFlags.SKIP_UNMATCHED_DST && !s) return skip('Skipping due to SKIP_UNMATCHED_DST flag on source adapter');
    if (s && !d && s.obj.modelFlags & DiffSyncModelFlags.SKIP_UNMATCHED_SRC) return skip('Skipping due to SKIP_UNMATCHED_SRC flag on model');
    if (d && !s && d.obj.modelFlags & DiffSyncModelFlags.SKIP_UNMATCHED_DST) return skip('Skipping due to SKIP_UNMATCHED_DST flag on model');
    if (s && s.obj.modelFlags & DiffSyncModelFlags.IGNORE) return skip('Skipping due to IGNORE flag on source object');
    if (d && d.obj.modelFlags & DiffSyncModelFlags.IGNORE) return skip('Skipping due to IGNORE flag on dest object');

    const shortname = meta.shortname.length === 0 ? uid : obj.getShortname();
    const element = new DiffElement(meta.name, shortname, obj.getIdentifiers(), this.src.name, this.dst.name, this.diffClass);
    if (s) element.sourceAttrs = s.meta.attrsOf(s.obj as unknown as ValueMap);
    if (d) element.destAttrs = d.meta.attrsOf(d.obj as unknown as ValueMap);
    this.progress.add(s && d ? 2 : 1);
    this.queueChildren(element, s, d, jobs);
    return element;
  }

  private queueChildren(element: DiffElement, s: Prepared | undefined, d: Prepared | undefined, jobs: ChildJob[]): void {
    const uidsOf = (p: Prepared | undefined, field: string | undefined): readonly string[] =>
      p && field !== undefined ? (((p.obj as unknown as ValueMap)[field] as string[] | undefined) ?? EMPTY) : EMPTY;
    if (s && d) {
      const sMap = s.meta.childrenMapping;
      const dMap = d.meta.childrenMapping;
      for (const type in sMap) {
        if (type in dMap) {
          const srcUids = uidsOf(s, sMap[type]);
          const dstUids = uidsOf(d, dMap[type]);
          if (srcUids.length || dstUids.length) jobs.push({ element, childType: type, srcUids, dstUids });
        } else {
          this.progress.add(uidsOf(s, sMap[type]).length);
        }
      }
      for (const type in dMap) if (!(type in sMap)) this.progress.add(uidsOf(d, dMap[type]).length);
      return;
    }
    const one = (s ?? d) as Prepared;
    for (const [type, field] of Object.entries(one.meta.childrenMapping)) {
      const uids = uidsOf(one, field);
      if (uids.length === 0) continue;
      jobs.push({ element, childType: type, srcUids: s ? uids : EMPTY, dstUids: d ? uids : EMPTY });
    }
  }
}

function validatePair(s: Prepared, d: Prepared): void {
  if (s.meta.name !== d.meta.name) throw new TypeError(`Type mismatch: ${s.meta.name} vs ${d.meta.name}`);
  const sShort = s.meta.shortname.length ? s.obj.getShortname() : s.uid;
  const dShort = d.meta.shortname.length ? d.obj.getShortname() : d.uid;
  if (sShort !== dShort) throw new InvalidArgumentError(`Shortname mismatch: ${sShort} vs ${dShort}`);
  const sKeys = s.meta.identifiers;
  const dKeys = d.meta.identifiers;
  const sObj = s.obj as unknown as ValueMap;
  const dObj = d.obj as unknown as ValueMap;
  let same = sKeys.length === dKeys.length;
  for (let i = 0; same && i < sKeys.length; i++) {
    const k = sKeys[i] as string;
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
  return new Differ(src, dst, options).calculateDiffs();
}
