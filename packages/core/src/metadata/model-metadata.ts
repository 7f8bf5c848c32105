import { FieldKind } from './model-args';

/** One declared field of a model, after inheritance is merged. */
export interface FieldMetadata {
  readonly kind: FieldKind;
  readonly property: string;
  readonly hasDefault: boolean;
  readonly default: unknown;
  /** `design:type` emitted by TypeScript (String, Number, Boolean, Date, Array, Object, a class...). */
  readonly designType: Function | undefined;
}

/** One `@Children` field, with the child's model name resolved. */
export interface ChildMetadata {
  readonly modelName: string;
  readonly property: string;
  readonly foreignKey: readonly string[] | undefined;
}

/** A `@Children` field as `addChild`/`removeChild` use it. */
export interface ChildField {
  readonly property: string;
  /** The field's current value on `obj`, read monomorphically. */
  readonly read: (obj: Record<string, unknown>) => unknown;
}

/** Frozen, per-class description of a model, built once and used by every hot path. */
export interface ModelMetadata {
  readonly modelClass: Function;
  readonly name: string;
  readonly shortname: readonly string[];
  readonly flags: number;
  /** Every declared field in declaration order (parents' first). */
  readonly fields: readonly FieldMetadata[];
  readonly identifiers: readonly string[];
  readonly attributes: readonly string[];
  readonly plainFields: readonly string[];
  readonly children: readonly ChildMetadata[];
  /** `{ childModelName: fieldName }` in declaration order. */
  readonly childrenMapping: Readonly<Record<string, string>>;
  /** Per child model name: the field and a compiled reader of it (the lookup `addChild` makes for every child). */
  readonly childFieldOf: ReadonlyMap<string, ChildField>;
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
