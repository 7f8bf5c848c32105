import type { DiffSyncModel } from '../model/diffsync-model';
import type { Partition } from './partition-of';
import { fnv1a32 } from './partition-of';

/** The objects whose unique id falls in `partition` (the same array when all of them do). */
export function filterInPartition(objs: DiffSyncModel[], partition: Partition): DiffSyncModel[] {
  const { index, count } = partition;
  if (count === 1) return objs;
  const out: DiffSyncModel[] = [];
  for (let i = 0; i < objs.length; i++) {
    const obj = objs[i];
    if (fnv1a32(obj.getUniqueId()) % count === index) out.push(obj);
  }
  return out.length === objs.length ? objs : out;
}
