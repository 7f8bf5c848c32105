import { Adapter, Attribute, DiffSyncModel, Identifier, Model, ModelClass } from '@diffsync/core';
import { Column, generateSchema, QueryError, SchemaError, SqlAdapter, StructField, Table } from '@diffsync/sql';
import { DIALECTS, withDatabase } from './support';

/** A declared class whose @Column fields make the struct (the `design:type` form). */
class Dimensions {
  @Column({ type: 'double' }) width!: number;
  @Column({ type: 'double' }) height!: number;
  @Column({ type: 'varchar', length: 8 }) unit!: string;
}

interface Part extends DiffSyncModel {
  sku: string;
  place: Record<string, unknown>;
  size: Dimensions | null;
}

const PLACE: Record<string, StructField> = {
  label: 'text',
  shelf: 'integer',
  ratio: 'double',
  ok: 'boolean',
  at: 'timestamp',
  day: 'date',
  meta: 'json',
};

function partModel(fields: Record<string, StructField>): ModelClass<Part> {
  @Model('part')
  @Table({ name: 'parts' })
  class PartRow extends DiffSyncModel {
    @Identifier() @Column({ type: 'varchar', length: 20 }) sku!: string;
    @Attribute() @Column({ type: 'struct', fields }) place!: Record<string, unknown>;
    // The declared class gives the fields (a `Dimensions | null` union would hide it from design:type).
    @Attribute() @Column({ type: 'struct', nullable: true }) size!: Dimensions;
  }
  return PartRow;
}

const HOSTILE = ['plain', 'with "quotes" and \\backslash\\', 'comma, (parens)', '', ' spaces ', 'ünïcödé 🚀', 'new\nline\ttab', 'NULL'];

function parts(Row: ModelClass<Part>, n: number): Part[] {
  return Array.from({ length: n }, (_, i) => {
    const place: Record<string, unknown> = {
      label: HOSTILE[i % HOSTILE.length],
      shelf: i % 5 === 0 ? null : i,
      ratio: i === 1 ? 0.1 + 0.2 : i / 7,
      ok: i % 2 === 0,
      at: new Date(Date.UTC(2024, 5, 1, 12, 0, 0, i % 1000)),
      day: '2024-02-29',
      meta: i % 3 === 0 ? null : { tags: ['a', HOSTILE[i % HOSTILE.length]], n: i },
    };
    const size = i % 4 === 0 ? null : { width: i + 0.5, height: 1e-7 * i, unit: 'mm' };
    return new Row({ sku: `p${String(i).padStart(4, '0')}`, place, size: size });
  });
}

function plain(p: Part): unknown {
  return { sku: p.sku, place: p.place, size: p.size === null ? null : { ...p.size } };
}

describe('struct columns: generateSchema', () => {
  it('is a composite type on PostgreSQL and JSON elsewhere', () => {
    const Row = partModel(PLACE);
    const pg = generateSchema([Row], { dialect: 'postgresql' });
    expect(pg).toMatch(
      /CREATE TYPE "parts_place" AS \("label" text, "shelf" integer, "ratio" double precision, "ok" boolean, "at" timestamp with time zone, "day" date, "meta" jsonb\)/,
    );
    expect(pg).toMatch(/CREATE TYPE "parts_size" AS \("width" double precision, "height" double precision, "unit" character varying\(8\)\)/);
    expect(pg).toMatch(/"place" "parts_place" NOT NULL/);
    expect(generateSchema([Row], { dialect: 'mysql' })).toMatch(/`place` json NOT NULL/);
    expect(generateSchema([Row], { dialect: 'sqlite' })).toMatch(/"place" TEXT NOT NULL/);
  });

  it('refuses a struct without fields or with an unsupported field type, naming class and field', () => {
    @Model('bad')
    class Bad extends DiffSyncModel {
      @Identifier() @Column({ type: 'integer' }) id!: number;
      @Attribute() @Column({ type: 'struct' }) thing!: Record<string, unknown>;
    }
    expect(() => generateSchema([Bad], { dialect: 'postgresql' })).toThrow(SchemaError);
    expect(() => generateSchema([Bad], { dialect: 'postgresql' })).toThrow(/Bad\.thing: a struct column needs its fields/);
    const Worse = partModel({ blob: 'bytes' as StructField });
    expect(() => generateSchema([Worse], { dialect: 'sqlite' })).toThrow(/PartRow\.place: struct field 'blob' has type "bytes"/);
  });
});

describe.each(DIALECTS)('struct columns on %s', (dialect) => {
  jest.setTimeout(60_000);

  it('round-trips values exactly through insert, upsert, select and the adapter; the plan stays empty', async () => {
    await withDatabase(dialect, async (db) => {
      const Row = partModel(PLACE);
      await db.syncSchema([Row]);
      expect((await db.planSchema([Row])).statements).toEqual([]);
      const rows = parts(Row, 2500);
      expect(await db.insert(Row, rows)).toBe(2500);
      expect((await db.select(Row)).map(plain)).toEqual(rows.map(plain));

      const changed = new Row({ sku: 'p0001', place: { label: 'moved', shelf: 7 }, size: { width: 1, height: 2, unit: 'cm' } });
      await db.upsert(Row, [changed]);
      const [back] = await db.select(Row, { where: { sku: 'p0001' } });
      // A missing field is NULL, and loads as null.
      expect(plain(back)).toEqual({
        sku: 'p0001',
        place: { label: 'moved', shelf: 7, ratio: null, ok: null, at: null, day: null, meta: null },
        size: { width: 1, height: 2, unit: 'cm' },
      });

      const bad = await db.insert(Row, [new Row({ sku: 'x', place: { label: 'a', colour: 'red' }, size: null })]).catch((e: unknown) => e);
      expect(bad).toBeInstanceOf(QueryError);
      expect((bad as Error).message).toMatch(/Table 'parts' column 'place'.*field 'colour' is not one of the struct's fields/);
      const badField = await db.insert(Row, [new Row({ sku: 'x', place: { shelf: 'three' }, size: null })]).catch((e: unknown) => e);
      expect((badField as Error).message).toMatch(/Table 'parts' column 'place\.shelf'/);

      class Source extends Adapter {
        static override models = [Row];
        static override topLevel = ['part'];
      }
      class Target extends SqlAdapter {
        static override models = [Row];
        static override topLevel = ['part'];
      }
      const source = new Source();
      for (const p of parts(Row, 40).reverse()) {
        p.place = { ...p.place, label: `${String(p.place.label)}!` };
        await source.add(p);
      }
      const target = new Target({ connection: db });
      await target.load();
      const diff = await target.syncFrom(source);
      expect(diff.summary().update).toBeGreaterThan(0);
      const fresh = new Target({ connection: db });
      await fresh.load();
      expect((await fresh.diffFrom(source)).summary()).toMatchObject({ create: 0, update: 0, delete: 0 });
      expect((await db.planSchema([Row])).statements).toEqual([]);
    });
  });

  it('plans a change of the struct fields (or needs none where the struct is JSON)', async () => {
    await withDatabase(dialect, async (db) => {
      const V1 = partModel({ label: 'text', shelf: 'integer' });
      await db.syncSchema([V1]);
      await db.insert(V1, [new V1({ sku: 'a', place: { label: 'x', shelf: 1 }, size: null })]);
      const V2 = partModel({ label: 'text', shelf: 'integer', bin: 'text' });
      const added = await db.planSchema([V2]);
      const V3 = partModel({ label: 'text', bin: 'text' });
      if (dialect === 'postgresql') {
        expect(added.statements).toEqual(['ALTER TYPE "parts_place" ADD ATTRIBUTE "bin" text']);
        await db.syncSchema([V2]);
        expect((await db.planSchema([V2])).statements).toEqual([]);
        // A dropped field is skipped without allowDrop, dropped with it.
        const kept = await db.planSchema([V3]);
        expect(kept.statements).toEqual([]);
        expect(kept.skipped.join('\n')).toMatch(/field 'shelf' of composite type "parts_place"/);
        const dropped = await db.syncSchema([V3], { allowDrop: true });
        expect(dropped.statements).toEqual(['ALTER TYPE "parts_place" DROP ATTRIBUTE "shelf"']);
        expect(dropped.destructive).toBe(true);
        // A field changing type is refused.
        const V4 = partModel({ label: 'integer', bin: 'text' });
        await expect(db.planSchema([V4])).rejects.toThrow(
          /PartRow\.place: struct field 'label' of composite type "parts_place" would change type from text to integer/,
        );
      } else {
        expect(added.statements).toEqual([]);
      }
      await db.insert(V3, [new V3({ sku: 'b', place: { label: 'y', bin: 'b7' }, size: null })]);
      expect((await db.select(V3)).map(plain)).toEqual([
        { sku: 'a', place: { label: 'x', bin: null }, size: null },
        { sku: 'b', place: { label: 'y', bin: 'b7' }, size: null },
      ]);
    });
  });
});
