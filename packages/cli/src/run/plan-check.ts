import type { Diff, DiffElement, ObjectCrudException } from '@diffsync/core';
import { ObjectNotCreated, ObjectNotDeleted, ObjectNotUpdated, valuesEqual } from '@diffsync/core';
import { jsonText } from '../json-text';

type ValueMap = Record<string, unknown>;

/** Python-like repr of identifiers, as diffsync's messages print them: {'name': 'eth0', 'mtu': 1500}. */
function pyRepr(keys: ValueMap): string {
  const parts = Object.entries(keys).map(([k, v]) => `'${k}': ${typeof v === 'string' ? `'${v}'` : jsonText(v)}`);
  return `{${parts.join(', ')}}`;
}

/**
 * A planned value (read back from JSON) against the value now: equal, or with the same
 * JSON text (a Date now is the ISO string the plan holds).
 */
function sameValue(planned: unknown, now: unknown): boolean {
  return valuesEqual(planned, now) || (planned !== undefined && now !== undefined && jsonText(planned) === jsonText(now));
}

function sameAttrs(a: ValueMap | undefined, b: ValueMap | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) if (!(k in b) || !sameValue(a[k], b[k])) return false;
  return true;
}

function firstChange(a: ValueMap, b: ValueMap): string {
  for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (!(k in a) || !(k in b) || !sameValue(a[k], b[k])) {
      return `${k}: the plan has ${k in a ? jsonText(a[k]) : 'nothing'}, the data has ${k in b ? jsonText(b[k]) : 'nothing'}`;
    }
  }
  return '';
}

/** diffsync's error for applying `planned` when the data now reads as `now` (undefined = in neither system). */
function mismatch(planned: DiffElement, now: DiffElement | undefined): ObjectCrudException | undefined {
  const ids = pyRepr(planned.keys);
  const what = `${planned.type} ${ids}`;
  const action = planned.action;
  const nowDest = now?.destAttrs;
  const notFound = (): ObjectCrudException =>
    action === 'delete' ? new ObjectNotDeleted(`Failed to delete ${what} - not found!`) : new ObjectNotUpdated(`Failed to update ${what} - not found!`);
  if (planned.destAttrs === undefined && nowDest !== undefined) return new ObjectNotCreated(`Failed to create ${what} - it already exists!`);
  if (planned.destAttrs !== undefined && nowDest === undefined) return notFound();
  if (!sameAttrs(planned.destAttrs, nowDest)) {
    return new ObjectNotUpdated(
      `Failed to ${action ?? 'update'} ${what} - it changed in ${planned.destName} since the plan was made ` +
        `(${firstChange(planned.destAttrs ?? {}, nowDest ?? {})})!`,
    );
  }
  if (!sameAttrs(planned.sourceAttrs, now?.sourceAttrs)) {
    const detail =
      planned.sourceAttrs && now?.sourceAttrs
        ? ` (${firstChange(planned.sourceAttrs, now.sourceAttrs)})`
        : now?.sourceAttrs
          ? ' (it is new there)'
          : ' (it is gone there)';
    const Err = action === 'create' ? ObjectNotCreated : action === 'delete' ? ObjectNotDeleted : ObjectNotUpdated;
    return new Err(`Failed to ${action ?? 'update'} ${what} - it changed in ${planned.sourceName} since the plan was made${detail}!`);
  }
  return undefined;
}

function byKey(elements: Iterable<DiffElement>): Map<string, DiffElement> {
  const out = new Map<string, DiffElement>();
  for (const el of elements) out.set(`${el.type}\u0000${el.name}`, el);
  return out;
}

/** The outcome of checking a plan against a diff computed now. */
export interface PlanCheck {
  /** Elements that differ (0 = the plan matches the data). */
  differing: number;
  /** diffsync's error for the first element that differs. */
  first?: ObjectCrudException;
}

/**
 * Compare a reviewed plan with the diff of the data as it is now: same elements (by type
 * and name, at every depth) with the same attributes on both sides. Nothing is applied.
 */
export function checkPlan(plan: Diff, now: Diff): PlanCheck {
  const result: PlanCheck = { differing: 0 };
  const note = (error: ObjectCrudException): void => {
    result.differing += 1;
    result.first ??= error;
  };
  const walk = (planned: Iterable<DiffElement>, current: Iterable<DiffElement>): void => {
    const currentByKey = byKey(current);
    for (const p of planned) {
      const key = `${p.type}\u0000${p.name}`;
      const c = currentByKey.get(key);
      currentByKey.delete(key);
      const error = mismatch(p, c);
      if (error) note(error);
      walk(p.getChildren(), c ? c.getChildren() : []);
    }
    for (const c of currentByKey.values()) {
      const what = `${c.type} ${pyRepr(c.keys)}`;
      note(
        c.destAttrs !== undefined
          ? new ObjectNotCreated(`Failed to plan ${what} - it appeared in ${c.destName} since the plan was made!`)
          : new ObjectNotCreated(`Failed to plan ${what} - it appeared in ${c.sourceName} since the plan was made!`),
      );
    }
  };
  walk(plan.getChildren(), now.getChildren());
  return result;
}
