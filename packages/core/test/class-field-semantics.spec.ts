import * as ts from 'typescript';
import * as core from '../src';
import { ModelDefinitionError } from '../src';

// Models compiled the way users' projects compile them: TypeScript's own transpiler with
// the compiler options under test, run against this package's code.
type Run = (print: (line: string) => void) => Promise<void>;

function compileAndLoad(source: string, options: ts.CompilerOptions): { run: Run } {
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, ...options },
    reportDiagnostics: false,
  });
  const module = { exports: {} as Record<string, unknown> };
  const load = new Function('require', 'module', 'exports', outputText) as (r: (id: string) => unknown, m: typeof module, e: object) => void;
  load(
    (id) => {
      if (id === '@diffsync/core') return core;
      throw new Error(`fixture requires ${id}`);
    },
    module,
    module.exports,
  );
  return module.exports as unknown as { run: Run };
}

const LEGACY = { experimentalDecorators: true, emitDecoratorMetadata: true };

const inventory = `
import { Adapter, Attribute, Children, DiffSyncModel, Field, Identifier, Model } from '@diffsync/core';

@Model('site')
class Site extends DiffSyncModel {
  @Identifier() name!: string;
  @Attribute({ default: 'eu' }) region!: string;
  @Attribute() tier: number = 2; // an initialiser: the value when the constructor gets none
  @Field() note?: string;
  @Children('device') devices!: string[];
}

@Model('device')
class Device extends DiffSyncModel {
  @Identifier() site!: string;
  @Identifier() name!: string;
  @Attribute() role!: string;
}

class Inventory extends Adapter {
  static override models = [Site, Device];
  static override topLevel = ['site'];
  constructor(private readonly rows: Array<[string, number | undefined, string[]]>) {
    super();
  }
  override async load(): Promise<void> {
    for (const [name, tier, devices] of this.rows) {
      const site = new Site(tier === undefined ? { name } : { name, tier });
      await this.add(site);
      for (const d of devices) {
        const device = new Device({ site: name, name: d, role: 'leaf' });
        await this.add(device);
        site.addChild(device);
      }
    }
  }
}

export async function run(print: (line: string) => void): Promise<void> {
  const site = new Site({ name: 'ams', note: 'n', devices: ['x'] });
  print(JSON.stringify(site.toDict()));
  print(JSON.stringify(new Site({ name: 'fra' }).toDict()));
  const a = new Inventory([['ams', 1, ['r1', 'r2']], ['nyc', undefined, ['r9']]]);
  const b = new Inventory([['ams', 3, ['r1']]]);
  await Promise.all([a.load(), b.load()]);
  print(JSON.stringify((await b.diffFrom(a)).summary()));
  await b.syncFrom(a);
  print((await b.diffFrom(a)).str());
  print(JSON.stringify(await b.toDict()));
}
`;

async function output(options: ts.CompilerOptions): Promise<string[]> {
  const lines: string[] = [];
  await compileAndLoad(inventory, options).run((line) => lines.push(line));
  return lines;
}

describe('models under both class-field semantics', () => {
  it('useDefineForClassFields: true (standard class fields, the default from ES2022 on) keeps the constructor values', async () => {
    const lines = await output({ ...LEGACY, useDefineForClassFields: true });
    expect(JSON.parse(lines[0])).toEqual({ modelFlags: 0, name: 'ams', region: 'eu', tier: 2, note: 'n', devices: ['x'] });
    expect(JSON.parse(lines[1])).toEqual({ modelFlags: 0, name: 'fra', region: 'eu', tier: 2, devices: [] });
    expect(JSON.parse(lines[2])).toEqual({ create: 3, update: 1, delete: 0, 'no-change': 1, skip: 0 });
    expect(lines[3]).toBe('(no diffs)');
  });

  it('useDefineForClassFields: false gives the same results', async () => {
    expect(await output({ ...LEGACY, useDefineForClassFields: false })).toEqual(await output({ ...LEGACY, useDefineForClassFields: true }));
  });

  it('target ES2015 (fields assigned in the constructor) gives the same results', async () => {
    expect(await output({ ...LEGACY, target: ts.ScriptTarget.ES2015, useDefineForClassFields: true })).toEqual(
      await output({ ...LEGACY, useDefineForClassFields: false }),
    );
  });
});

const customConstructor = `
import { Attribute, DiffSyncModel, Identifier, Model } from '@diffsync/core';

@Model('port')
class Port extends DiffSyncModel {
  @Identifier() device!: string;
  @Identifier() name!: string;
  @Attribute() speed!: number;
  label: string;

  // A constructor of its own, with two arguments: what it passes to super() is kept.
  constructor(row: { dev: string; port: string; gbps: number }, label: string) {
    super({ device: row.dev, name: row.port, speed: row.gbps * 1000 });
    this.label = label;
    this.name = row.port.toUpperCase(); // its own assignment after super() stands
  }
}

@Model('vlan')
class Vlan extends DiffSyncModel {
  @Identifier() vid!: number;
  @Attribute() name!: string;

  constructor(init: { vid: number; name: string }) {
    super(init);
    this.name = this.name.trim(); // derived from what super() assigned: left alone
  }
}

export async function run(print: (line: string) => void): Promise<void> {
  const port = new Port({ dev: 'rtr1', port: 'eth0', gbps: 10 }, 'uplink');
  print(JSON.stringify([port.getUniqueId(), port.speed, port.label]));
  print(JSON.stringify(new Vlan({ vid: 10, name: ' users ' }).toDict()));
}
`;

it('a model with its own constructor keeps its values and its own assignments (useDefineForClassFields: false)', async () => {
  const lines: string[] = [];
  await compileAndLoad(customConstructor, { ...LEGACY, useDefineForClassFields: false }).run((line) => lines.push(line));
  expect(lines).toEqual(['["rtr1__ETH0",10000,"uplink"]', '{"modelFlags":0,"vid":10,"name":"users"}']);
});

it('a model with its own constructor keeps its values and its own assignments (useDefineForClassFields: true)', async () => {
  // Under standard class fields the class's own constructor body runs after its fields are
  // reset, so reading this.name there (Vlan) sees undefined, as in any class.
  const lines: string[] = [];
  const source = customConstructor.replace('this.name = this.name.trim();', 'this.name = init.name.trim();');
  await compileAndLoad(source, { ...LEGACY, useDefineForClassFields: true }).run((line) => lines.push(line));
  expect(lines).toEqual(['["rtr1__ETH0",10000,"uplink"]', '{"modelFlags":0,"vid":10,"name":"users"}']);
});

describe('standard (TC39) decorators', () => {
  it('a model compiled without experimentalDecorators fails with a ModelDefinitionError naming the settings', () => {
    let error: unknown;
    try {
      compileAndLoad(inventory, { experimentalDecorators: false });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ModelDefinitionError);
    expect(String((error as Error).message)).toMatch(/@Identifier\(\) on field 'name' was called as a standard \(TC39\) decorator/);
    expect(String((error as Error).message)).toMatch(/"experimentalDecorators": true and "emitDecoratorMetadata": true/);
  });
});
