import type { Session } from '../session/session';
import type { Convert } from '../values/value-checks';
import type { ColumnContext } from '../values/value-checks';
import { refuse, refuseLoaded } from '../values/value-checks';

/** The ids of one lookup table as last read: value → id and id → value. */
export interface LookupState {
  readonly ref: string;
  byValue: Map<string, number>;
  byId: Map<number, string>;
}

/** An `enumAs: 'lookup'` column's parameter: the value's id, checked by the integer converter. */
export function lookupParam(ctx: ColumnContext, state: LookupState, toInteger: Convert): Convert {
  return (v) => {
    if (v === null || v === undefined) return toInteger(v);
    if (typeof v !== 'string') return refuse(ctx, v, 'an enum column takes one of its values');
    const id = state.byValue.get(v);
    if (id === undefined)
      return refuse(
        ctx,
        v,
        `not one of the values of lookup table ${state.ref} (${[...state.byValue.keys()].join(', ')}); run syncSchema after adding a value`,
      );
    return toInteger(id);
  };
}

/** An `enumAs: 'lookup'` column's result: the id's value. */
export function lookupResult(ctx: ColumnContext, state: LookupState, fromInteger: Convert): Convert {
  return (raw) => {
    const id = fromInteger(raw);
    if (id === null || id === undefined) return null;
    const value = state.byId.get(Number(id));
    if (value === undefined) return refuseLoaded(ctx, raw, `no row of lookup table ${state.ref} has this id`);
    return value;
  };
}

/** Reads each lookup table the codec uses, once per call (not per row). */
export async function loadLookups(conn: Session, states: ReadonlyArray<LookupState | undefined>): Promise<void> {
  const done = new Set<string>();
  for (const state of states) {
    if (!state || done.has(state.ref)) continue;
    done.add(state.ref);
    const d = conn.sqlDialect;
    const rows = await conn.query<{ id: unknown; value: unknown }>(
      `SELECT ${d.quoteIdentifier('id')} AS id, ${d.quoteIdentifier('value')} AS value FROM ${state.ref}`,
    );
    const byValue = new Map<string, number>();
    const byId = new Map<number, string>();
    for (const r of rows) {
      byValue.set(String(r.value), Number(r.id));
      byId.set(Number(r.id), String(r.value));
    }
    for (const s of states) {
      if (s?.ref === state.ref) {
        s.byValue = byValue;
        s.byId = byId;
      }
    }
  }
}
