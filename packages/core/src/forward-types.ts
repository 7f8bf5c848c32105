/**
 * Forward declarations of the classes that modules below them name in their types.
 *
 * A model names the adapter that holds it, a store the adapter it belongs to, a diff
 * element the diff it builds its children with; but `Adapter` and `Diff` import those
 * modules, so importing them back would close an import cycle (`npm run depcheck`). The
 * lower modules import the names from here instead, and the module that defines each
 * class adds it to {@link ForwardTypes} by declaration merging:
 *
 * ```ts
 * declare module '../forward-types' {
 *   interface ForwardTypes { Adapter: Adapter }
 * }
 * ```
 *
 * so `Adapter` below resolves to the `Adapter` class itself wherever the package is
 * compiled or used (the declaration travels with `adapter.d.ts`). Types only: nothing
 * here exists at run time.
 *
 * @internal
 */
export interface ForwardTypes {}

/**
 * The `Adapter` class (adapter/adapter.ts), for modules it imports.
 *
 * @inline
 * @useDeclaredType
 * @internal
 */
export type Adapter = ForwardTypes['Adapter'];

/**
 * The `Diff` class (diff/diff.ts), for modules it imports.
 *
 * @inline
 * @useDeclaredType
 * @internal
 */
export type Diff = ForwardTypes['Diff'];
