// The example of docs/custom-store.md, kept here verbatim so that it is compiled and
// run against the conformance suite. Edit both together.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DiffSyncModel, GetArgs, ModelRef, PlainModel, StoreOptions } from '@diffsync/core';
import { BaseStore, ModelCodec, ObjectAlreadyExists, ObjectNotFound, modelNameOf } from '@diffsync/core';
import { describeStoreConformance } from '@diffsync/core/testing';

// --- docs/custom-store.md: begin ---
/** Keeps objects in memory and saves them, as JSON, to one file at every flush(). */
export class JsonFileStore extends BaseStore {
  readonly file: string;
  private readonly data = new Map<string, Map<string, DiffSyncModel>>();
  private saved: Record<string, Record<string, PlainModel>> | undefined;

  constructor(options: StoreOptions & { file: string }) {
    super(options);
    this.file = options.file;
    if (existsSync(this.file)) this.saved = JSON.parse(readFileSync(this.file, 'utf8')) as Record<string, Record<string, PlainModel>>;
  }

  /** The objects of one model, decoded from the file the first time they are needed. */
  private group(model: string): Map<string, DiffSyncModel> {
    let group = this.data.get(model);
    if (!group) {
      group = new Map();
      this.data.set(model, group);
      for (const [uid, plain] of Object.entries(this.saved?.[model] ?? {})) {
        const obj = ModelCodec.decode(this.adapter!.model(model), plain);
        obj.adapter = this.adapter;
        group.set(uid, obj);
      }
    }
    return group;
  }

  private allModels(): string[] {
    return [...new Set([...Object.keys(this.saved ?? {}), ...this.data.keys()])];
  }

  async getAllModelNames(): Promise<Iterable<string>> {
    return this.allModels().filter((m) => this.group(m).size > 0);
  }

  async get(args: GetArgs): Promise<DiffSyncModel> {
    const [model, uid] = this.resolveUid(args.model, args.identifier);
    const obj = this.group(model).get(uid);
    if (!obj) throw new ObjectNotFound(`${model} ${uid} not present in ${String(this)}`);
    return obj;
  }

  async getAll(args: { model: ModelRef }): Promise<DiffSyncModel[]> {
    return [...this.group(modelNameOf(args.model)).values()];
  }

  async getByUids(args: { uids: readonly string[]; model: ModelRef }): Promise<DiffSyncModel[]> {
    return args.uids.map((uid) => this.group(modelNameOf(args.model)).get(uid) ?? this.missing(args.model, uid));
  }

  private missing(model: ModelRef, uid: string): never {
    throw new ObjectNotFound(`${modelNameOf(model)} ${uid} not present in ${String(this)}`);
  }

  async add(args: { obj: DiffSyncModel }): Promise<void> {
    const group = this.group(args.obj.getType());
    const existing = group.get(args.obj.getUniqueId());
    if (existing === args.obj) return;
    if (existing) throw new ObjectAlreadyExists(`Object ${args.obj.getUniqueId()} already present`, existing, args.obj);
    args.obj.adapter ??= this.adapter;
    group.set(args.obj.getUniqueId(), args.obj);
  }

  async update(args: { obj: DiffSyncModel }): Promise<void> {
    this.group(args.obj.getType()).set(args.obj.getUniqueId(), args.obj);
  }

  async removeItem(modelName: string, uid: string): Promise<void> {
    if (!this.group(modelName).delete(uid)) throw new ObjectNotFound(`${modelName} ${uid} not present in ${String(this)}`);
  }

  async count(args: { model?: ModelRef } = {}): Promise<number> {
    if (args.model) return this.group(modelNameOf(args.model)).size;
    return this.allModels().reduce((n, m) => n + this.group(m).size, 0);
  }

  /** Objects are edited in place (add/add/addChild), so saving everything catches every change. */
  override async flush(): Promise<void> {
    const out: Record<string, Record<string, PlainModel>> = {};
    for (const model of this.allModels()) {
      out[model] = {};
      for (const [uid, obj] of this.group(model)) out[model][uid] = ModelCodec.encode(obj);
    }
    writeFileSync(this.file, JSON.stringify(out));
    this.saved = out;
  }
}
// --- docs/custom-store.md: end ---

// --- docs/custom-store.md: test begin ---
const dir = mkdtempSync(join(tmpdir(), 'json-file-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

describeStoreConformance('JsonFileStore', () => new JsonFileStore({ file: join(dir, `store-${n++}.json`) }), {
  // A second store on the same file must see what the first one flushed.
  reopen: (store) => new JsonFileStore({ file: (store as JsonFileStore).file }),
});
// --- docs/custom-store.md: test end ---

describe('docs/custom-store.md', () => {
  it('shows this file’s example store and test verbatim', () => {
    const doc = readFileSync(join(__dirname, '..', '..', '..', 'docs', 'custom-store.md'), 'utf8');
    const source = readFileSync(__filename, 'utf8');
    const section = (begin: string, end: string) => source.slice(source.indexOf(begin) + begin.length + 1, source.indexOf(end));
    const store = section('// --- docs/custom-store.md: begin ---', '// --- docs/custom-store.md: end ---');
    const test = section('// --- docs/custom-store.md: test begin ---', '// --- docs/custom-store.md: test end ---');
    expect(store.length).toBeGreaterThan(1000);
    expect(doc).toContain(store);
    expect(doc).toContain(test);
  });
});
