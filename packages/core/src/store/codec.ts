import { instanceToPlain, plainToInstance } from 'class-transformer';
import { getModelMetadata } from '../metadata/metadata-builder';
import type { FieldMetadata } from '../metadata/model-metadata';
import type { DiffSyncModel, ModelClass } from '../model/diffsync-model';
import { DiffSyncModelFlags } from '../model/flags';

/** A model as JSON-ready plain data: declared fields plus `modelFlags` when set. */
export type PlainModel = Record<string, unknown>;

const PRIMITIVE_TYPES = new Set<unknown>([String, Number, Boolean, undefined]);

interface FieldCodec {
  property: string;
  encode: ((v: unknown) => unknown) | undefined;
  decode: ((v: unknown) => unknown) | undefined;
}

function fieldCodec(field: FieldMetadata): FieldCodec {
  const type = field.designType;
  if (field.kind === 'children' || PRIMITIVE_TYPES.has(type)) {
    // Strings, numbers, booleans and child uid lists are stored as they are.
    return { property: field.property, encode: undefined, decode: undefined };
  }
  if (type === Date) {
    return {
      property: field.property,
      encode: (v) => (v instanceof Date ? v.toISOString() : v),
      decode: (v) => (typeof v === 'string' || typeof v === 'number' ? new Date(v) : v),
    };
  }
  const isClass = typeof type === 'function' && type !== Object && type !== Array;
  return {
    property: field.property,
    encode: (v) => (v === null || typeof v !== 'object' ? v : instanceToPlain(v)),
    decode: isClass
      ? (v) => (v === null || typeof v !== 'object' ? v : plainToInstance(type as new () => object, v))
      : undefined,
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
    codec = { fields, simple: fields.every((f) => f.encode === undefined && f.decode === undefined) };
    codecs.set(cls, codec);
  }
  return codec;
}

/**
 * Converts models to plain JSON-ready data and back, for stores that serialise.
 * Primitive fields are copied as they are; Dates become ISO strings; other objects
 * go through class-transformer (`instanceToPlain`, and `plainToInstance` with the
 * field's declared class), so `@Type`/`@Transform` decorators apply.
 */
export const ModelCodec = {
  encode(obj: DiffSyncModel): PlainModel {
    const { fields } = classCodec(obj.constructor);
    const self = obj as unknown as Record<string, unknown>;
    const out: PlainModel = {};
    if (obj.modelFlags !== DiffSyncModelFlags.NONE && obj.modelFlags !== undefined) out['modelFlags'] = obj.modelFlags;
    for (const f of fields) {
      const v = self[f.property];
      if (v === undefined) continue;
      out[f.property] = f.encode ? f.encode(v) : v;
    }
    return out;
  },

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
