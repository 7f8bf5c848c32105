import type { DiffElementJSON, ElementSummary } from './diff-element';
import { DiffElement, setDefaultDiffClass } from './diff-element';
import { keepShape } from '../common/shape-keeper';
import { InvalidArgumentError, ObjectAlreadyExists } from '../errors';
import { mergeDiffs } from './merge';
import { diffFromJSONData } from './diff-json';

/** Counts of a diff's elements by action, plus the objects skipped by flags. */
export interface DiffSummary extends ElementSummary {
  /** Objects skipped (flags, or model flags such as SKIP_UNMATCHED_DST). */
  skip: number;
}

/** JSON form of a whole diff, read back by Diff.fromJSON. */
export interface DiffJSON {
  /** Format marker checked by `Diff.fromJSON`. */
  format: 'diffsync-ts/diff';
  /** Format version. */
  version: 1;
  /** Models the differ visited. */
  modelsProcessed: number;
  /** Top-level elements (children nested in them). */
  elements: DiffElementJSON[];
}

/**
 * The result of a diff: elements grouped by model type, each group in insertion
 * order. Subclass it and override `orderChildren` to change the order (and
 * membership) that sync, toDict, summary, length and str see.
 *
 * @example
 * ```ts
 * const diff = await target.diffFrom(source);
 * if (diff.hasDiffs()) {
 *   console.log(diff.str());      // human-readable, by model type
 *   console.log(diff.summary());  // { create: 1, update: 2, delete: 0, 'no-change': 40, skip: 0 }
 *   const saved = JSON.stringify(diff);             // a plan to review
 *   await target.syncFrom(source, { diff: Diff.fromJSON(JSON.parse(saved)) });
 * }
 * ```
 */
export class Diff {
  /**
   * Small diffs of one model type (most child diffs) keep their elements in an array;
   * the first access to `children`, a second type, a long list or a custom
   * `orderChildren` switches to the grouped Maps for good.
   */
  private _list: DiffElement[] | undefined = [];
  private _groups: Map<string, Map<string, DiffElement>> | undefined = undefined;
  /** Models the differ visited (set on the top-level diff). */
  modelsProcessed: number;

  constructor() {
    this.modelsProcessed = 0;
  }

  /** `{ group (model type): { element name: DiffElement } }`. */
  get children(): Map<string, Map<string, DiffElement>> {
    return this._groups ?? this.toGroups();
  }

  private toGroups(): Map<string, Map<string, DiffElement>> {
    const groups = new Map<string, Map<string, DiffElement>>();
    const list = this._list as DiffElement[];
    if (list.length > 0) {
      const group = new Map<string, DiffElement>();
      for (let i = 0; i < list.length; i++) group.set(list[i].name, list[i]);
      groups.set(list[0].type, group);
    }
    this._list = undefined;
    this._groups = groups;
    return groups;
  }

  /** Add an element; ObjectAlreadyExists when its type and name are taken. */
  add(element: DiffElement): void {
    const list = this._list;
    if (list !== undefined) {
      const n = list.length;
      if (n === 0 || (n < COMPACT_LIMIT && list[0].type === element.type)) {
        const name = element.name;
        for (let i = 0; i < n; i++) {
          if (list[i].name === name) throw alreadyStored(list[i], element);
        }
        list.push(element);
        return;
      }
    }
    const groups = this.children;
    let group = groups.get(element.type);
    if (group === undefined) {
      group = new Map();
      groups.set(element.type, group);
    } else if (group.has(element.name)) {
      throw alreadyStored(group.get(element.name) as DiffElement, element);
    }
    group.set(element.name, element);
  }

  /** @internal number of elements directly in this diff (not their children). */
  get size(): number {
    const list = this._list;
    if (list !== undefined) return list.length;
    let n = 0;
    for (const group of (this._groups as Map<string, Map<string, DiffElement>>).values()) n += group.size;
    return n;
  }

  /** Group names in insertion order. */
  groups(): string[] {
    const list = this._list;
    if (list !== undefined) return list.length > 0 ? [list[0].type] : [];
    return [...this.children.keys()];
  }

  /** True when any element (or descendant) needs a change. */
  hasDiffs(): boolean {
    const list = this._list;
    if (list !== undefined) {
      for (let i = 0; i < list.length; i++) if (list[i].hasDiffs(true)) return true;
      return false;
    }
    for (const group of this.children.values()) {
      for (const element of group.values()) if (element.hasDiffs(true)) return true;
    }
    return false;
  }

  /**
   * The elements of one group in the order sync and the output formats use.
   * Default: insertion order. Overriding it may also leave elements out.
   */
  orderChildren(_group: string, children: Map<string, DiffElement>): Iterable<DiffElement> {
    return children.values();
  }

  /** Every element, group by group, through `orderChildren`. */
  getChildren(): Iterable<DiffElement> {
    return this.childList();
  }

  /** @internal childList() without the copy when the elements are held in an array: read only. */
  elementView(): readonly DiffElement[] {
    const list = this._list;
    if (list !== undefined && this.orderChildren === Diff.prototype.orderChildren) return list;
    return this.childList();
  }

  /** @internal the elements of getChildren() as an array (no generator on the default ordering). */
  childList(): DiffElement[] {
    const ordered = this.orderChildren !== Diff.prototype.orderChildren;
    if (!ordered && this._list !== undefined) return this._list.slice();
    const out: DiffElement[] = [];
    for (const [group, children] of this.children) {
      if (ordered) for (const element of this.orderChildren(group, children)) out.push(element);
      else for (const element of children.values()) out.push(element);
    }
    return out;
  }

  /** Hook called once on the top-level diff after the differ filled it. */
  complete(): void | Promise<void> {
    /* hook */
  }

  /** Number of elements, recursively, no-change ones included. */
  get length(): number {
    let n = 0;
    const elements = this.elementView();
    for (let i = 0; i < elements.length; i++) n += elements[i].length;
    return n;
  }

  /** Counts by action, plus `skip = modelsProcessed - create - 2*update - delete - 2*no-change`. */
  summary(): DiffSummary {
    const counts: ElementSummary = { create: 0, update: 0, delete: 0, 'no-change': 0 };
    for (const element of this.getChildren()) element.accumulate(counts);
    const skip = this.modelsProcessed - counts.create - 2 * counts.update - counts.delete - 2 * counts['no-change'];
    return { create: counts.create, update: counts.update, delete: counts.delete, 'no-change': counts['no-change'], skip };
  }

  /** Text form (API §6); honours orderChildren; "(no diffs)" when empty. */
  str(indent = 0): string {
    const margin = ' '.repeat(indent);
    const lines: string[] = [];
    for (const [group, elements] of this.orderedGroups()) {
      let headed = false;
      for (const element of elements) {
        if (!element.hasDiffs(true)) continue;
        if (!headed) {
          lines.push(`${margin}${group}`);
          headed = true;
        }
        lines.push(element.str(indent + 2));
      }
    }
    return lines.length ? lines.join('\n') : '(no diffs)';
  }

  /** Same as `str()`. */
  toString(): string {
    return this.str();
  }

  /** `{ type: { name: element.toDict() } }` of the elements with diffs. */
  toDict(): Record<string, Record<string, Record<string, unknown>>> {
    const out: Record<string, Record<string, Record<string, unknown>>> = {};
    for (const element of this.getChildren()) {
      if (!element.hasDiffs(true)) continue;
      (out[element.type] ??= {})[element.name] = element.toDict();
    }
    return out;
  }

  /** Each group with its elements through `orderChildren`. */
  private orderedGroups(): Array<[string, Iterable<DiffElement>]> {
    const list = this._list;
    if (list !== undefined && this.orderChildren === Diff.prototype.orderChildren) {
      return list.length > 0 ? [[list[0].type, list]] : [];
    }
    const out: Array<[string, Iterable<DiffElement>]> = [];
    for (const [group, children] of this.children) out.push([group, this.orderChildren(group, children)]);
    return out;
  }

  /** @internal every element in insertion order, as JSON. */
  elementsToJSON(): DiffElementJSON[] {
    const out: DiffElementJSON[] = [];
    const list = this._list;
    if (list !== undefined) {
      for (let i = 0; i < list.length; i++) out.push(list[i].toJSON());
      return out;
    }
    for (const group of this.children.values()) for (const element of group.values()) out.push(element.toJSON());
    return out;
  }

  /** A complete, plain JSON form: store it, review it, apply it later with `syncFrom(src, { diff })`. */
  toJSON(): DiffJSON {
    return { format: 'diffsync-ts/diff', version: 1, modelsProcessed: this.modelsProcessed, elements: this.elementsToJSON() };
  }

  /**
   * One diff holding every element of `diffs` (the diffs of disjoint partitions), with
   * `modelsProcessed` summed: the summary is the sum of theirs. Of the class `merge` is
   * called on (`Diff.merge` keeps the diffs' class when they all share one). An element
   * present in two diffs → ObjectAlreadyExists.
   */
  static merge<D extends Diff = Diff>(this: new () => D, ...diffs: Diff[]): D {
    const shared = diffs.length > 0 && diffs.every((d) => d?.constructor === diffs[0]?.constructor) ? diffs[0]?.constructor : undefined;
    const cls = (this === (Diff as unknown) && shared ? shared : this) as new () => D;
    return mergeDiffs(cls, diffs);
  }

  /**
   * Rebuild a diff from `toJSON()` output (an object or its JSON text); malformed input
   * throws InvalidArgumentError naming the bad path (see diff-json.ts).
   */
  static fromJSON<D extends Diff = Diff>(input: DiffJSON | string, diffClass?: new () => D): D {
    let data: unknown;
    try {
      data = typeof input === 'string' ? JSON.parse(input) : input;
    } catch (error) {
      throw new InvalidArgumentError(`Diff.fromJSON: the text is not valid JSON (${(error as Error).message}).`, { cause: error });
    }
    return diffFromJSONData(data, (diffClass ?? Diff) as new () => D);
  }
}

/** Longest element list kept as an array (name checks are linear below it). */
const COMPACT_LIMIT = 32;

function alreadyStored(existing: DiffElement, element: DiffElement): ObjectAlreadyExists {
  return new ObjectAlreadyExists(`Already storing a ${element.type} named ${element.name}`, existing, element);
}

setDefaultDiffClass(Diff);

// Keep the layouts of diffs and their elements alive between runs (see shape-keeper).
keepShape(new Diff());
keepShape(new DiffElement('', '', {}));

/** The class under another name: inside the block below, `Diff` is forward-types' own alias. */
type DiffClass = Diff;

declare module '../forward-types' {
  /** Names the Diff class for the modules it imports (elements, merge, fromJSON). */
  interface ForwardTypes {
    Diff: DiffClass;
  }
}
