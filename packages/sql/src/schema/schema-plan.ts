/** An ordered list of DDL statements that brings a database to the models' schema. */
export class SchemaPlan {
  constructor(
    /** The statements, in execution order (no trailing semicolons). */
    readonly statements: readonly string[],
    /** True when the plan drops something that can hold data (a table or a column). */
    readonly destructive: boolean,
    /** Changes left out, with the reason (drops without `allowDrop`). */
    readonly skipped: readonly string[],
  ) {}

  /** True when nothing needs to run. */
  get isEmpty(): boolean {
    return this.statements.length === 0;
  }

  /** The SQL, one statement per line group, for a dry run; skipped changes as comments. */
  toString(): string {
    const lines = this.statements.map((s) => `${s};`);
    for (const s of this.skipped) lines.push(`-- skipped: ${s}`);
    return lines.join('\n');
  }
}

/** Options of `db.planSchema()` / `db.syncSchema()`. */
export interface PlanOptions {
  /** Allow dropping tables and columns that are no longer declared (default false). */
  allowDrop?: boolean;
}
