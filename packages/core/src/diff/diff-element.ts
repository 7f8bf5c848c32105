import type { ValueMap } from '../model/diffsync-model';
import type { DiffAction } from '../common/flags';
import { valuesEqual, formatValue } from '../common/values';
import { InvalidArgumentError } from '../errors';
import type { Diff } from '../forward-types';
import { valuesToJSON } from './json-values';

/** Counts of elements by action. */
export interface ElementSummary {
  /** Elements present only in the source. */
  create: number;
  /** Elements whose common attributes differ. */
  update: number;
  /** Elements present only in the destination. */
  delete: number;
  /** Elements present on both sides with equal attributes. */
  'no-change': number;
}

/** The attributes that differ on each side: `-` the destination's values, `+` the source's. */
export interface AttrsDiffs {
  /** The destination's values. */
  '-'?: ValueMap;
  /** The source's values. */
  '+'?: ValueMap;
}

/** JSON form of one element (see Diff.toJSON). */
export interface DiffElementJSON {
  /** Model type. */
  type: string;
  /** Element name (the object's short unique id). */
  name: string;
  /** Identifier values. */
  keys: ValueMap;
  /** Name of the source adapter. */
  sourceName: string;
  /** Name of the destination adapter. */
  destName: string;
  /** Source attributes; absent when the object is missing from the source. */
  source?: ValueMap;
  /** Destination attributes; absent when the object is missing from the destination. */
  dest?: ValueMap;
  /** Elements of the children, when any. */
  children?: DiffElementJSON[];
}

/** A {@link Diff} class with a no-argument constructor (what elements build their child diffs with). */
export type DiffCtor = new () => Diff;
let defaultDiffClass: DiffCtor | undefined;

/** Set by diff.ts to break the import cycle between Diff and DiffElement. */
export function setDefaultDiffClass(cls: DiffCtor): void {
  defaultDiffClass = cls;
}

const UNSET = Symbol('unset');

interface ElementNames {
  readonly sourceName: string;
  readonly destName: string;
  readonly diffClass: DiffCtor;
}
let lastNames: ElementNames | undefined;

/** The shared names object (elements are created in runs with the same names). */
function namesFor(sourceName: string, destName: string, diffClass: DiffCtor): ElementNames {
  const last = lastNames;
  if (last !== undefined && last.sourceName === sourceName && last.destName === destName && last.diffClass === diffClass) return last;
  return (lastNames = Object.freeze({ sourceName, destName, diffClass }));
}

/** One object pair in a diff: its attributes on each side and the diff of its children. */
export class DiffElement {
  /** Model type of the compared objects. */
  readonly type: string;
  /** The objects' short unique id. */
  readonly name: string;
  /** The objects' identifier values. */
  readonly keys: ValueMap;
  /** sourceName, destName and diffClass: one object shared by the elements of a diff. */
  private readonly _names: ElementNames;
  private _source: ValueMap | undefined = undefined;
  private _dest: ValueMap | undefined = undefined;
  private _childDiff: Diff | undefined = undefined;
  private _action: DiffAction | typeof UNSET = UNSET;
  /** @internal the unique id, when the differ already knew it. */
  uid: string | undefined = undefined;

  constructor(type: string, name: string, keys: ValueMap, sourceName = 'source', destName = 'dest', diffClass: DiffCtor | undefined = undefined) {
    if (typeof type !== 'string') throw new InvalidArgumentError(`type must be a string (not ${typeof type})`);
    if (typeof name !== 'string') throw new InvalidArgumentError(`name must be a string (not ${typeof name})`);
    this.type = type;
    this.name = name;
    this.keys = keys;
    this._names = namesFor(sourceName, destName, (diffClass ?? defaultDiffClass) as DiffCtor);
  }

  /** Name of the source adapter. */
  get sourceName(): string {
    return this._names.sourceName;
  }

  /** Name of the destination adapter. */
  get destName(): string {
    return this._names.destName;
  }

  /** The Diff class child diffs are built with. */
  get diffClass(): DiffCtor {
    return this._names.diffClass;
  }

  /** Source attributes; `undefined` = absent from the source, `{}` = present without attributes. */
  get sourceAttrs(): ValueMap | undefined {
    return this._source;
  }
  /** Replace the source attributes (the action is computed again). */
  set sourceAttrs(value: ValueMap | undefined) {
    this._source = value;
    this._action = UNSET;
  }

  /** Destination attributes; `undefined` = absent from the destination. */
  get destAttrs(): ValueMap | undefined {
    return this._dest;
  }
  /** Replace the destination attributes (the action is computed again). */
  set destAttrs(value: ValueMap | undefined) {
    this._dest = value;
    this._action = UNSET;
  }

  /**
   * @internal Set both sides at once (the differ); `action` when already known, so it
   * is not computed again. The sides may be one shared object when nothing differs.
   */
  setAttrs(source: ValueMap | undefined, dest: ValueMap | undefined, action: DiffAction | undefined): void {
    this._source = source;
    this._dest = dest;
    this._action = action === undefined ? UNSET : action;
  }

  /** The diff of this element's children (created on first use). */
  get childDiff(): Diff {
    return (this._childDiff ??= new this.diffClass());
  }

  /** Set the sides that are given (a side cannot be cleared this way). */
  addAttrs(attrs: { source?: ValueMap | null; dest?: ValueMap | null }): void {
    if (attrs.source !== undefined && attrs.source !== null) this.sourceAttrs = attrs.source;
    if (attrs.dest !== undefined && attrs.dest !== null) this.destAttrs = attrs.dest;
  }

  /** 'create' (source only), 'delete' (destination only), 'update' (common attrs differ) or null. */
  get action(): DiffAction {
    if (this._action === UNSET) this._action = this.computeAction();
    return this._action;
  }

  private computeAction(): DiffAction {
    const s = this._source;
    const d = this._dest;
    if (s !== undefined && d === undefined) return 'create';
    if (s === undefined && d !== undefined) return 'delete';
    if (s !== undefined && d !== undefined) {
      for (const k in d) {
        if (k in s && !valuesEqual(s[k], d[k])) return 'update';
      }
    }
    return null;
  }

  /** Attribute names compared: the common keys in destination order, or one side's keys. */
  getAttrsKeys(): string[] {
    const s = this._source;
    const d = this._dest;
    if (s !== undefined && d !== undefined) return Object.keys(d).filter((k) => k in s);
    if (d !== undefined) return Object.keys(d);
    if (s !== undefined) return Object.keys(s);
    return [];
  }

  /** `{ '-': dest values, '+': source values }` of the differing attributes (all attributes for one side). */
  getAttrsDiffs(): AttrsDiffs {
    const s = this._source;
    const d = this._dest;
    if (s !== undefined && d !== undefined) {
      const minus: ValueMap = {};
      const plus: ValueMap = {};
      for (const k in d) {
        if (k in s && !valuesEqual(s[k], d[k])) {
          minus[k] = d[k];
          plus[k] = s[k];
        }
      }
      return { '-': minus, '+': plus };
    }
    if (d !== undefined) return { '-': { ...d } };
    if (s !== undefined) return { '+': { ...s } };
    return {};
  }

  /**
   * Add a child element to this element's child diff.
   *
   * @throws {@link ObjectAlreadyExists} when the child diff already has an element of that type and name.
   */
  addChild(element: DiffElement): void {
    this.childDiff.add(element);
  }

  /** Child elements, in the order the child diff's `orderChildren` gives. */
  getChildren(): Iterable<DiffElement> {
    return this._childDiff ? this._childDiff.childList() : [];
  }

  /** @internal true when a child diff exists and holds elements. */
  get hasChildElements(): boolean {
    return this._childDiff !== undefined && this._childDiff.size > 0;
  }

  /** True when this element needs a change (or, with includeChildren, any descendant does). */
  hasDiffs(includeChildren = true): boolean {
    const s = this._source;
    const d = this._dest;
    if ((s === undefined) !== (d === undefined)) return true;
    if (s !== undefined && this.action === 'update') return true;
    return includeChildren && this._childDiff !== undefined && this._childDiff.hasDiffs();
  }

  /** Counts of this element and its descendants by action (no 'skip' key). */
  summary(): ElementSummary {
    const out: ElementSummary = { create: 0, update: 0, delete: 0, 'no-change': 0 };
    this.accumulate(out);
    return out;
  }

  /** @internal adds this subtree's counts to `out`. */
  accumulate(out: ElementSummary): void {
    const action = this.action;
    if (action === null) out['no-change'] += 1;
    else out[action] += 1;
    if (this._childDiff) {
      const children = this._childDiff.elementView();
      for (let i = 0; i < children.length; i++) children[i].accumulate(out);
    }
  }

  /** 1 + the length of the child diff. */
  get length(): number {
    return 1 + (this._childDiff ? this._childDiff.length : 0);
  }

  /** Text form (API §6). */
  str(indent = 0): string {
    const margin = ' '.repeat(indent);
    let out = `${margin}${this.type}: ${this.name}`;
    const s = this._source;
    const d = this._dest;
    if (s !== undefined && d !== undefined) {
      const plus = this.getAttrsDiffs()['+'] ?? {};
      for (const attr of Object.keys(plus)) {
        out += `\n${margin}  ${attr}    ${this.sourceName}(${formatValue(s[attr])})` + `    ${this.destName}(${formatValue(d[attr])})`;
      }
    } else if (d !== undefined) {
      out += ` MISSING in ${this.sourceName}`;
    } else if (s !== undefined) {
      out += ` MISSING in ${this.destName}`;
    }
    if (this._childDiff && this._childDiff.hasDiffs()) {
      out += '\n' + this._childDiff.str(indent + 2);
    } else if (s === undefined && d === undefined) {
      out += ' (no diffs)';
    }
    return out;
  }

  /** Same as `str()`. */
  toString(): string {
    return this.str();
  }

  /** `{ '-'?, '+'?, ...child groups }` as diffsync's `DiffElement.dict()`. */
  toDict(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    const diffs = this.getAttrsDiffs();
    if (diffs['-'] !== undefined) out['-'] = diffs['-'];
    if (diffs['+'] !== undefined) out['+'] = diffs['+'];
    if (this._childDiff && this._childDiff.hasDiffs()) Object.assign(out, this._childDiff.toDict());
    return out;
  }

  /** Complete JSON form (every element, attributes of both sides), read back by Diff.fromJSON. */
  toJSON(): DiffElementJSON {
    const out: DiffElementJSON = {
      type: this.type,
      name: this.name,
      keys: valuesToJSON(this.keys),
      sourceName: this.sourceName,
      destName: this.destName,
    };
    if (this._source !== undefined) out.source = valuesToJSON(this._source);
    if (this._dest !== undefined) out.dest = valuesToJSON(this._dest);
    if (this._childDiff && this._childDiff.size > 0) out.children = this._childDiff.elementsToJSON();
    return out;
  }
}
