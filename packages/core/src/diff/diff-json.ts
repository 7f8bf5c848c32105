import { InvalidArgumentError, ObjectAlreadyExists } from '../errors';
import { DiffElement } from './diff-element';
import type { Diff } from '../forward-types';
import { valuesFromJSON } from './json-values';

/**
 * Deepest element nesting `Diff.fromJSON` accepts. A diff is as deep as its model
 * hierarchy (a handful of levels). Deeper ones are of no use: `str()` indents two spaces
 * per level, so its length grows with the square of the depth; `JSON.stringify` of
 * `toJSON()` stops near 2,000 levels (its own recursion limit, two JSON levels per
 * element); and the recursive walks (`str` first, near 2,000 levels on Node's default
 * stack, then `toJSON`, `toDict`, `summary`; `length` and `hasDiffs` go deeper) keep
 * about half of the stack free at this depth.
 */
export const MAX_DIFF_DEPTH = 1000;

const TOP_KEYS = new Set(['format', 'version', 'modelsProcessed', 'elements']);
const ELEMENT_KEYS = new Set(['type', 'name', 'keys', 'sourceName', 'destName', 'source', 'dest', 'children', 'action']);
const ACTIONS = new Set<unknown>(['create', 'update', 'delete', null]);
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** A short description of a bad value for an error message. */
function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object')
    return Object.prototype.toString.call(value) === '[object Object]' ? 'an object' : `a ${Object.prototype.toString.call(value).slice(8, -1)}`;
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value)}`;
  if (typeof value === 'undefined') return 'nothing';
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return `${typeof value} ${String(value)}`;
  if (typeof value === 'symbol') return `symbol ${value.toString()}`;
  return 'a function';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && Object.prototype.toString.call(value) === '[object Object]';
}

function refuse(path: string, problem: string): never {
  throw new InvalidArgumentError(`Diff.fromJSON: ${path} ${problem}.`);
}

/** Where an element sits: its parent's place, its type and name (paths are built only for errors). */
interface Place {
  up: Place | undefined;
  type: string;
  name: string;
}

/** Path segments shown at most; a deeper path keeps its first and last segments. */
const SHOWN_SEGMENTS = 12;

/** `children.site["ams"].children.device["rtr1"]`: a place by type and name, as in `Diff.children`. */
function pathOf(place: Place | undefined): string {
  const segments: string[] = [];
  for (let p = place; p !== undefined; p = p.up) {
    const group = IDENTIFIER.test(p.type) ? `.${p.type}` : `[${JSON.stringify(p.type)}]`;
    segments.push(`children${group}[${JSON.stringify(p.name)}]`);
  }
  segments.reverse();
  if (segments.length > SHOWN_SEGMENTS) {
    const hidden = segments.length - SHOWN_SEGMENTS;
    segments.splice(SHOWN_SEGMENTS / 2, hidden, `…${hidden} more levels…`);
  }
  return segments.join('.');
}

/** One element list still being read: the JSON array, the next index and where it goes. */
interface Frame {
  items: unknown[];
  index: number;
  parent: DiffElement | undefined;
  place: Place | undefined;
  depth: number;
}

/**
 * Checks `data` (a parsed `Diff.toJSON()` result) completely and rebuilds the diff with
 * `cls` for it and every child diff. Iterative (an explicit stack), so any nesting
 * `JSON.parse` produces is read without recursion; nesting beyond MAX_DIFF_DEPTH, like
 * any other malformed input, is refused with an InvalidArgumentError naming the path.
 */
export function diffFromJSONData<D extends Diff>(data: unknown, cls: new () => D): D {
  if (!isRecord(data) || data.format !== 'diffsync-ts/diff' || !Array.isArray(data.elements)) {
    throw new InvalidArgumentError("Diff.fromJSON expects the output of Diff.toJSON(): an object with format 'diffsync-ts/diff' and an elements array.");
  }
  if (data.version !== 1) {
    throw new InvalidArgumentError(`Diff.fromJSON: unsupported format version ${String(data.version)} (this release reads version 1).`);
  }
  for (const key of Object.keys(data)) {
    if (!TOP_KEYS.has(key)) refuse(`key ${JSON.stringify(key)}`, 'is not part of a diff (expected format, version, modelsProcessed, elements)');
  }
  const processed = data.modelsProcessed;
  if (typeof processed !== 'number' || !Number.isSafeInteger(processed) || processed < 0) {
    refuse('modelsProcessed', `must be a count (a non-negative integer), not ${describe(processed)}`);
  }
  const diff = new cls();
  diff.modelsProcessed = processed + 0; // -0 → 0
  const stack: Frame[] = [{ items: data.elements, index: 0, parent: undefined, place: undefined, depth: 1 }];
  while (stack.length > 0) {
    const frame = stack[stack.length - 1];
    if (frame.index >= frame.items.length) {
      stack.pop();
      continue;
    }
    const index = frame.index++;
    const raw = frame.items[index];
    if (!isRecord(raw) || typeof raw.type !== 'string' || typeof raw.name !== 'string') {
      const at = frame.place === undefined ? `elements[${index}]` : `${pathOf(frame.place)}.children[${index}]`;
      if (!isRecord(raw)) refuse(at, `must be an element object, not ${describe(raw)}`);
      const field = typeof raw.type !== 'string' ? 'type' : 'name';
      refuse(`${at}.${field}`, `must be a string, not ${describe(raw[field])}`);
    }
    const place: Place = { up: frame.place, type: raw.type, name: raw.name };
    if (frame.depth > MAX_DIFF_DEPTH) {
      refuse(pathOf(place), `is nested deeper than ${MAX_DIFF_DEPTH} levels (the deepest diff Diff.fromJSON reads)`);
    }
    const element = readElement(raw, place, cls);
    const target = frame.parent === undefined ? diff : frame.parent.childDiff;
    try {
      target.add(element);
    } catch (error) {
      if (error instanceof ObjectAlreadyExists) refuse(pathOf(place), 'appears twice (a diff holds one element per type and name)');
      throw error;
    }
    const children = raw.children;
    if (children !== undefined) {
      if (!Array.isArray(children)) refuse(`${pathOf(place)}.children`, `must be an array of elements, not ${describe(children)}`);
      if (children.length > 0) stack.push({ items: children, index: 0, parent: element, place, depth: frame.depth + 1 });
    }
  }
  return diff;
}

/** One element's own fields (not its children), checked. */
function readElement(raw: Record<string, unknown>, place: Place, cls: new () => Diff): DiffElement {
  const at = (field: string): string => `${pathOf(place)}.${field}`;
  for (const key of Object.keys(raw)) {
    if (!ELEMENT_KEYS.has(key)) {
      refuse(at(key), 'is not a field of an element (expected type, name, keys, sourceName, destName, source, dest, children)');
    }
  }
  const { keys, sourceName, destName, source, dest } = raw;
  if (!isRecord(keys)) refuse(at('keys'), `must be an object of identifier values, not ${describe(keys)}`);
  if (typeof sourceName !== 'string') refuse(at('sourceName'), `must be a string, not ${describe(sourceName)}`);
  if (typeof destName !== 'string') refuse(at('destName'), `must be a string, not ${describe(destName)}`);
  if (source !== undefined && !isRecord(source)) refuse(at('source'), `must be an object of attribute values when present, not ${describe(source)}`);
  if (dest !== undefined && !isRecord(dest)) refuse(at('dest'), `must be an object of attribute values when present, not ${describe(dest)}`);
  const element = new DiffElement(raw.type as string, raw.name as string, valuesFromJSON(keys), sourceName, destName, cls);
  element.addAttrs({ source: source && valuesFromJSON(source), dest: dest && valuesFromJSON(dest) });
  if ('action' in raw) {
    const action = raw.action;
    if (!ACTIONS.has(action)) refuse(at('action'), `must be 'create', 'update', 'delete' or null, not ${describe(action)}`);
    if (action !== element.action) {
      refuse(at('action'), `is ${describe(action)} but the element's sides make it ${describe(element.action)}`);
    }
  }
  return element;
}
