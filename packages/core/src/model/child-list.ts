import type { ModelMetadata } from '../metadata/model-metadata';
import { ObjectAlreadyExists, ObjectNotFound, ObjectStoreWrongType } from '../errors';

/** Lists at or above this length get a Set beside them for O(1) membership. */
const INDEX_THRESHOLD = 16;
const INDEX = Symbol('diffsync.childIndex');

interface IndexEntry {
  list: string[];
  set: Set<string>;
}
type Indexed = { [INDEX]?: Map<string, IndexEntry> };

function membership(owner: object, field: string, list: string[]): Set<string> | undefined {
  if (list.length < INDEX_THRESHOLD) return undefined;
  const holder = owner as Indexed;
  let byField = holder[INDEX];
  if (byField === undefined) {
    byField = new Map();
    holder[INDEX] = byField;
  }
  let entry = byField.get(field);
  // Rebuild when the list was replaced or changed behind our back.
  if (entry === undefined || entry.list !== list || entry.set.size !== list.length) {
    entry = { list, set: new Set(list) };
    byField.set(field, entry);
  }
  return entry.set;
}

/** Child uid lists of a model: insertion order kept, membership O(1) for long lists. */
export const ChildList = {
  /** Append `child`'s uid to `owner[field]`, whose current value the caller read (`current`). */
  add(owner: object, field: string, current: unknown, child: { getUniqueId(): string; getType(): string }): void {
    let list = current as string[];
    if (!Array.isArray(list)) {
      list = [];
      (owner as Record<string, unknown>)[field] = list;
    }
    const uid = child.getUniqueId();
    const set = membership(owner, field, list);
    if (set ? set.has(uid) : list.includes(uid)) {
      throw new ObjectAlreadyExists(`Already storing a ${child.getType()} with unique_id ${uid}`, child);
    }
    list.push(uid);
    set?.add(uid);
  },

  remove(owner: object, field: string, child: { getUniqueId(): string }): void {
    const self = owner as Record<string, unknown>;
    const list = (self[field] as string[] | undefined) ?? [];
    const uid = child.getUniqueId();
    const set = membership(owner, field, list);
    if (set ? !set.has(uid) : !list.includes(uid)) {
      throw new ObjectNotFound(`${uid} was not found as a child in ${field}`);
    }
    list.splice(list.indexOf(uid), 1);
    set?.delete(uid);
  },

  wrongType(verb: string, childType: string, meta: ModelMetadata): ObjectStoreWrongType {
    const valid = Object.keys(meta.childrenMapping).sort();
    return new ObjectStoreWrongType(`Unable to ${verb} ${childType} as a child of ${meta.name}; valid types are [${valid.map((v) => `'${v}'`).join(', ')}]`);
  },
};
