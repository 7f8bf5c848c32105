import { assertLegacyDecoratorCall, recordField } from '../metadata/record-field';
import type { AttributeOptions, ChildModelRef, ChildrenOptions, FieldOptions } from '../metadata/model-args';

/** A natural-key field. The uid joins identifier values with "__" in declaration order. */
export function Identifier(): PropertyDecorator {
  return (prototype, property) => {
    assertLegacyDecoratorCall('Identifier', prototype, property);
    recordField(prototype, { kind: 'identifier', property: String(property), options: {} });
  };
}

/** A field compared by the differ. */
export function Attribute(options: AttributeOptions = {}): PropertyDecorator {
  return (prototype, property) => {
    assertLegacyDecoratorCall('Attribute', prototype, property);
    recordField(prototype, { kind: 'attribute', property: String(property), options: { ...options } });
  };
}

/** A plain stored field: set by the constructor, serialised, never compared. */
export function Field(options: FieldOptions = {}): PropertyDecorator {
  return (prototype, property) => {
    assertLegacyDecoratorCall('Field', prototype, property);
    recordField(prototype, { kind: 'field', property: String(property), options: { ...options } });
  };
}

/**
 * A list of child unique ids of another model type, given by name or by a thunk
 * returning the child class (`() => Interface`). Initialised to `[]` per instance.
 */
export function Children(child: ChildModelRef, options: ChildrenOptions = {}): PropertyDecorator {
  return (prototype, property) => {
    assertLegacyDecoratorCall('Children', prototype, property);
    recordField(prototype, { kind: 'children', property: String(property), options: { ...options, child } });
  };
}
