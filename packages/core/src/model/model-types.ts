import type { DiffSyncModelFlags } from '../common/flags';

/**
 * Members every model inherits from DiffSyncModel: never part of a model's data.
 * @internal
 */
type BaseMember =
  | 'modelFlags'
  | 'adapter'
  | 'getType'
  | 'getUniqueId'
  | 'getShortname'
  | 'getIdentifiers'
  | 'getAttrs'
  | 'addChild'
  | 'removeChild'
  | 'setStatus'
  | 'getStatus'
  | 'toDict'
  | 'toJSON'
  | 'toString'
  | 'str'
  | 'updateBase'
  | 'update'
  | 'deleteBase'
  | 'delete';

/**
 * True when `T` is `any`.
 * @internal
 */
type IsAny<T> = 0 extends 1 & T ? true : false;

/**
 * The data fields of model `M`: its public, non-method properties other than those
 * DiffSyncModel declares (identifiers, attributes, plain fields and children lists).
 */
export type ModelData<M> = {
  [K in keyof M as K extends BaseMember ? never : M[K] extends (...args: never[]) => unknown ? never : K]: M[K];
};

/**
 * What a typed model's constructor and `Model.of()` accept: any of the model's own data
 * fields with their declared types (typos and wrong types fail `tsc`), plus `modelFlags`.
 * For `any` (an untyped `DiffSyncModel`) it is `object`, as before.
 */
export type ModelInit<M> =
  IsAny<M> extends true
    ? object
    : Partial<ModelData<M>> & {
        /** Model flags this instance starts with. */
        modelFlags?: DiffSyncModelFlags;
      };

/**
 * The identifier values a CRUD hook receives: `Ids<Device, 'site' | 'name'>` is
 * `{ site: string; name: string }`. Without keys: every data field, optional.
 */
export type Ids<M, K extends keyof ModelData<M> = never> = [K] extends [never] ? Partial<ModelData<M>> : Pick<ModelData<M>, K>;

/**
 * The attribute values a CRUD hook receives: `Attrs<Device, 'role'>` is `{ role: string }`
 * (`create` gets every attribute; `update` gets the changed ones: use `Partial<Attrs<...>>`).
 * Without keys: every data field, optional.
 */
export type Attrs<M, K extends keyof ModelData<M> = never> = [K] extends [never] ? Partial<ModelData<M>> : Pick<ModelData<M>, K>;
