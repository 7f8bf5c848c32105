import * as path from 'node:path';
import * as ts from 'typescript';
import { IsIn } from 'class-validator';
import { Adapter, Attribute, DiffSyncModel, Identifier, InvalidArgumentError, Model, ObjectValidationError } from '../src';
import { Counted, Inventory, Site } from './type-fixtures/typed-models';

const root = path.resolve(__dirname, '../../..');

/** Type-check files against core's sources with the repository's compiler options. */
function typeErrors(files: string[]): string[] {
  const config = ts.readConfigFile(path.join(root, 'tsconfig.base.json'), (file) => ts.sys.readFile(file));
  const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, root);
  const program = ts.createProgram(files, {
    ...options,
    noEmit: true,
    composite: false,
    declaration: false,
    declarationMap: false,
    baseUrl: root,
    paths: { '@diffsync/core': ['packages/core/src/index.ts'] },
    types: ['node'],
  });
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const where = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : undefined;
    const file = d.file ? path.relative(root, d.file.fileName) : '';
    return `${file}${where ? `:${where.line + 1}` : ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
  });
}

describe('typed models (type level)', () => {
  it('type-fixtures/typed-models.ts compiles, and each of its @ts-expect-error lines is an error', () => {
    // An unused @ts-expect-error is itself an error, so a constructor that stopped
    // rejecting a typo would fail here.
    expect(typeErrors([path.join(__dirname, 'type-fixtures/typed-models.ts')])).toEqual([]);
  });
});

describe('typed models (run time)', () => {
  it('typed CRUD hooks receive the ids and attrs, and this.adapter is the adapter', async () => {
    const source = new Inventory(3);
    const target = new Inventory(1);
    await Promise.all([source.load('s'), target.load('s')]);
    await target.syncFrom(source);
    expect(target.created).toEqual(['s1', 's2']);
    expect((await target.getAll(Site)).map((s) => s.name).sort()).toEqual(['s0', 's1', 's2']);
  });

  it('load() takes the arguments a subclass declares', async () => {
    const a = new Counted();
    await a.load(4, 'spine');
    expect(await a.count()).toBe(4);
  });

  @Model('vlan')
  class Vlan extends DiffSyncModel<Vlan> {
    @Identifier() vid!: number;
    @Attribute() @IsIn(['active', 'reserved']) status!: string;
  }

  it('Model.of() builds like the constructor', () => {
    expect(Vlan.of({ vid: 10, status: 'active' }).toDict()).toEqual(new Vlan({ vid: 10, status: 'active' }).toDict());
    expect(Vlan.of({ vid: 10 })).toBeInstanceOf(Vlan);
  });

  it('Model.fromPlain() takes untyped data, ignores unknown keys and validates on request', () => {
    const row: unknown = JSON.parse('{"vid": 7, "status": "active", "extra": 1}');
    const vlan = Vlan.fromPlain(row);
    expect(vlan.toDict()).toEqual({ modelFlags: 0, vid: 7, status: 'active' });
    expect(() => Vlan.fromPlain({ vid: 8, status: 'gone' }, { validate: true })).toThrow(ObjectValidationError);
    expect(() => Vlan.fromPlain({ vid: 8, status: 'gone' }, { validate: true })).toThrow(/Invalid vlan "8"/);
    expect(Vlan.fromPlain({ vid: 8, status: 'reserved' }, { validate: true }).status).toBe('reserved');
    expect(() => Vlan.fromPlain([1, 2])).toThrow(InvalidArgumentError);
    expect(() => Vlan.fromPlain(null)).toThrow(/Vlan.fromPlain needs a plain object of field values, got null/);
  });

  it('an adapter validating on add() sees fromPlain models like any other', async () => {
    class Vlans extends Adapter {
      static override models = [Vlan];
      static override topLevel = ['vlan'];
    }
    const a = new Vlans({ validate: true });
    await expect(a.add(Vlan.fromPlain({ vid: 1, status: 'nope' }))).rejects.toThrow(ObjectValidationError);
    await a.add(Vlan.fromPlain({ vid: 2, status: 'active' }));
    expect(await a.count()).toBe(1);
  });
});
