import { Inject } from '@nestjs/common';
import { AdapterClass, getAdapterFactoryToken } from './tokens';

/** Inject `() => Promise<AdapterClass>`: each call gives a fresh, unloaded adapter. */
export function InjectAdapterFactory(adapter: AdapterClass): ParameterDecorator & PropertyDecorator {
  return Inject(getAdapterFactoryToken(adapter));
}
