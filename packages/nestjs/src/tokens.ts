import type { Adapter } from '@diffsync/core';

/** Any adapter class. */
export type AdapterClass<A extends Adapter = Adapter> = new (...args: never[]) => A;

/** What `@InjectAdapterFactory(X)` injects: a function returning a fresh, unloaded X. */
export type AdapterFactory<A extends Adapter = Adapter> = () => Promise<A>;

const factoryTokens = new WeakMap<Function, symbol>();

/** The injection token of an adapter class's factory. */
export function getAdapterFactoryToken(adapter: AdapterClass): symbol {
  let token = factoryTokens.get(adapter);
  if (!token) {
    token = Symbol(`DiffSyncAdapterFactory<${adapter.name}> (register ${adapter.name} with DiffSyncModule.forFeature)`);
    factoryTokens.set(adapter, token);
  }
  return token;
}
