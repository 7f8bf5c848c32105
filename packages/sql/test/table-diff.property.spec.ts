import fc from 'fast-check';
import type { DiffSyncModel, ModelClass } from '@diffsync/core';
import type { Connection, DialectName, FieldDefinition } from '@diffsync/sql';
import { buildSchemaSpec, defineModel, diffTables } from '@diffsync/sql';
import type { TestDatabase } from './support';
import { DIALECTS, freshDatabase } from './support';
import { elementsOf, fullLoadDiff } from './table-diff-support';

jest.setTimeout(120_000);

type Row = Record<string, unknown>;
type AttrType = 'text' | 'integer' | 'bigint' | 'double' | 'decimal' | 'boolean' | 'timestamp' | 'date' | 'json';

const ATTR_TYPES: AttrType[] = ['text', 'integer', 'bigint', 'double', 'decimal', 'boolean', 'timestamp', 'date', 'json'];
const PAIRS: Array<[DialectName, DialectName]> = DIALECTS.flatMap((a) => DIALECTS.map((b) => [a, b] as [DialectName, DialectName]));

const noNul = (s: string) => !s.includes('\u0000');
const text = fc.oneof(
  { weight: 8, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }).filter(noNul) },
  { weight: 1, arbitrary: fc.constant('long '.repeat(2000)) },
  { weight: 1, arbitrary: fc.constantFrom('', ' ', 'ünïcödé 😀', 'a\tb\nc', "it's") },
);
const normalDouble = fc.double({ noNaN: true, noDefaultInfinity: true }).filter((d) => d === 0 || Math.abs(d) >= 2.2250738585072014e-308);
const VALUES: Record<AttrType, fc.Arbitrary<unknown>> = {
  text,
  integer: fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
  bigint: fc.maxSafeInteger(),
  double: fc.oneof(normalDouble, fc.constantFrom(0.1 + 0.2, -0, 1 / 3, 123456789.12345679, 5e-300)),
  decimal: fc.integer({ min: -1e9, max: 1e9 }).map((x) => x / 1000),
  boolean: fc.boolean(),
  timestamp: fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }),
  date: fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
  json: fc.oneof(fc.dictionary(fc.string({ maxLength: 4 }), fc.integer(), { maxKeys: 3, noNullPrototype: true }), fc.array(fc.integer(), { maxLength: 3 })),
};
const DEFINITIONS: Record<AttrType, FieldDefinition> = {
  text: { type: 'text', nullable: true },
  integer: { type: 'integer', nullable: true },
  bigint: { type: 'bigint', nullable: true },
  double: { type: 'double', nullable: true },
  decimal: { type: 'decimal', precision: 18, scale: 6, nullable: true },
  boolean: { type: 'boolean', nullable: true },
  timestamp: { type: 'timestamp', nullable: true },
  date: { type: 'date', nullable: true },
  json: { type: 'json', nullable: true },
};

type KeyKind = 'int' | 'text' | 'composite';
const textKey = fc.string({ unit: 'binary', minLength: 1, maxLength: 8 }).filter((s) => noNul(s) && !s.endsWith(' '));
const KEYS: Record<KeyKind, fc.Arbitrary<Row>> = {
  int: fc.integer({ min: -1000, max: 5_000_000 }).map((id) => ({ id })),
  text: textKey.map((code) => ({ code })),
  composite: fc.record({ code: textKey, n: fc.integer({ min: -5, max: 5 }) }),
};
const keyOf = (kind: KeyKind, row: Row) =>
  kind === 'composite' ? `${row.code as string}\u0000${row.n as number}` : String(kind === 'int' ? row.id : row.code);

const scenario = fc
  .record({ kind: fc.constantFrom<KeyKind>('int', 'text', 'composite'), types: fc.subarray(ATTR_TYPES, { minLength: 1 }) })
  .chain(({ kind, types }) => {
    const attrs = fc.record(Object.fromEntries(types.map((t, i) => [`c${i}_${t}`, fc.option(VALUES[t], { nil: null, freq: 5 })])));
    const row = fc.tuple(KEYS[kind], attrs).map(([k, a]) => ({ ...k, ...a }));
    return fc.record({
      kind: fc.constant(kind),
      types: fc.constant(types),
      rows: fc.uniqueArray(row, { maxLength: 40, selector: (r) => keyOf(kind, r) }),
      edits: fc.array(fc.record({ action: fc.constantFrom('keep', 'keep', 'keep', 'delete', 'update', 'null'), replacement: attrs, column: fc.nat() }), {
        maxLength: 40,
      }),
      extra: fc.uniqueArray(row, { maxLength: 8, selector: (r) => keyOf(kind, r) }),
      pair: fc.constantFrom(...PAIRS),
      leafRows: fc.constantFrom(1, 3, 256),
      segments: fc.constantFrom(2, 3, 32),
      fullMergeRatio: fc.constantFrom(0.3, 1),
      repair: fc.boolean(),
    });
  });

function modelFor(table: string, kind: KeyKind, types: readonly AttrType[]): ModelClass<DiffSyncModel> {
  const identifiers: Record<string, FieldDefinition> =
    kind === 'int' ? { id: 'integer' } : kind === 'text' ? { code: { type: 'varchar', length: 64 } } : { code: { type: 'varchar', length: 64 }, n: 'integer' };
  return defineModel({ name: table, identifiers, attributes: Object.fromEntries(types.map((t, i) => [`c${i}_${t}`, DEFINITIONS[t]])) });
}

describe('diffTables finds exactly what a full load and diffFrom finds (random tables, random edits, every pair)', () => {
  const dbs = new Map<DialectName, { t: TestDatabase; db: Connection }>();
  let counter = 0;

  beforeAll(async () => {
    for (const d of DIALECTS) {
      const t = await freshDatabase(d);
      dbs.set(d, { t, db: await t.connect() });
    }
  });
  afterAll(async () => {
    for (const { t } of dbs.values()) await t.cleanup();
  });

  it('property', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async (s) => {
        const table = `p${++counter}`;
        const model = modelFor(table, s.kind, s.types);
        const [a, b] = s.pair;
        const src = (dbs.get(a) as { db: Connection }).db;
        const tgt = (dbs.get(b) as { db: Connection }).db;
        const attrNames = s.types.map((t, i) => `c${i}_${t}`);
        const targetRows: Row[] = [];
        s.rows.forEach((r, i) => {
          const edit = s.edits[i];
          if (!edit || edit.action === 'keep') targetRows.push(r);
          else if (edit.action === 'update' || edit.action === 'null') {
            const column = attrNames[edit.column % attrNames.length];
            targetRows.push({ ...r, [column]: edit.action === 'null' ? null : edit.replacement[column] });
          }
        });
        const taken = new Set(s.rows.map((r) => keyOf(s.kind, r)));
        targetRows.push(...s.extra.filter((r) => !taken.has(keyOf(s.kind, r))));
        const ddl = (db: Connection) => db.sqlDialect.createSchemaStatements(buildSchemaSpec([model]));
        for (const stmt of ddl(src)) await src.execute(stmt);
        if (src !== tgt) for (const stmt of ddl(tgt)) await tgt.execute(stmt);
        const targetModel = src === tgt ? modelFor(`${table}_t`, s.kind, s.types) : model;
        if (src === tgt) for (const stmt of tgt.sqlDialect.createSchemaStatements(buildSchemaSpec([targetModel]))) await tgt.execute(stmt);
        await src.insert(
          model,
          s.rows.map((r) => new model(r)),
        );
        await tgt.insert(
          targetModel,
          targetRows.map((r) => new targetModel(r)),
        );

        const options = {
          table,
          model,
          targetTable: src === tgt ? `${table}_t` : undefined,
          leafRows: s.leafRows,
          segments: s.segments,
          fullMergeRatio: s.fullMergeRatio,
        };
        const found = await diffTables(src, tgt, options);
        const expected = await fullLoadDiffOn(model, targetModel, src, tgt);
        expect(elementsOf(found.diff)).toEqual(elementsOf(expected));
        if (s.repair) {
          await diffTables(src, tgt, { ...options, repair: true });
          const after = await diffTables(src, tgt, options);
          expect(after.diff.hasDiffs()).toBe(false);
        }
      }),
      { numRuns: 200 },
    );
  });
});

/** The full-load diff, with the target read through its own table. */
async function fullLoadDiffOn(model: ModelClass, targetModel: ModelClass, src: Connection, tgt: Connection) {
  if (model === targetModel) return fullLoadDiff(model, src, tgt);
  // Same dialect, two tables: copy the target's rows into the model's shape by name.
  const rows = await tgt.select(targetModel);
  const scratch = await freshDatabase(tgt.dialect);
  try {
    const db = await scratch.connect();
    for (const stmt of db.sqlDialect.createSchemaStatements(buildSchemaSpec([model]))) await db.execute(stmt);
    await db.insert(
      model,
      rows.map((r) => new model({ ...(r as unknown as Row) })),
    );
    return await fullLoadDiff(model, src, db);
  } finally {
    await scratch.cleanup();
  }
}
