import { getAdapterRegistry, getModelMetadata } from '@diffsync/core';
import type { Adapter, ModelClass } from '@diffsync/core';
import { DiffSyncModuleError } from './errors';

const PROBE = '\u0000diffsync-bootstrap-probe\u0000';

/**
 * The fields of `cls` whose constructor value does not survive construction (a field
 * initialiser in a subclass without its own `@Model`): found by building one probe
 * instance with a sentinel in every field. Empty when the constructor cannot take them.
 */
export function wipedFields(cls: ModelClass): string[] {
  const meta = getModelMetadata(cls);
  const init: Record<string, unknown> = {};
  for (const f of meta.fields) init[f.property] = f.kind === 'children' ? [PROBE] : PROBE;
  let probe: Record<string, unknown>;
  try {
    probe = new cls(init) as unknown as Record<string, unknown>;
  } catch {
    return [];
  }
  return meta.fields
    .filter((f) => {
      const v = probe[f.property];
      return f.kind === 'children' ? !(Array.isArray(v) && v[0] === PROBE) : v !== PROBE;
    })
    .map((f) => f.property);
}

/**
 * Check every model of a registered adapter class at bootstrap, so a model that loses its
 * constructor values fails the application start instead of the first request.
 */
export function checkAdapterModels(adapterClass: typeof Adapter): void {
  for (const cls of getAdapterRegistry(adapterClass).byName.values()) {
    const wiped = wipedFields(cls);
    if (wiped.length === 0) continue;
    throw new DiffSyncModuleError(
      `Adapter ${adapterClass.name}: model ${cls.name} loses the constructor value of ${wiped.map((f) => `'${f}'`).join(', ')} ` +
        `(a field initialiser, or "useDefineForClassFields": true, resets it after DiffSyncModel's constructor). ` +
        `Decorate ${cls.name} itself with @Model(...) (it then puts constructor values back), or remove the initialiser.`,
    );
  }
}
