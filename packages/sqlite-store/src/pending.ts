import type { IdentityMap, IdentityMapEntry as Entry, Snapshot } from '@diffsync/core';
import { matchesSnapshot } from '@diffsync/core';
import { encodeRow } from './row-codec';

/**
 * Everything a flush writes, encoded: the pending inserts and upserts (the first
 * `inserted` entries, in call order), then every handed-out object whose stored form
 * changed; `texts[i]` and `snaps[i]` are what `written[i]` is written as. A value the codec
 * refuses throws here, before any transaction begins.
 */
export interface EncodedWrites {
  readonly written: Entry[];
  readonly texts: string[];
  readonly snaps: Snapshot[];
  readonly inserted: number;
}

export function encodePending(map: IdentityMap): EncodedWrites {
  const written: Entry[] = [];
  const texts: string[] = [];
  const snaps: Snapshot[] = [];
  for (const entry of map.pending) {
    if (entry.cancelled) continue;
    texts.push(encodeRow(entry.obj, entry.model, entry.uid, snaps));
    written.push(entry);
  }
  const inserted = written.length;
  for (const group of map.groups()) {
    for (const entry of group.values()) {
      const snap = entry.snap;
      if (entry.mode !== 'stored' || snap === undefined) continue;
      if (typeof snap !== 'string' && matchesSnapshot(entry.obj, snap)) continue;
      const json = encodeRow(entry.obj, entry.model, entry.uid, snaps);
      if (json === snap) {
        snaps.pop();
        continue;
      }
      written.push(entry);
      texts.push(json);
    }
  }
  return { written, texts, snaps, inserted };
}

/**
 * The writes a flush would make to one model: inserts and upserts in call order (each uid
 * once), and the uids whose rows it would delete first (a uid may be deleted and added again).
 */
export interface ModelPending {
  readonly adds: Entry[];
  readonly dels: Set<string>;
}

/**
 * The pending writes of an identity map grouped by model, in the order a flush first
 * writes each model (pending entries, then models with deletions only). Reads answer from
 * the file plus these, so that a query never writes anything (see `SqliteStore`).
 */
export function pendingByModel(map: IdentityMap): Map<string, ModelPending> {
  const out = new Map<string, ModelPending>();
  const of = (model: string): ModelPending => {
    let p = out.get(model);
    if (!p) out.set(model, (p = { adds: [], dels: new Set() }));
    return p;
  };
  for (const entry of map.pending) if (!entry.cancelled) of(entry.model).adds.push(entry);
  for (const [model, uid] of map.deletes) of(model).dels.add(uid);
  return out;
}

/** The pending writes of one model, or undefined when a flush would not touch it. */
export function pendingOfModel(map: IdentityMap, model: string): ModelPending | undefined {
  if (!map.hasPendingWrites()) return undefined;
  let adds: Entry[] | undefined;
  let dels: Set<string> | undefined;
  for (const entry of map.pending) if (!entry.cancelled && entry.model === model) (adds ??= []).push(entry);
  for (const [m, uid] of map.deletes) if (m === model) (dels ??= new Set()).add(uid);
  return adds || dels ? { adds: adds ?? [], dels: dels ?? new Set() } : undefined;
}

/** Every uid a model's pending writes touch: what `countAfter` needs to know the file's rows of. */
export function touchedUids(p: ModelPending): string[] {
  const uids = new Set(p.dels);
  for (const entry of p.adds) uids.add(entry.uid);
  return [...uids];
}

/**
 * How many objects of a model the file holds once `p` is written, from its row count now
 * (`fileCount`) and which of the touched uids have a row now (`stored`).
 */
export function countAfter(fileCount: number, stored: ReadonlySet<string>, p: ModelPending): number {
  let n = fileCount;
  for (const uid of p.dels) if (stored.has(uid)) n--;
  const added = new Set<string>();
  for (const { uid } of p.adds) {
    if (added.has(uid)) continue;
    added.add(uid);
    if (!stored.has(uid) || p.dels.has(uid)) n++; // a new row (an upsert of a kept row replaces it)
  }
  return n;
}
