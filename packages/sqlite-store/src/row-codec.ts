import type { DiffSyncModel, ModelClass, PlainModel, Snapshot } from '@diffsync/core';
import { ModelCodec, ObjectStoreException, UnstorableValueError, encodeWithSnapshot, snapshotOfDecoded } from '@diffsync/core';
import { SqliteStoreDecodeError } from './errors';

function serialiseError(model: string, uid: string, error: unknown): ObjectStoreException {
  if (error instanceof UnstorableValueError) return error; // names the model, uid and value already
  return new ObjectStoreException(`Cannot serialise ${model} ${uid} for the SQLite store: ${(error as Error).message}`, { cause: error });
}

/**
 * A model as the JSON text stored in the `data` column (through core's ModelCodec);
 * its snapshot as written is appended to `snaps`.
 */
export function encodeRow(obj: DiffSyncModel, model: string, uid: string, snaps: Snapshot[]): string {
  try {
    const { json, snap } = encodeWithSnapshot(obj);
    snaps.push(snap);
    return json;
  } catch (error) {
    throw serialiseError(model, uid, error);
  }
}

/** Where a row is, for error messages. */
export interface RowPlace {
  filename: string;
  storeId: string;
  model: string;
  uid: string;
  seq: number | undefined;
}

/**
 * SQL expression reading a row as one JSON text, `[uid, data]`: one string per row is much
 * cheaper to fetch through better-sqlite3 than two columns, and JSON keeps the split exact.
 */
export const ROW_TEXT = `'[' || json_quote(uid) || ',' || data || ']'`;

/**
 * Splits a row text into uid and parsed data. A row whose data is not a JSON object
 * throws a `RowParseError` that still names the row's uid.
 */
export function parseRow(text: string): [string, PlainModel] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw rowParseError(text, error);
  }
  const pair = parsed as [string, PlainModel];
  if (pair.length !== 2) throw rowParseError(text, new Error('the stored text is not one JSON value')); // e.g. '{},{}'
  const plain: unknown = pair[1];
  if (plain === null || typeof plain !== 'object' || Array.isArray(plain)) {
    throw new RowParseError(pair[0], new Error('the stored JSON is not an object'));
  }
  return pair;
}

/** A row's data that is not a JSON object; `uid` names the row. */
export class RowParseError extends Error {
  constructor(
    readonly uid: string,
    readonly reason: unknown,
  ) {
    super((reason as Error).message);
  }
}

/** The uid of a row text whose data part did not parse, and the data's own parse error. */
function rowParseError(text: string, error: unknown): RowParseError {
  let end = 2; // the uid is a JSON string literal right after '['
  while (end < text.length && text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
  const uid = JSON.parse(text.slice(1, end + 1)) as string;
  try {
    JSON.parse(text.slice(end + 2, -1));
  } catch (dataError) {
    return new RowParseError(uid, dataError);
  }
  return new RowParseError(uid, error);
}

/** The model stored in a parsed row; the model's own error when it cannot be built. */
export function decodeRow(cls: ModelClass, plain: PlainModel): DiffSyncModel {
  return ModelCodec.decode(cls, plain);
}

/**
 * The snapshot of an object just decoded from `plain` (which it takes over). Objects
 * holding nested values get their JSON text as the codec writes it.
 */
export function readSnapshot(obj: DiffSyncModel, plain: PlainModel): Snapshot {
  return snapshotOfDecoded(obj, plain);
}

/** The error for a row that could not be read, naming the row. */
export function decodeError(cls: ModelClass, error: unknown, where: RowPlace): SqliteStoreDecodeError {
  return new SqliteStoreDecodeError(
    `Cannot decode ${where.model} ${where.uid} (row ${where.seq ?? '?'} of store ${where.storeId} in '${where.filename}') ` +
      `as ${cls.name}: ${(error as Error).message}. Remove or rewrite that row.`,
    { cause: error },
  );
}
