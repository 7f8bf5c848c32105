import type { DiffSyncModel, ModelClass } from '@diffsync/core';
import { InvalidArgumentError } from '@diffsync/core';
import type { Session } from '../session/session';
import { SqliteDriver } from '../dialects/sqlite/sqlite-driver';
import type { RowObject, RowSource } from './batches';
import { batches } from './batches';
import type { RowCodec } from './row-codec';
import { codecFor } from './row-codec';
import { copyRows, loadRows } from './bulk-streams';
import { packetGroups, sendRowGroups } from './mysql-packets';

/** Options of `db.upsert()`. */
export interface UpsertOptions {
  /** Properties to write besides the identifiers; other columns of existing rows keep their values. */
  columns?: readonly string[];
}

/** Options of `db.select()`. */
export interface SelectOptions {
  /** Equality filters by property: a value, `null` (IS NULL) or an array (IN). */
  where?: Record<string, unknown>;
}

/** Most bind parameters per statement: PostgreSQL allows 65535, SQLite 32766, MySQL 65535. */
const MAX_PARAMS: Record<string, number> = { postgresql: 60000, mysql: 60000, sqlite: 30000 };
const MAX_ROWS = 2000;

function rowsPerStatement(dialect: string, columns: number): number {
  return Math.max(1, Math.min(MAX_ROWS, Math.floor(MAX_PARAMS[dialect] / Math.max(1, columns))));
}

function placeholders(codec: RowCodec, rows: number, width: number): string {
  return codec.cached(`values:${rows}:${width}`, () => {
    const parts = new Array<string>(rows);
    let n = 1;
    for (let r = 0; r < rows; r++) {
      const row = new Array<string>(width);
      for (let c = 0; c < width; c++) row[c] = codec.dialect.placeholder(n++);
      parts[r] = `(${row.join(', ')})`;
    }
    return parts.join(', ');
  });
}

function bindRows(codec: RowCodec, objects: readonly RowObject[], indexes: readonly number[]): unknown[] {
  const params: unknown[] = new Array(objects.length * indexes.length);
  let n = 0;
  for (const obj of objects) {
    const record = obj as Record<string, unknown>;
    for (const i of indexes) params[n++] = codec.params[i](record[codec.columns[i].property]);
  }
  return params;
}

/** Rows as arrays of converted values: mysql2 expands `VALUES ?` with a list of them (escaped, never spliced as text). */
function rowArrays(codec: RowCodec, objects: readonly RowObject[], indexes: readonly number[]): unknown[][] {
  const width = indexes.length;
  const converters = indexes.map((i) => codec.params[i]);
  const properties = indexes.map((i) => codec.columns[i].property);
  const out = new Array<unknown[]>(objects.length);
  for (let r = 0; r < objects.length; r++) {
    const record = objects[r] as Record<string, unknown>;
    const row: unknown[] = new Array(width);
    for (let c = 0; c < width; c++) row[c] = converters[c](record[properties[c]]);
    out[r] = row;
  }
  return out;
}

/**
 * One statement per batch, strictly one after another: a statement is sent only after the
 * previous one succeeded, so nothing runs after a failure (MySQL ends the whole transaction
 * on a deadlock, and a statement queued behind it would then autocommit).
 */
async function sendBatches<T>(source: AsyncIterable<T[]>, send: (batch: T[]) => Promise<number>): Promise<number> {
  let count = 0;
  for await (const batch of source) count += await send(batch);
  return count;
}

/** MySQL rows per multi-row statement: one `?` expands to all of them, so no placeholder limit applies. */
const MYSQL_ROWS = 2000;
const MYSQL_DELETE_KEYS = 5000;

async function run(tx: Session, sql: string, params: unknown[]): Promise<number> {
  const driver = tx.driver;
  if (driver instanceof SqliteDriver) return driver.executeSync(sql, params);
  return driver.execute(sql, params);
}

/** Inserts rows: COPY on PostgreSQL, multi-row INSERT elsewhere; one transaction. */
export async function insertRows(conn: Session, model: ModelClass, objects: RowSource<RowObject>): Promise<number> {
  const codec = await codecFor(conn, model);
  const all = codec.columns.map((_, i) => i);
  const columnList = codec.columns.map((c) => codec.q(c.name)).join(', ');
  return conn.transaction(async (tx) => {
    if (tx.dialect === 'postgresql' && tx.driver.copyIn) {
      return copyRows(tx, codec, codec.ref, objects, all);
    }
    if (tx.dialect === 'mysql') {
      const loaded = await loadRows(tx, codec, objects, all);
      if (loaded !== undefined) return loaded;
      const sql = `INSERT INTO ${codec.ref} (${columnList}) VALUES ?`;
      return sendBatches(batches(objects, MYSQL_ROWS), (batch) => sendRowGroups(tx, codec, sql, rowArrays(codec, batch, all), all));
    }
    let count = 0;
    for await (const batch of batches(objects, rowsPerStatement(tx.dialect, all.length))) {
      const sql = `INSERT INTO ${codec.ref} (${columnList}) VALUES ${placeholders(codec, batch.length, all.length)}`;
      count += await run(tx, sql, bindRows(codec, batch, all));
    }
    return count;
  });
}

/** JSON text of key values (bigints as `<digits>n`), for telling keys apart. */
function keyText(values: unknown[]): string {
  return JSON.stringify(values, (_, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v));
}

function keyOf(codec: RowCodec, obj: RowObject): string {
  const record = obj as Record<string, unknown>;
  return keyText(codec.keyColumns.map((c) => record[c.property] ?? null));
}

function upsertSql(codec: RowCodec, indexes: readonly number[], rows: number): string {
  const q = (n: string) => codec.q(n);
  const cols = indexes.map((i) => codec.columns[i]);
  const keys = new Set(codec.table.meta.identifiers);
  const updates = cols.filter((c) => !keys.has(c.property));
  // rows = 0: MySQL's single `VALUES ?` that mysql2 expands from a list of row arrays.
  const values = rows === 0 ? '?' : placeholders(codec, rows, cols.length);
  const head = `INSERT INTO ${codec.ref} (${cols.map((c) => q(c.name)).join(', ')}) VALUES ${values}`;
  if (codec.dialect.name === 'mysql') {
    const set =
      updates.length > 0 ? updates.map((c) => `${q(c.name)} = VALUES(${q(c.name)})`) : codec.keyColumns.slice(0, 1).map((c) => `${q(c.name)} = ${q(c.name)}`);
    return `${head} ON DUPLICATE KEY UPDATE ${set.join(', ')}`;
  }
  const target = codec.keyColumns.map((c) => q(c.name)).join(', ');
  if (updates.length === 0) return `${head} ON CONFLICT (${target}) DO NOTHING`;
  return `${head} ON CONFLICT (${target}) DO UPDATE SET ${updates.map((c) => `${q(c.name)} = excluded.${q(c.name)}`).join(', ')}`;
}

/** `UPDATE … FROM` a list of rows, matching on the primary key: for partial upserts of existing rows. */
function updateFromValuesSql(codec: RowCodec, indexes: readonly number[], rows: number): string {
  const q = (n: string) => codec.q(n);
  const cols = indexes.map((i) => codec.columns[i]);
  const keys = new Set(codec.table.meta.identifiers);
  const updates = cols.filter((c) => !keys.has(c.property));
  const alias = (i: number) => q(`c${i}`);
  const matchOn = cols
    .map((c, i) => (keys.has(c.property) ? `t.${q(c.name)} = v.${alias(i)}` : ''))
    .filter((x) => x !== '')
    .join(' AND ');
  const setList = (prefix: string) =>
    cols
      .map((c, i) => (keys.has(c.property) ? '' : `${prefix}${q(c.name)} = v.${alias(i)}`))
      .filter((x) => x !== '')
      .join(', ');
  if (updates.length === 0) return '';
  const d = codec.dialect;
  if (d.name === 'mysql') {
    const selects: string[] = [];
    for (let r = 0; r < rows; r++) {
      selects.push(r === 0 ? `SELECT ${cols.map((_, i) => `? AS ${alias(i)}`).join(', ')}` : `SELECT ${cols.map(() => '?').join(', ')}`);
    }
    return `UPDATE ${codec.ref} AS t JOIN (${selects.join(' UNION ALL ')}) AS v ON ${matchOn} SET ${setList('t.')}`;
  }
  if (d.name === 'postgresql') {
    const types = cols.map((c) => d.columnType(c, codec.table));
    const values: string[] = [];
    let n = 1;
    for (let r = 0; r < rows; r++) values.push(`(${types.map((t) => `$${n++}::${t}`).join(', ')})`);
    return `UPDATE ${codec.ref} AS t SET ${setList('')} FROM (VALUES ${values.join(', ')}) AS v(${cols.map((_, i) => alias(i)).join(', ')}) WHERE ${matchOn}`;
  }
  // SQLite: VALUES columns are column1, column2, …
  const named = cols.map((_, i) => `column${i + 1} AS ${alias(i)}`).join(', ');
  return `UPDATE ${codec.ref} AS t SET ${setList('')} FROM (SELECT ${named} FROM (VALUES ${placeholders(codec, rows, cols.length)})) AS v WHERE ${matchOn}`;
}

function keyListSql(codec: RowCodec, rows: number): string {
  const q = (n: string) => codec.q(n);
  const width = codec.keyColumns.length;
  const target = width === 1 ? q(codec.keyColumns[0].name) : `(${codec.keyColumns.map((c) => q(c.name)).join(', ')})`;
  const list = width === 1 ? placeholders(codec, rows, 1).replace(/[()]/g, '') : placeholders(codec, rows, width);
  return `${target} IN (${list})`;
}

/**
 * Partial upsert where omitted columns are NOT NULL without a default: an INSERT would be
 * refused before the conflict is seen, so existing rows are updated and only new ones inserted.
 */
async function splitUpsert(tx: Session, codec: RowCodec, indexes: readonly number[], batch: RowObject[]): Promise<void> {
  const keyIndexes = codec.keyColumns.map((c) => codec.columns.indexOf(c));
  const existingSql = `SELECT ${codec.keyColumns.map((c) => selectColumn(codec, c)).join(', ')} FROM ${codec.ref} WHERE ${keyListSql(codec, batch.length)}`;
  const existing = await tx.driver.query(existingSql, bindRows(codec, batch, keyIndexes));
  const results = keyIndexes.map((i) => codec.results[i]);
  const present = new Set(existing.map((row) => keyText(codec.keyColumns.map((c, i) => results[i](row[c.name])))));
  const keyOfObject = (obj: RowObject) =>
    keyText(codec.keyColumns.map((c, i) => results[i](codec.params[keyIndexes[i]]((obj as Record<string, unknown>)[c.property]))));
  const updates: RowObject[] = [];
  const inserts: RowObject[] = [];
  for (const obj of batch) (present.has(keyOfObject(obj)) ? updates : inserts).push(obj);
  if (updates.length > 0) {
    const sql = updateFromValuesSql(codec, indexes, updates.length);
    if (sql !== '') await run(tx, sql, bindRows(codec, updates, indexes));
  }
  if (inserts.length > 0) {
    const cols = indexes.map((i) => codec.q(codec.columns[i].name)).join(', ');
    await run(tx, `INSERT INTO ${codec.ref} (${cols}) VALUES ${placeholders(codec, inserts.length, indexes.length)}`, bindRows(codec, inserts, indexes));
  }
}

const STAGE_TABLE = 'diffsync_upsert_stage';

function pgErrorCode(error: unknown): string | undefined {
  const cause = (error as { cause?: { code?: unknown } } | undefined)?.cause;
  return typeof cause?.code === 'string' ? cause.code : undefined;
}

/**
 * PostgreSQL: COPY the rows into a temporary table, then one set-based statement
 * (INSERT … SELECT … ON CONFLICT, or UPDATE … FROM plus INSERT … WHERE NOT EXISTS when
 * omitted columns are NOT NULL). When a key repeats, the last object wins.
 */
async function stagedUpsert(tx: Session, codec: RowCodec, indexes: readonly number[], objects: RowSource<RowObject>, split: boolean): Promise<number> {
  const q = (n: string) => codec.q(n);
  const stage = q(STAGE_TABLE);
  const cols = indexes.map((i) => codec.columns[i]);
  const list = cols.map((c) => q(c.name)).join(', ');
  const keys = codec.keyColumns.map((c) => q(c.name)).join(', ');
  const keySet = new Set(codec.table.meta.identifiers);
  const updates = cols.filter((c) => !keySet.has(c.property));
  const match = codec.keyColumns.map((c) => `t.${q(c.name)} = s.${q(c.name)}`).join(' AND ');
  const distinct = `SELECT DISTINCT ON (${keys}) ${list} FROM ${stage} ORDER BY ${keys}, ctid DESC`;
  const driver = tx.driver;
  await driver.execute(`DROP TABLE IF EXISTS pg_temp.${stage}`);
  await driver.execute(`CREATE TEMP TABLE ${stage} AS SELECT ${list} FROM ${codec.ref} WITH NO DATA`);
  const count = await copyRows(tx, codec, stage, objects, indexes);
  if (split) {
    if (updates.length > 0) {
      const set = updates.map((c) => `${q(c.name)} = s.${q(c.name)}`).join(', ');
      await driver.execute(`UPDATE ${codec.ref} AS t SET ${set} FROM (${distinct}) AS s WHERE ${match}`);
    }
    await driver.execute(
      `INSERT INTO ${codec.ref} (${list}) SELECT ${list} FROM (${distinct}) AS s WHERE NOT EXISTS (SELECT 1 FROM ${codec.ref} AS t WHERE ${match})`,
    );
  } else {
    const action = updates.length === 0 ? 'DO NOTHING' : `DO UPDATE SET ${updates.map((c) => `${q(c.name)} = excluded.${q(c.name)}`).join(', ')}`;
    // Usually no key repeats: try without the DISTINCT ON sort; PostgreSQL refuses a repeated
    // key (cardinality_violation, 21000) and the savepoint takes the attempt back.
    await driver.execute('SAVEPOINT diffsync_upsert');
    try {
      await driver.execute(`INSERT INTO ${codec.ref} (${list}) SELECT ${list} FROM ${stage} ON CONFLICT (${keys}) ${action}`);
      await driver.execute('RELEASE SAVEPOINT diffsync_upsert');
    } catch (error) {
      if (pgErrorCode(error) !== '21000') throw error;
      await driver.execute('ROLLBACK TO SAVEPOINT diffsync_upsert');
      await driver.execute(`INSERT INTO ${codec.ref} (${list}) ${distinct} ON CONFLICT (${keys}) ${action}`);
    }
  }
  await driver.execute(`DROP TABLE pg_temp.${stage}`);
  return count;
}

/** Inserts or updates rows by primary key; only the given `columns` (plus keys) are written. */
export async function upsertRows(conn: Session, model: ModelClass, objects: RowSource<RowObject>, options: UpsertOptions = {}): Promise<number> {
  const codec = await codecFor(conn, model);
  const indexes = codec.subset(options.columns);
  const included = new Set(indexes);
  // Omitted NOT NULL columns without a default make INSERT … ON CONFLICT fail even for existing rows.
  const split = codec.columns.some((c, i) => !included.has(i) && !c.nullable && c.default === undefined);
  const key = options.columns ? [...options.columns].sort().join('\u0000') : '*';
  const perStatement = rowsPerStatement(conn.dialect, indexes.length);
  return conn.transaction(async (tx) => {
    if (tx.dialect === 'postgresql' && tx.driver.copyIn) return stagedUpsert(tx, codec, indexes, objects, split);
    if (tx.dialect === 'mysql' && !split) {
      // ON DUPLICATE KEY UPDATE applies rows in order, so a repeated key ends with its last object.
      const sql = codec.cached(`upsert:${key}:list`, () => upsertSql(codec, indexes, 0));
      let count = 0;
      await sendBatches(batches(objects, MYSQL_ROWS), (batch) => {
        count += batch.length;
        return sendRowGroups(tx, codec, sql, rowArrays(codec, batch, indexes), indexes);
      });
      return count;
    }
    let count = 0;
    for await (let batch of batches(objects, perStatement)) {
      if (split) {
        // ON CONFLICT cannot touch one row twice in a statement: the last object wins.
        const byKey = new Map<string, RowObject>();
        for (const obj of batch) byKey.set(keyOf(codec, obj), obj);
        if (byKey.size !== batch.length) batch = [...byKey.values()];
      }
      if (split && tx.dialect === 'mysql') {
        // One statement per group that fits max_allowed_packet.
        const maxPacket = (tx.driver as { maxPacket?: number }).maxPacket ?? Number.MAX_SAFE_INTEGER;
        const rows = rowArrays(codec, batch, indexes);
        const groups = packetGroups(codec, rows, indexes, maxPacket, 4096);
        let at = 0;
        for (const group of groups) {
          await splitUpsert(tx, codec, indexes, batch.slice(at, at + group.length));
          at += group.length;
        }
      } else if (split) {
        await splitUpsert(tx, codec, indexes, batch);
      } else {
        const sql = codec.cached(`upsert:${key}:${batch.length}`, () => upsertSql(codec, indexes, batch.length));
        await run(tx, sql, bindRows(codec, batch, indexes));
      }
      count += batch.length;
    }
    return count;
  });
}

const PG_DELETE_KEYS = 10000;

/** PostgreSQL: `= ANY($1::type[])` for one key column, a join with `unnest($1, $2, …)` for composite keys. */
function pgDeleteSql(codec: RowCodec): string {
  const q = (n: string) => codec.q(n);
  const d = codec.dialect;
  const types = codec.keyColumns.map((c) => `${d.columnType(c, codec.table)}[]`);
  if (codec.keyColumns.length === 1) {
    return `DELETE FROM ${codec.ref} WHERE ${q(codec.keyColumns[0].name)} = ANY($1::${types[0]})`;
  }
  const args = types.map((t, i) => `$${i + 1}::${t}`).join(', ');
  const aliases = codec.keyColumns.map((_, i) => q(`k${i}`));
  const match = codec.keyColumns.map((c, i) => `t.${q(c.name)} = k.${aliases[i]}`).join(' AND ');
  return `DELETE FROM ${codec.ref} AS t USING unnest(${args}) AS k(${aliases.join(', ')}) WHERE ${match}`;
}

/** Deletes rows by primary key, many keys per statement. `keys` are identifier objects or models. */
export async function deleteRows(conn: Session, model: ModelClass, keys: RowSource<RowObject>): Promise<number> {
  const codec = await codecFor(conn, model);
  const keyIndexes = codec.keyColumns.map((c) => codec.columns.indexOf(c));
  const width = keyIndexes.length;
  const perStatement = Math.max(1, Math.min(5000, Math.floor(MAX_PARAMS[conn.dialect] / width)));
  const q = (n: string) => codec.q(n);
  const target = width === 1 ? q(codec.keyColumns[0].name) : `(${codec.keyColumns.map((c) => q(c.name)).join(', ')})`;
  const checkKeys = (batch: readonly RowObject[]) => {
    for (const obj of batch) {
      for (const c of codec.keyColumns) {
        const v = (obj as Record<string, unknown>)[c.property];
        if (v === undefined || v === null) {
          throw new InvalidArgumentError(`delete(${model.name}): a key has no value for identifier '${c.property}'.`);
        }
      }
    }
  };
  if (conn.dialect === 'postgresql') {
    // One array parameter per key column: no statement with thousands of placeholders to parse.
    const sql = pgDeleteSql(codec);
    return conn.transaction(async (tx) => {
      let count = 0;
      for await (const batch of batches(keys, PG_DELETE_KEYS)) {
        checkKeys(batch);
        const arrays = keyIndexes.map((i) => {
          const convert = codec.params[i];
          const property = codec.columns[i].property;
          return batch.map((obj) => convert((obj as Record<string, unknown>)[property]));
        });
        count += await tx.driver.execute(sql, arrays);
      }
      return count;
    });
  }
  if (conn.dialect === 'mysql') {
    // One `?` that mysql2 expands from the key list: `IN (1, 2, …)` or `IN ((a, b), …)`.
    const sql = `DELETE FROM ${codec.ref} WHERE ${target} IN (?)`;
    return conn.transaction((tx) =>
      sendBatches(batches(keys, MYSQL_DELETE_KEYS), (batch) => {
        checkKeys(batch);
        const list = width === 1 ? bindRows(codec, batch, keyIndexes) : rowArrays(codec, batch, keyIndexes);
        return tx.driver.execute(sql, [list]);
      }),
    );
  }
  return conn.transaction(async (tx) => {
    let count = 0;
    for await (const batch of batches(keys, perStatement)) {
      checkKeys(batch);
      const sql = codec.cached(`delete:${batch.length}`, () => {
        const list = width === 1 ? placeholders(codec, batch.length, 1).replace(/[()]/g, '') : placeholders(codec, batch.length, width);
        return `DELETE FROM ${codec.ref} WHERE ${target} IN (${list})`;
      });
      count += await run(tx, sql, bindRows(codec, batch, keyIndexes));
    }
    return count;
  });
}

/**
 * A selected column, read exactly: SQLite bigints as text (better-sqlite3 reads integers
 * beyond 2^53 rounded), MySQL/MariaDB FLOATs as DOUBLE (their text form has 6 digits).
 */
function selectColumn(codec: RowCodec, column: RowCodec['columns'][number]): string {
  const name = codec.q(column.name);
  const dialect = codec.dialect.name;
  if (dialect === 'sqlite' && column.type === 'bigint') return `CAST(${name} AS TEXT) AS ${name}`;
  if (dialect === 'mysql' && column.type === 'real') return `CAST(${name} AS DOUBLE) AS ${name}`;
  return name;
}

function selectSql(codec: RowCodec, options: SelectOptions): { sql: string; params: unknown[] } {
  const q = (n: string) => codec.q(n);
  const params: unknown[] = [];
  const conditions: string[] = [];
  for (const [property, value] of Object.entries(options.where ?? {})) {
    const column = codec.table.columnByProperty.get(property);
    if (!column) {
      throw new InvalidArgumentError(`select(${codec.model.name}): no column for '${property}' in 'where'.`);
    }
    const convert = codec.params[codec.columns.indexOf(column)];
    if (value === null || value === undefined) {
      conditions.push(`${q(column.name)} IS NULL`);
    } else if (Array.isArray(value) && column.type !== 'json') {
      if (value.length === 0) {
        conditions.push('1 = 0');
        continue;
      }
      const marks = value.map((v) => {
        params.push(convert(v));
        return codec.dialect.placeholder(params.length);
      });
      conditions.push(`${q(column.name)} IN (${marks.join(', ')})`);
    } else {
      params.push(convert(value));
      conditions.push(`${q(column.name)} = ${codec.dialect.placeholder(params.length)}`);
    }
  }
  const cols = codec.columns.map((c) => selectColumn(codec, c)).join(', ');
  // SQLite resolves ORDER BY names to the select list first: qualify them, since bigint keys are selected as text.
  const order = codec.keyColumns.map((c) => (codec.dialect.name === 'sqlite' ? `${codec.ref}.${q(c.name)}` : q(c.name))).join(', ');
  const where = conditions.length > 0 ? ` WHERE ${conditions.join(' AND ')}` : '';
  return { sql: `SELECT ${cols} FROM ${codec.ref}${where} ORDER BY ${order}`, params };
}

/** Reads rows as model instances, ordered by primary key. */
export async function selectRows<M extends DiffSyncModel>(conn: Session, model: ModelClass<M>, options: SelectOptions = {}): Promise<M[]> {
  const codec = await codecFor(conn, model);
  const { sql, params } = selectSql(codec, options);
  const rows = await conn.query(sql, params);
  return rows.map((row) => codec.toModel(row) as M);
}

/** Streams rows as model instances: a cursor on PostgreSQL, the row stream on MySQL, an iterator on SQLite. */
export async function* streamRows<M extends DiffSyncModel>(conn: Session, model: ModelClass<M>, options: SelectOptions = {}): AsyncGenerator<M> {
  const codec = await codecFor(conn, model);
  const { sql, params } = selectSql(codec, options);
  if (conn.driver.stream) {
    for await (const row of conn.driver.stream(sql, params)) yield codec.toModel(row) as M;
    return;
  }
  for (const row of await conn.query(sql, params)) yield codec.toModel(row) as M;
}
