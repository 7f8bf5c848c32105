import { Injectable } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import * as ts from 'typescript';
import * as core from '@diffsync/core';
import { Adapter, Attribute, DiffSyncModel, Identifier, Model } from '@diffsync/core';
import { DiffSyncModule, DiffSyncModuleError, DiffSyncService } from '@diffsync/nestjs';

// What a fresh `nest new` app compiles: target ES2023, useDefineForClassFields true
// (its default for that target), legacy decorators.
const source = `
import { Adapter, Attribute, DiffSyncModel, Identifier, Model } from '@diffsync/core';

@Model('vlan')
export class Vlan extends DiffSyncModel {
  @Identifier() vid!: number;
  @Attribute() name!: string;
}

export class Planned extends Adapter {
  static override models = [Vlan];
  static override topLevel = ['vlan'];
  override async load(): Promise<void> {
    for (const vid of [10, 20, 30]) await this.add(new Vlan({ vid, name: 'v' + vid }));
  }
}

export class Running extends Adapter {
  static override models = [Vlan];
  static override topLevel = ['vlan'];
  override async load(): Promise<void> {
    await this.add(new Vlan({ vid: 10, name: 'old' }));
  }
}
`;

function nestNewCompile(): { Planned: typeof Adapter; Running: typeof Adapter } {
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2023,
      experimentalDecorators: true,
      emitDecoratorMetadata: true,
      useDefineForClassFields: true,
    },
  });
  const module = { exports: {} as Record<string, unknown> };
  const run = new Function('require', 'module', 'exports', outputText) as (require: (id: string) => unknown, module: object, exports: object) => void;
  run(
    (id: string) => {
      if (id === '@diffsync/core') return core;
      throw new Error(`fixture requires ${id}`);
    },
    module,
    module.exports,
  );
  const { Planned, Running } = module.exports as { Planned: typeof Adapter; Running: typeof Adapter };
  // What @Injectable() does to a class written in the app.
  Injectable()(Planned);
  Injectable()(Running);
  return { Planned, Running };
}

describe('DiffSyncModule and class fields', () => {
  it('models compiled as a fresh nest app compiles them (useDefineForClassFields: true) sync on the first request', async () => {
    const { Planned, Running } = nestNewCompile();
    const app = await Test.createTestingModule({
      imports: [DiffSyncModule.forRoot({}), DiffSyncModule.forFeature([Planned, Running])],
    }).compile();
    await app.init();
    const service = app.get(DiffSyncService);
    const diff = await service.sync(Planned, Running);
    expect(diff.summary()).toEqual({ create: 2, update: 1, delete: 0, 'no-change': 0, skip: 0 });
    await app.close();
  });

  it('a model that loses its constructor values fails at bootstrap, naming the adapter, the model and the fields', async () => {
    @Model('port')
    class Port extends DiffSyncModel {
      @Identifier() name!: string;
    }
    // A subclass without its own @Model cannot put values back after its initialiser.
    class FastPort extends Port {
      @Attribute() speed: number = 10;
    }
    @Injectable()
    class Ports extends Adapter {
      static override models = [FastPort];
      static override topLevel = ['port'];
    }
    const app = await Test.createTestingModule({ imports: [DiffSyncModule.forRoot({}), DiffSyncModule.forFeature([Ports])] }).compile();
    const error = await app.init().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DiffSyncModuleError);
    expect((error as Error).message).toBe(
      'Adapter Ports: model FastPort loses the constructor value of \'speed\' (a field initialiser, or "useDefineForClassFields": true, ' +
        "resets it after DiffSyncModel's constructor). Decorate FastPort itself with @Model(...) (it then puts constructor values back), " +
        'or remove the initialiser.',
    );
    // Nothing to close: the start failed before any store was built.
  });
});
