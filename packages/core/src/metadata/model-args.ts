import type { DiffSyncModelFlags } from '../common/flags';

/** What `@Model(...)` records. */
export interface ModelOptions {
  /** The model's type name: keys the store, the diff groups and the adapter registry. */
  name: string;
  /** Fields whose values, joined with "__", name the model in diffs (default: the uid). */
  shortname?: string[];
  /** Model flags every instance starts with. */
  flags?: DiffSyncModelFlags;
}

/** What a decorator declared a field as. */
export type FieldKind = 'identifier' | 'attribute' | 'field' | 'children';

/** Options of `@Attribute(...)`. */
export interface AttributeOptions {
  /** Value applied when the constructor omits the field. Objects and arrays are copied per instance. */
  default?: unknown;
}

/** Options of `@Field(...)` (the same as `@Attribute`'s). */
export type FieldOptions = AttributeOptions;

/** A class (or a thunk returning one) or a model name: what `@Children` accepts. */
export type ChildModelRef =
  | string
  | (() => {
      /** The child model's type name. */
      getType(): string;
    });

/** Options of `@Children(...)`. */
export interface ChildrenOptions {
  /** Child fields that hold the parent's identifiers (used by @diffsync/sql). */
  foreignKey?: string[];
}

/** One decorator application, as recorded on the class. */
export interface FieldArgs {
  kind: FieldKind;
  property: string;
  /** The class whose declaration recorded it. */
  owner: Function;
  options: AttributeOptions & ChildrenOptions & { child?: ChildModelRef };
}
