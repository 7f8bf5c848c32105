// Optional-at-start-up dependencies, loaded on first use so that `require('@diffsync/core')`
// (and a CLI start) does not pay for them: class-validator (~80 ms) only with
// `validate: true`, winston (~40 ms) only for the console logger, class-transformer
// (~35 ms) only when a class instance is converted to or from plain data.
import type * as ClassTransformer from 'class-transformer';
import type * as ClassValidator from 'class-validator';
import type * as Winston from 'winston';

type ClassTransformerModule = typeof ClassTransformer;

let classTransformerModule: ClassTransformerModule | undefined;
const onClassTransformer: Array<(ct: ClassTransformerModule) => void> = [];

/** class-transformer, loaded on the first call (decorators deferred with `lazyExclude` are applied then). */
export function classTransformer(): ClassTransformerModule {
  if (!classTransformerModule) {
    const loaded = require('class-transformer') as ClassTransformerModule;
    classTransformerModule = loaded;
    for (const apply of onClassTransformer.splice(0)) apply(loaded);
  }
  return classTransformerModule;
}

/** class-transformer's `@Exclude()`, recorded now and registered when class-transformer loads. */
export function lazyExclude(): (target: object, property: string | symbol) => void {
  return (target, property) => {
    const apply = (ct: ClassTransformerModule): void => ct.Exclude()(target, property);
    if (classTransformerModule) apply(classTransformerModule);
    else onClassTransformer.push(apply);
  };
}

/** class-validator, loaded on the first validation (`validate: true`). */
export function classValidator(): typeof ClassValidator {
  return require('class-validator') as typeof ClassValidator;
}

/** winston, loaded when a console logger is created. */
export function winston(): typeof Winston {
  return require('winston') as typeof Winston;
}
