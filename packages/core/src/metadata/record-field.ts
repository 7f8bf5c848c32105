import 'reflect-metadata';
import { FIELD_ARGS_KEY } from './metadata-keys';
import type { FieldArgs } from './model-args';
import { ModelDefinitionError } from '../errors';

/**
 * Throw a ModelDefinitionError when a field decorator is called the way standard
 * (TC39, non-legacy) decorators call it: `(undefined, { kind: 'field', name })`. That is
 * what tsx, esbuild or TypeScript 5 do without `experimentalDecorators`; the models need
 * the legacy form, which receives the prototype and the property name.
 */
export function assertLegacyDecoratorCall(decorator: string, prototype: unknown, property: unknown): void {
  if (typeof prototype === 'object' && prototype !== null && (typeof property === 'string' || typeof property === 'symbol')) return;
  const context = property as { kind?: unknown; name?: unknown } | undefined;
  const standard = typeof context === 'object' && context !== null && typeof context.kind === 'string';
  const where = standard ? `field '${String(context.name)}'` : `a ${typeof prototype} target`;
  throw new ModelDefinitionError(
    `@${decorator}() on ${where} was called as a standard (TC39) decorator, but diffsync models use legacy ` +
      `decorators: compile with "experimentalDecorators": true and "emitDecoratorMetadata": true in tsconfig.json ` +
      `(tsx and esbuild read them from the tsconfig they use; extend "@diffsync/core/tsconfig.json" to get both).`,
  );
}

/**
 * Append a field declaration to the class owning `prototype`. The inherited list is
 * copied first, so a subclass never changes its parent's declarations.
 */
export function recordField(prototype: object, args: Omit<FieldArgs, 'owner'>): void {
  const ctor = (prototype as { constructor: Function }).constructor;
  const own = Reflect.getOwnMetadata(FIELD_ARGS_KEY, ctor) as FieldArgs[] | undefined;
  const list: FieldArgs[] = own ?? [...((Reflect.getMetadata(FIELD_ARGS_KEY, ctor) as FieldArgs[] | undefined) ?? [])];
  list.push({ ...args, owner: ctor });
  Reflect.defineMetadata(FIELD_ARGS_KEY, list, ctor);
}
