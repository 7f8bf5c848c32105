import 'reflect-metadata';
import { FIELD_ARGS_KEY } from './metadata-keys';
import { FieldArgs } from './model-args';

/**
 * Append a field declaration to the class owning `prototype`. The inherited list is
 * copied first, so a subclass never changes its parent's declarations.
 */
export function recordField(prototype: object, args: Omit<FieldArgs, 'owner'>): void {
  const ctor = (prototype as { constructor: Function }).constructor;
  const own: FieldArgs[] | undefined = Reflect.getOwnMetadata(FIELD_ARGS_KEY, ctor);
  const list: FieldArgs[] = own ?? [...((Reflect.getMetadata(FIELD_ARGS_KEY, ctor) as FieldArgs[] | undefined) ?? [])];
  list.push({ ...args, owner: ctor });
  Reflect.defineMetadata(FIELD_ARGS_KEY, list, ctor);
}
