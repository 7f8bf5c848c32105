/** Reflect-metadata keys under which decorators record their raw arguments. */
export const MODEL_ARGS_KEY = Symbol.for('@diffsync/model');
export const FIELD_ARGS_KEY = Symbol.for('@diffsync/fields');
