import type { Session } from '../session/session';
import { QueryError } from '../errors';
import type { RowObject, RowSource } from '../rows/batches';
import { deleteRows, insertRows, upsertRows } from '../rows/row-ops';
import { NOT_SENT } from '../values/value-checks';
import type { TupleOperation, TupleTypes } from './tuple-model';
import { tupleModel } from './tuple-model';

/** Rows given as arrays of values, one per listed column. */
export interface TupleRowsOptions {
  /** Column names, in the order of each row's values. */
  columns: readonly string[];
  /** The rows: an array, iterable or async iterable of arrays (a CSV reader, another query). */
  rows: RowSource<readonly unknown[]>;
  /**
   * Column types (`'integer'`, `{ type: 'decimal', precision: 10, scale: 2 }`, …) by
   * column name or position; columns without one take their type from the catalog.
   */
  types?: TupleTypes;
}

/** Keys given as arrays of values of `columns` (usually the primary key). */
export interface TupleKeysOptions {
  /** Column names, in the order of each tuple's values. */
  columns: readonly string[];
  /** The key tuples: an array, an iterable or an async iterable of arrays. */
  rows: RowSource<readonly unknown[]>;
  /** Column types by column name or position; columns without one take their type from the catalog. */
  types?: TupleTypes;
}

function arityError(operation: TupleOperation, table: string, columns: readonly string[], row: unknown, index: number): QueryError {
  const got = Array.isArray(row) ? `${row.length} value(s)` : `not an array (${row === null ? 'null' : typeof row})`;
  return new QueryError(
    `${operation}Rows('${table}'): row ${index} has ${got}; expected ${columns.length} (${columns.join(', ')}). Nothing is written (the call's transaction rolls back).`,
    NOT_SENT,
  );
}

/**
 * The rows, each checked to be an array of the right length. An array is checked whole
 * before anything is sent; other sources row by row as they stream (a bad row then rolls
 * the call's transaction back).
 */
function checkedRows(operation: TupleOperation, table: string, columns: readonly string[], rows: RowSource<readonly unknown[]>): RowSource<RowObject> {
  const width = columns.length;
  if (Array.isArray(rows)) {
    const list: readonly unknown[] = rows;
    for (let i = 0; i < list.length; i++) {
      const row = list[i];
      if (!Array.isArray(row) || row.length !== width) throw arityError(operation, table, columns, row, i);
    }
    return list as RowObject[];
  }
  return (async function* () {
    let index = 0;
    for await (const row of rows as AsyncIterable<unknown>) {
      if (!Array.isArray(row) || row.length !== width) throw arityError(operation, table, columns, row, index);
      index++;
      // An array's indexes are the model's properties "0", "1", …: no object per row.
      yield row as unknown as RowObject;
    }
  })();
}

/** `db.insertRows(table, { columns, rows, types? })`: the same paths as `db.insert`. */
export async function insertTuples(conn: Session, table: string, options: TupleRowsOptions): Promise<number> {
  const { model } = await tupleModel(conn, 'insert', table, options.columns, options.types);
  return insertRows(conn, model, checkedRows('insert', table, options.columns, options.rows));
}

/** `db.upsertRows(table, …)`: inserts or updates by the table's primary key; other columns keep their values. */
export async function upsertTuples(conn: Session, table: string, options: TupleRowsOptions): Promise<number> {
  const { model, properties } = await tupleModel(conn, 'upsert', table, options.columns, options.types);
  return upsertRows(conn, model, checkedRows('upsert', table, options.columns, options.rows), { columns: properties });
}

/** `db.deleteRows(table, { columns, rows })`: deletes the rows whose `columns` equal a row's values. */
export async function deleteTuples(conn: Session, table: string, options: TupleKeysOptions): Promise<number> {
  const { model } = await tupleModel(conn, 'delete', table, options.columns, options.types);
  return deleteRows(conn, model, checkedRows('delete', table, options.columns, options.rows));
}
