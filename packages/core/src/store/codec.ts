import { classTransformer } from '../lazy-modules';
import { UnstorableValueError } from '../errors';
import { getModelMetadata } from '../metadata/metadata-builder';
import type { FieldMetadata } from '../metadata/model-metadata';
import type { DiffSyncModel, ModelClass } from '../model/diffsync-model';
import { DiffSyncModelFlags } from '../common/flags';
import type { CopyState } from './json-data';
import { UnstorableValue, copyFieldValue, formatPath, jsonText } from './json-data';

/** A model as JSON-ready plain data: declared fields plus `modelFlags` when set. */
export type PlainModel = Record<string, unknown>;

const PRIMITIVE_TYPES = new Set<unknown>([String, Number, Boolean, undefined]);

interface FieldCodec {
  property: string;
  /** A children uid list: stored as it is. */
  children: boolean;
  /** Declared as a Date: written as its ISO text, read back as a Date. */
  date: boolean;
  decode: ((v: unknown) => unknown) | undefined;
}

function fieldCodec(field: FieldMetadata): FieldCodec {
  const type = field.designType;
  const base = { property: field.property, children: field.kind === 'children', date: type === Date };
  if (base.children || PRIMITIVE_TYPES.has(type)) return { ...base, decode: undefined };
  if (base.date) {
    return { ...base, decode: (v) => (typeof v === 'string' || typeof v === 'number' ? new Date(v) : v) };
  }
  // Only a declared user class goes through class-transformer on the way back; plain
  // objects and arrays (design type Object or Array) are used as JSON.parse made them.
  const isClass = typeof type === 'function' && type !== Object && type !== Array;
  return {
    ...base,
    decode: isClass ? (v) => (v === null || typeof v !== 'object' ? v : classTransformer().plainToInstance(type as new () => object, v)) : undefined,
  };
}

interface ClassCodec {
  fields: FieldCodec[];
  simple: boolean;
}

const codecs = new WeakMap<Function, ClassCodec>();

function classCodec(cls: Function): ClassCodec {
  let codec = codecs.get(cls);
  if (!codec) {
    const fields = getModelMetadata(cls).fields.map(fieldCodec);
    codec = { fields, simple: fields.every((f) => f.decode === undefined) };
    codecs.set(cls, codec);
  }
  return codec;
}

/**
 * `obj` as JSON-ready plain data (see `ModelCodec.encode`); `state.negativeZero` is set when
 * the data holds a `-0` (write it with `jsonText`, which keeps it).
 */
export function encodeModel(obj: DiffSyncModel, state: CopyState): PlainModel {
  const { fields } = classCodec(obj.constructor);
  const self = obj as unknown as Record<string, unknown>;
  const out: PlainModel = {};
  if (obj.modelFlags !== DiffSyncModelFlags.NONE && obj.modelFlags !== undefined) out['modelFlags'] = obj.modelFlags;
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i];
    const v = self[f.property];
    if (v === undefined) continue;
    const t = typeof v;
    if (t === 'string' || t === 'boolean' || (t === 'number' && isOrdinaryNumber(v as number)) || v === null || (f.children && Array.isArray(v))) {
      out[f.property] = v; // as it is: nothing to copy or check
    } else if (f.date && v instanceof Date) {
      out[f.property] = v.toISOString();
    } else {
      try {
        out[f.property] = copyFieldValue(v, state);
      } catch (error) {
        if (!(error instanceof UnstorableValue)) throw error;
        throw unstorable(obj, f.property, error);
      }
    }
  }
  return out;
}

/** A finite number other than 0 and -0 (those are checked by copyFieldValue). */
function isOrdinaryNumber(v: number): boolean {
  return v - v === 0 && v !== 0;
}

function unstorable(obj: DiffSyncModel, property: string, error: UnstorableValue): UnstorableValueError {
  const model = obj.getType();
  const uid = obj.getUniqueId();
  const path = formatPath(property, error.path);
  return new UnstorableValueError(
    `Cannot store ${model} ${JSON.stringify(uid)}: ${path} holds ${error.what}. ` +
      `A store that writes JSON would read back a different value, so it writes nothing; change the value and flush again.`,
    { model, uid, path },
  );
}

/**
 * Converts models to plain JSON-ready data and back, for stores that serialise.
 * Strings, booleans, null and children lists are copied as they are; Dates become ISO
 * strings; plain objects and arrays are copied structurally, any key included
 * (`constructor`, `__proto__`, ...); other class instances go through class-transformer
 * (`instanceToPlain`; and `plainToInstance` when the field's declared type is that class),
 * so `@Type`/`@Transform` decorators apply. Values JSON cannot carry (NaN, ±Infinity,
 * bigint, `undefined` inside data) throw `UnstorableValueError`. `-0` stays `-0`; write the
 * data with `ModelCodec.stringify` to keep it in the text.
 */
export const ModelCodec = {
  /**
   * `obj`'s declared fields as JSON-ready plain data (Dates as ISO strings, children lists as arrays).
   *
   * @throws {@link UnstorableValueError} when a field holds a value JSON cannot carry (a BigInt, a cycle, a function).
   */
  encode(obj: DiffSyncModel): PlainModel {
    return encodeModel(obj, { negativeZero: false });
  },

  /** The JSON text a store writes for `obj` (like `JSON.stringify(encode(obj))`, but `-0` stays `-0`). */
  stringify(obj: DiffSyncModel): string {
    const state: CopyState = { negativeZero: false };
    const plain = encodeModel(obj, state);
    return state.negativeZero ? jsonText(plain) : JSON.stringify(plain);
  },

  /** A new instance of `cls` from data `encode` produced (Dates and class-typed fields rebuilt). */
  decode<M extends DiffSyncModel>(cls: ModelClass<M>, plain: PlainModel): M {
    const codec = classCodec(cls);
    if (codec.simple) return new cls(plain);
    const init: PlainModel = { ...plain };
    for (const f of codec.fields) {
      if (f.decode && init[f.property] !== undefined) init[f.property] = f.decode(init[f.property]);
    }
    return new cls(init);
  },
};
