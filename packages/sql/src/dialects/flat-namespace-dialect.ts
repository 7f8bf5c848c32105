import type { PhysicalName } from '../schema/dialect';

/**
 * What MySQL and SQLite share: no schemas inside one database, so a namespace becomes a
 * `namespace__table` prefix; booleans are 1/0 in literals.
 */
export abstract class FlatNamespaceDialect {
  abstract quoteIdentifier(name: string): string;
  abstract quoteString(value: string): string;

  literal(value: string | number | boolean): string {
    if (typeof value === 'boolean') return value ? '1' : '0';
    if (typeof value === 'number') return String(value);
    return this.quoteString(value);
  }

  physicalName(namespace: string | undefined, name: string): PhysicalName {
    return { schema: undefined, name: namespace ? `${namespace}__${name}` : name };
  }

  tableRef(table: { readonly namespace: string | undefined; readonly name: string }): string {
    return this.quoteIdentifier(this.physicalName(table.namespace, table.name).name);
  }
}
