import type { ColumnSpec } from '../schema/table-spec';
import type { StructFieldSpec } from '../schema/struct-fields';
import type { ColumnContext, Convert } from './value-checks';
import { refuse, refuseLoaded } from './value-checks';
import { scalarText } from './scalar-text';

/**
 * `struct` columns: a composite type on PostgreSQL (written as its text literal, read back
 * by parsing it), JSON text elsewhere. Every field is checked like a column of its type;
 * a missing field is NULL and loads as `null`; a field the struct does not declare is refused.
 */

/** A field as a column of its own, for the per-column checks and messages (`column.field`). */
export function fieldContext(ctx: ColumnContext, field: StructFieldSpec): ColumnContext {
  const column: ColumnSpec = {
    property: `${ctx.column.property}.${field.name}`,
    name: `${ctx.column.name}.${field.name}`,
    type: field.type,
    length: field.length,
    nullable: true,
    default: undefined,
    keyed: false,
    jsonShape: 'object',
  };
  return { ...ctx, column, jsType: 'other', trimDecimal: false, uniqueKey: false };
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v) as object | null;
  return proto === Object.prototype || proto === null || !(v instanceof Date || Buffer.isBuffer(v) || v instanceof Map || v instanceof Set);
}

function fieldsOf(ctx: ColumnContext): readonly StructFieldSpec[] {
  return ctx.column.structFields as readonly StructFieldSpec[];
}

/** Checks the object's keys against the struct; resolves to its declared fields' values, in order. */
function checkedValues(ctx: ColumnContext, names: ReadonlySet<string>, fields: readonly StructFieldSpec[], v: unknown): unknown[] {
  if (!isPlainObject(v)) return refuse(ctx, v, `a struct column takes an object with fields ${fields.map((f) => f.name).join(', ')}`);
  for (const key of Object.keys(v)) {
    if (!names.has(key)) refuse(ctx, v, `field '${key}' is not one of the struct's fields (${fields.map((f) => f.name).join(', ')})`);
  }
  return fields.map((f) => v[f.name]);
}

/** Quotes one field of a composite literal: `"…"` with `"` and `\` escaped. */
function quoteField(text: string): string {
  return `"${text.replace(/["\\]/g, (c) => `\\${c}`)}"`;
}

function compositeText(value: unknown, type: StructFieldSpec['type']): string {
  if (type === 'boolean') return value ? 't' : 'f';
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  return String(value);
}

/** The parameter of a struct column: composite literal text on PostgreSQL, JSON text elsewhere. */
export function structParam(ctx: ColumnContext, fieldParam: (ctx: ColumnContext) => Convert): Convert {
  const fields = fieldsOf(ctx);
  const names = new Set(fields.map((f) => f.name));
  const contexts = fields.map((f) => fieldContext(ctx, f));
  const params = contexts.map(fieldParam);
  const toText =
    ctx.dialect === 'postgresql'
      ? (v: unknown): string => {
          const values = checkedValues(ctx, names, fields, v);
          const parts = values.map((fv, i) => {
            const out = params[i](fv);
            return out === null || out === undefined ? '' : quoteField(compositeText(out, fields[i].type));
          });
          return `(${parts.join(',')})`;
        }
      : (v: unknown): string => {
          const values = checkedValues(ctx, names, fields, v);
          const out: Record<string, unknown> = {};
          values.forEach((fv, i) => {
            params[i](fv); // the field's checks
            const f = fields[i];
            if (fv === null || fv === undefined) out[f.name] = null;
            else if (fv instanceof Date) out[f.name] = fv.toISOString();
            else if ((f.type === 'double' || f.type === 'real') && !Number.isFinite(fv)) {
              refuse(contexts[i], fv, 'JSON cannot hold NaN or ±Infinity (a struct is JSON on this dialect)');
            } else out[f.name] = fv;
          });
          return JSON.stringify(out);
        };
  if (ctx.column.nullable) return (v) => (v === null || v === undefined ? null : toText(v));
  return (v) => (v === null || v === undefined ? refuse(ctx, v, 'the column is NOT NULL') : toText(v));
}

/** Splits a composite's text output `(a,"b c",)` into field texts (`null` for NULL). */
export function parseComposite(text: string): Array<string | null> {
  if (text[0] !== '(' || text[text.length - 1] !== ')') throw new Error(`not a composite value: ${text.slice(0, 40)}`);
  const out: Array<string | null> = [];
  const end = text.length - 1;
  let i = 1;
  for (;;) {
    let s = '';
    let present = false;
    while (i < end && text[i] !== ',') {
      present = true;
      const c = text[i];
      if (c === '"') {
        i++;
        while (i < end) {
          const d = text[i];
          if (d === '"') {
            if (text[i + 1] === '"') {
              s += '"';
              i += 2;
              continue;
            }
            i++;
            break;
          }
          if (d === '\\') {
            s += text[i + 1];
            i += 2;
            continue;
          }
          s += d;
          i++;
        }
      } else if (c === '\\') {
        s += text[i + 1];
        i += 2;
      } else {
        s += c;
        i++;
      }
    }
    out.push(present ? s : null);
    if (text[i] !== ',') break;
    i++;
  }
  return out;
}

function pgTimestamp(text: string): Date {
  // `2024-01-02 03:04:05.123456+00` (or `+05:30`): ISO with a full offset.
  const iso = text.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00');
  return new Date(iso);
}

function fieldFromText(type: StructFieldSpec['type'], text: string): unknown {
  switch (type) {
    case 'integer':
    case 'smallint':
      return Number(text);
    case 'double':
      return Number(text);
    case 'real':
      return Math.fround(Number(text));
    case 'boolean':
      return text === 't' || text === 'true';
    case 'timestamp':
      return pgTimestamp(text);
    case 'json':
      return JSON.parse(text);
    default:
      return text;
  }
}

function fieldFromJson(type: StructFieldSpec['type'], value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (type === 'timestamp') return new Date(value as string);
  return value;
}

/** A struct column's value as loaded: an object with every declared field (`null` for NULL). */
export function structResult(ctx: ColumnContext): Convert {
  const fields = fieldsOf(ctx);
  if (ctx.dialect === 'postgresql') {
    return (raw) => {
      if (raw === null || raw === undefined) return null;
      const parts = parseComposite(scalarText(raw));
      if (parts.length !== fields.length)
        refuseLoaded(ctx, raw, `the composite has ${parts.length} field(s), the struct declares ${fields.length}; run syncSchema`);
      const out: Record<string, unknown> = {};
      fields.forEach((f, i) => {
        const text = parts[i];
        out[f.name] = text === null ? null : fieldFromText(f.type, text);
      });
      return out;
    };
  }
  return (raw) => {
    if (raw === null || raw === undefined) return null;
    const parsed: unknown = JSON.parse(Buffer.isBuffer(raw) ? raw.toString('utf8') : scalarText(raw));
    if (!isPlainObject(parsed)) return refuseLoaded(ctx, raw, 'a struct column holds a JSON object');
    const out: Record<string, unknown> = {};
    for (const f of fields) out[f.name] = fieldFromJson(f.type, parsed[f.name]);
    return out;
  };
}
