import { SchemaError } from '../errors';
import type { CatalogForeignKey, CatalogTable } from './catalog';

/** A declared table whose primary key the plan drops and re-creates. */
export interface PrimaryKeyChange {
  /** Namespace and physical name as discovery reports them (normalised). */
  readonly namespace: string | undefined;
  readonly name: string;
  /** The table as SQL, for messages. */
  readonly ref: string;
  /** Current key columns (empty when the table has no primary key). */
  readonly from: readonly string[];
  readonly to: readonly string[];
}

/** A foreign key that references a changing primary key and must survive the change. */
export interface KeptReference {
  readonly table: CatalogTable;
  readonly foreignKey: CatalogForeignKey;
  readonly change: PrimaryKeyChange;
}

export interface ReferenceScope {
  /** Every table the plan sees (all namespaces). */
  readonly tables: readonly CatalogTable[];
  /** True for a table some model declares: its foreign keys are planned from the models. */
  isDeclared(table: CatalogTable): boolean;
  /** True when undeclared tables are dropped by this plan (`allowDrop`). */
  readonly allowDrop: boolean;
  /** The table as SQL, for messages. */
  refOf(table: CatalogTable): string;
}

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * Foreign keys of tables that no model declares (and that stay: no `allowDrop`) which
 * reference a table whose primary key changes. A foreign key that references exactly the
 * new key columns is returned, to be dropped before the change and re-added after it;
 * any other would be left pointing at columns that are no longer a key, so the change is
 * refused with a `SchemaError` naming the foreign key, its table and what to do.
 * Declared tables are not returned: their foreign keys follow the models.
 */
export function undeclaredReferences(changes: readonly PrimaryKeyChange[], scope: ReferenceScope): KeptReference[] {
  const kept: KeptReference[] = [];
  if (changes.length === 0 || scope.allowDrop) return kept;
  for (const table of scope.tables) {
    if (scope.isDeclared(table)) continue;
    for (const fk of table.foreignKeys) {
      const change = changes.find((c) => c.name === fk.refTable && c.namespace === fk.refNamespace);
      if (!change) continue;
      // SQLite: `REFERENCES t` without columns means t's primary key, whatever it is.
      const refColumns = fk.refColumns.length === 0 || fk.refColumns.every((c) => c === null) ? change.from : fk.refColumns;
      // A foreign key to another unique key of the table does not depend on the primary key.
      if (!sameList(refColumns, change.from) && !sameList(refColumns, change.to)) continue;
      if (sameList(refColumns, change.to) && fk.columns.length === change.to.length) {
        kept.push({ table, foreignKey: fk, change });
        continue;
      }
      throw new SchemaError(
        `Table ${change.ref}: its primary key would change from (${change.from.join(', ')}) to (${change.to.join(', ')}), ` +
          `but foreign key ${JSON.stringify(fk.name)} of table ${scope.refOf(table)}, which no model declares, references ` +
          `(${refColumns.join(', ')}). Nothing was changed. Drop or change that foreign key first, declare its table as a ` +
          'model (with @Children(…, { foreignKey })), or pass allowDrop if that table is to be dropped.',
      );
    }
  }
  return kept;
}
