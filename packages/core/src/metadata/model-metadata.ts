import type { FieldKind } from './model-args';

/** One declared field of a model, after inheritance is merged. */
export interface FieldMetadata {
  /** Which decorator declared it. */
  readonly kind: FieldKind;
  /** The property name. */
  readonly property: string;
  /** True when the decorator gave a `default`. */
  readonly hasDefault: boolean;
  /** The default value (copied per instance when it is an object or array). */
  readonly default: unknown;
  /** `design:type` emitted by TypeScript (String, Number, Boolean, Date, Array, Object, a class...). */
  readonly designType: Function | undefined;
}

/** One `@Children` field, with the child's model name resolved. */
export interface ChildMetadata {
  /** The child model's name. */
  readonly modelName: string;
  /** The property holding the children's unique ids. */
  readonly property: string;
  /** Child fields holding the parent's identifiers, when declared. */
  readonly foreignKey: readonly string[] | undefined;
}

/** A `@Children` field as `addChild`/`removeChild` use it (see {@link ModelMetadata.childFieldOf}). */
export interface ChildField {
  /** The property holding the children's unique ids. */
  readonly property: string;
  /** The field's current value on `obj`, read monomorphically. */
  readonly read: (obj: Record<string, unknown>) => unknown;
}

/** Frozen, per-class description of a model, built once and used by every hot path. */
export interface ModelMetadata {
  /** The model class. */
  readonly modelClass: Function;
  /** The model's type name (`@Model` name). */
  readonly name: string;
  /** Fields naming the model in diffs. */
  readonly shortname: readonly string[];
  /** Model flags from `@Model({ flags })`. */
  readonly flags: number;
  /** Every declared field in declaration order (parents' first). */
  readonly fields: readonly FieldMetadata[];
  /** Identifier fields, declaration order. */
  readonly identifiers: readonly string[];
  /** Attribute fields, declaration order. */
  readonly attributes: readonly string[];
  /** Plain `@Field` fields (neither compared nor identifying). */
  readonly plainFields: readonly string[];
  /** `@Children` fields. */
  readonly children: readonly ChildMetadata[];
  /** `{ childModelName: fieldName }` in declaration order. */
  readonly childrenMapping: Readonly<Record<string, string>>;
  /** Per child model name: the field and a compiled reader of it (the lookup `addChild` makes for every child). */
  readonly childFieldOf: ReadonlyMap<string, ChildField>;
  /** Every declared field by property name. */
  readonly fieldByName: ReadonlyMap<string, FieldMetadata>;
  /** Unique id from an object holding the identifier values. */
  readonly uidOf: (values: Record<string, unknown>) => string;
  /** The first identifier `obj` holds as undefined, or undefined when every one is set. */
  readonly missingIdentifier: (obj: Record<string, unknown>) => string | undefined;
  /** The first identifier's value (undefined when the model has none). */
  readonly idA: (obj: Record<string, unknown>) => unknown;
  /** The second identifier's value (undefined when the model has fewer). */
  readonly idB: (obj: Record<string, unknown>) => unknown;
  /** Assign every declared field of a new instance from `init`, defaults and `[]` for children. */
  readonly initialise: (obj: Record<string, unknown>, init: Record<string, unknown>) => void;
  /** True when `a` and `b` hold the same (`===`) identifier values. */
  readonly sameIdentifiers: (a: Record<string, unknown>, b: Record<string, unknown>) => boolean;
  /** Identifier values of `obj` as a new plain object, declaration order. */
  readonly identifiersOf: (obj: Record<string, unknown>) => Record<string, unknown>;
  /** Shortname fields joined with "__", or the uid when the model declares none. */
  readonly shortnameOf: (obj: Record<string, unknown>) => string;
  /** Attribute values of `obj` as a new plain object, declaration order. */
  readonly attrsOf: (obj: Record<string, unknown>) => Record<string, unknown>;
  /** True when `attrs` (attrsOf of a model of this class) and `obj` hold equal attribute values. */
  readonly sameAttrs: (attrs: Record<string, unknown>, obj: Record<string, unknown>) => boolean;
}
