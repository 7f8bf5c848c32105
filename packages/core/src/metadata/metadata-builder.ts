import 'reflect-metadata';
import { FIELD_ARGS_KEY, MODEL_ARGS_KEY } from './metadata-keys';
import type { FieldArgs, FieldKind, ModelOptions } from './model-args';
import type { ChildMetadata, FieldMetadata, ModelMetadata } from './model-metadata';
import { ModelDefinitionError } from '../errors';
import { makeInitialise, makeMissingIdentifier, makePick, makeReader, makeSameStrict, makeSameValues, makeShortnameOf, makeUidOf } from './compiled-accessors';
import { keepExemplar } from '../common/shape-keeper';

const cache = new WeakMap<Function, ModelMetadata>();
let baseModelClass: Function | undefined;

/** Called once by DiffSyncModel so the bare base class resolves to type "diffsyncmodel". */
export function registerBaseModelClass(cls: Function): void {
  baseModelClass = cls;
}

/** The frozen metadata of a model class, built and validated on first use. */
export function getModelMetadata(cls: Function): ModelMetadata {
  // Fast path: a hidden static on the class (a subclass inherits its parent's, hence the check).
  const own = (cls as unknown as Record<symbol, ModelMetadata | undefined>)[META];
  if (own !== undefined && own.modelClass === cls) return own;
  let meta = cache.get(cls);
  if (meta === undefined) {
    meta = buildModelMetadata(cls);
    cache.set(cls, meta);
    // One argument-less instance keeps the class's layout alive between syncs (see
    // model/shape-keeper); a constructor that needs arguments throws and gets none.
    keepExemplar(cls, () => new (cls as new () => object)());
  }
  try {
    Object.defineProperty(cls, META, { value: meta, configurable: true, enumerable: false, writable: false });
  } catch {
    // A frozen class: the WeakMap serves it.
  }
  return meta;
}

const META = Symbol('diffsync.metadata');

const KIND_LABEL: Record<FieldKind, string> = {
  identifier: 'identifiers',
  attribute: 'attributes',
  field: 'fields',
  children: 'children',
};

function pyNameSet(names: string[]): string {
  return `{${names.map((n) => `'${n}'`).join(', ')}}`;
}

function resolveName(cls: Function): string {
  const options = Reflect.getMetadata(MODEL_ARGS_KEY, cls) as ModelOptions | undefined;
  if (options) return options.name;
  if (cls === baseModelClass) return 'diffsyncmodel';
  throw new ModelDefinitionError(
    `Model class ${cls.name} has no @Model name: decorate it with @Model('<type name>') (the name keys the store, the diff and the adapter's models).`,
  );
}

/** Merge inherited declarations: a subclass's redeclaration of a property replaces the parent's. */
function mergeFieldArgs(cls: Function): FieldArgs[] {
  const raw = (Reflect.getMetadata(FIELD_ARGS_KEY, cls) as FieldArgs[] | undefined) ?? [];
  const byProperty = new Map<string, FieldArgs>();
  const sameOwnerKinds = new Map<string, FieldArgs>();
  for (const args of raw) {
    const previous = sameOwnerKinds.get(args.property);
    if (previous && previous.owner === args.owner && previous.kind !== args.kind) {
      const [a, b] = [previous.kind, args.kind].sort((x, y) => ORDER.indexOf(x) - ORDER.indexOf(y)) as [FieldKind, FieldKind];
      throw new ModelDefinitionError(
        `Fields ${pyNameSet([args.property])} are included in both ${KIND_LABEL[a]} and ${KIND_LABEL[b]} (model class ${cls.name}): a field has exactly one role.`,
      );
    }
    sameOwnerKinds.set(args.property, args);
    // The list runs from base to most derived class: the last declaration wins.
    byProperty.set(args.property, args);
  }
  // Preserve first-declaration order.
  const order: string[] = [];
  const seen = new Set<string>();
  for (const args of raw) {
    if (!seen.has(args.property)) {
      seen.add(args.property);
      order.push(args.property);
    }
  }
  return order.map((p) => byProperty.get(p) as FieldArgs);
}

const ORDER: FieldKind[] = ['identifier', 'attribute', 'children', 'field'];

function resolveChildName(cls: Function, args: FieldArgs): string {
  const ref = args.options.child;
  if (typeof ref === 'string') return ref;
  if (typeof ref === 'function') {
    let target: unknown;
    try {
      target = ref();
    } catch (error) {
      throw new ModelDefinitionError(`@Children on ${cls.name}.${args.property}: the child thunk threw (${String(error)}).`, { cause: error });
    }
    if (typeof target === 'function' && typeof (target as { getType?: unknown }).getType === 'function') {
      return (target as unknown as { getType(): string }).getType();
    }
    throw new ModelDefinitionError(
      `@Children on ${cls.name}.${args.property}: the thunk returned ${String(target)}, not a model class ` +
        `(a circular import? pass the child's model name as a string instead).`,
    );
  }
  throw new ModelDefinitionError(`@Children on ${cls.name}.${args.property} needs a child model name or a thunk returning the child class.`);
}

function buildModelMetadata(cls: Function): ModelMetadata {
  const name = resolveName(cls);
  const options = (Reflect.getMetadata(MODEL_ARGS_KEY, cls) as ModelOptions | undefined) ?? { name };
  const merged = mergeFieldArgs(cls);

  const fields: FieldMetadata[] = [];
  const children: ChildMetadata[] = [];
  for (const args of merged) {
    const designType = Reflect.getMetadata('design:type', cls.prototype as object, args.property) as Function | undefined;
    fields.push(
      Object.freeze({
        kind: args.kind,
        property: args.property,
        hasDefault: Object.prototype.hasOwnProperty.call(args.options, 'default'),
        default: args.options.default,
        designType,
      }),
    );
    if (args.kind === 'children') {
      children.push(
        Object.freeze({
          modelName: resolveChildName(cls, args),
          property: args.property,
          foreignKey: args.options.foreignKey ? Object.freeze([...args.options.foreignKey]) : undefined,
        }),
      );
    }
  }
  const of = (kind: FieldKind) => Object.freeze(fields.filter((f) => f.kind === kind).map((f) => f.property));
  const identifiers = of('identifier');
  const attributes = of('attribute');
  const plainFields = of('field');
  const shortname = Object.freeze([...(options.shortname ?? [])]);
  const fieldByName = new Map(fields.map((f) => [f.property, f]));
  for (const s of shortname) {
    const f = fieldByName.get(s);
    if (!f || f.kind === 'children') {
      throw new ModelDefinitionError(`Model class ${cls.name}: shortname references '${s}', which is not a declared @Identifier, @Attribute or @Field.`);
    }
  }
  const childrenMapping: Record<string, string> = {};
  for (const c of children) {
    if (Object.prototype.hasOwnProperty.call(childrenMapping, c.modelName)) {
      throw new ModelDefinitionError(
        `Model class ${cls.name}: two @Children fields ('${childrenMapping[c.modelName]}' and '${c.property}') hold '${c.modelName}' children; use one field per child type.`,
      );
    }
    childrenMapping[c.modelName] = c.property;
  }
  const uidOf = makeUidOf(name, identifiers);
  return Object.freeze({
    modelClass: cls,
    name,
    shortname,
    flags: options.flags ?? 0,
    fields: Object.freeze(fields),
    identifiers,
    attributes,
    plainFields,
    children: Object.freeze(children),
    childrenMapping: Object.freeze(childrenMapping),
    childFieldOf: new Map(Object.entries(childrenMapping).map(([child, property]) => [child, Object.freeze({ property, read: makeReader(property) })])),
    fieldByName,
    uidOf,
    missingIdentifier: makeMissingIdentifier(identifiers),
    identifiersOf: makePick(identifiers),
    sameIdentifiers: makeSameStrict(identifiers),
    idA: makeReader(identifiers[0]),
    idB: makeReader(identifiers[1]),
    shortnameOf: makeShortnameOf(shortname, uidOf),
    initialise: makeInitialise(fields, options.flags ?? 0),
    attrsOf: makePick(attributes),
    sameAttrs: makeSameValues(attributes),
  });
}
