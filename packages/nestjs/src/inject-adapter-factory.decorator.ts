import { Inject } from '@nestjs/common';
import type { AdapterClass } from './tokens';
import { getAdapterFactoryToken } from './tokens';

/** Inject `() => Promise<AdapterClass>`: each call gives a fresh, unloaded adapter. */
export function InjectAdapterFactory(adapter: AdapterClass): ParameterDecorator & PropertyDecorator {
  return Inject(getAdapterFactoryToken(adapter));
}
