import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';

/**
 * Every ```ts block of README.md and docs/*.md must compile, and the ones marked as
 * programs must run. The comment on the line before the fence says what a block is:
 *
 * - nothing: a complete module; type-checked as written (as if in docs/examples/, so
 *   `import { Site } from './getting-started'` imports docs/examples/getting-started.ts).
 * - `<!-- example: name.ts -->`: docs/examples/name.ts word for word (a test of its own runs it);
 *   a path with a folder (`examples/cli/diffsync.config.ts`) is relative to the repository.
 * - `<!-- in: examples/nestjs-app/src -->`: a complete module compiled as if it were a file in
 *   that folder (its `./adapters` imports resolve there).
 * - `<!-- excerpt: name.ts -->`: lines quoted from docs/examples/name.ts (each line other than
 *   comments and `...` appears in the file); the file is compiled.
 * - `<!-- program -->`: a complete module that is also run here; it must finish without throwing.
 * - `<!-- fragment: why -->`: a piece of a larger program (names declared elsewhere, top-level
 *   `await`): type-checked with "cannot find name" and top-level-await errors ignored, so a
 *   wrong method, option or argument on the library's API still fails.
 * - `<!-- skip: why -->`: not compiled at all (not even valid as a module). Keep these very few.
 *
 * A failure names the file and line of the block, and the compiler's message.
 */
const root = path.resolve(__dirname, '../../..');
const DOC_FILES = [
  'README.md',
  ...readdirSync(path.join(root, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];

interface Block {
  doc: string;
  line: number; // 1-based line of the opening fence
  marker: string;
  code: string;
  /** Where the block is compiled: beside docs/examples, so `./getting-started` imports that example. */
  virtualPath: string;
}

function blocksOf(doc: string): Block[] {
  const lines = readFileSync(path.join(root, doc), 'utf8').split('\n');
  const out: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (lines[i] !== '```ts') continue;
    const previous = i > 0 ? lines[i - 1] : '';
    const marker = /^<!--\s*(.*?)\s*-->$/.exec(previous)?.[1] ?? '';
    const end = lines.indexOf('```', i + 1);
    if (end < 0) throw new Error(`${doc}:${i + 1}: a \`\`\`ts block is never closed`);
    const name = `.block__${doc.replace(/[/.]/g, '_')}__line${i + 1}.ts`;
    const dir = marker.startsWith('in:') ? marker.slice(3).trim() : 'docs/examples';
    out.push({ doc, line: i + 1, marker, code: lines.slice(i + 1, end).join('\n') + '\n', virtualPath: path.join(root, dir, name) });
    i = end;
  }
  return out;
}

const blocks = DOC_FILES.flatMap(blocksOf);
type Kind = 'example' | 'excerpt' | 'program' | 'fragment' | 'skip' | 'module' | 'unknown';
const kind = (b: Block): Kind => {
  if (b.marker === '' || b.marker.startsWith('in:')) return 'module';
  if (b.marker.startsWith('example:')) return 'example';
  if (b.marker.startsWith('excerpt:')) return 'excerpt';
  if (b.marker === 'program') return 'program';
  if (/^fragment:\s*\S/.test(b.marker)) return 'fragment';
  if (/^skip:\s*\S/.test(b.marker)) return 'skip';
  return 'unknown';
};
/** True when every line of an excerpt, other than comments and elisions, is in its example file. */
function quotes(b: Block): boolean {
  const file = readFileSync(exampleFile(b), 'utf8');
  const lines = b.code
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('//') && l !== '...');
  return lines.every((l) => file.includes(l));
}
const exampleFile = (b: Block): string => {
  const name = b.marker.slice(b.marker.indexOf(':') + 1).trim();
  return name.includes('/') ? path.join(root, name) : path.join(root, 'docs', 'examples', name);
};

/** Unresolved names and top-level await: what a fragment may leave to its surroundings. */
const FRAGMENT_TOLERATES = new Set([2304, 18004, 2552, 2503, 2582, 2593, 1308, 1309, 1375, 1378, 1431, 1432, 7005, 7006, 7031, 7034, 4112]); // 4112: `override` on a member of a class whose base (declared elsewhere) is unknown here

function compilerOptions(): ts.CompilerOptions {
  const config = ts.readConfigFile(path.join(root, 'tsconfig.base.json'), (file) => ts.sys.readFile(file));
  const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, root);
  return {
    ...options,
    noEmit: true,
    composite: false,
    declaration: false,
    declarationMap: false,
    noUnusedLocals: false,
    baseUrl: root,
    paths: {
      '@diffsync/core/testing': ['packages/core/src/testing/index.ts'],
      '@diffsync/example-network-inventory': ['examples/network-inventory/src/index.ts'],
      '@diffsync/*': ['packages/*/src/index.ts'],
    },
    types: ['node'],
  };
}

/** Compile `files` (virtual blocks and real files) together; diagnostics grouped by file. */
function compile(virtual: Block[], real: string[]): Map<string, string[]> {
  const fragments = new Set(virtual.filter((b) => kind(b) === 'fragment').map((b) => b.virtualPath));
  const options = compilerOptions();
  const host = ts.createCompilerHost(options);
  const byPath = new Map(virtual.map((b) => [b.virtualPath, b]));
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (file, language, onError, create) => {
    const b = byPath.get(path.resolve(file));
    return b ? ts.createSourceFile(file, b.code, language, true) : getSourceFile(file, language, onError, create);
  };
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (file) => byPath.has(path.resolve(file)) || fileExists(file);
  const readFile = host.readFile.bind(host);
  host.readFile = (file) => byPath.get(path.resolve(file))?.code ?? readFile(file);
  const program = ts.createProgram([...byPath.keys(), ...real], options, host);
  const out = new Map<string, string[]>();
  for (const d of ts.getPreEmitDiagnostics(program)) {
    const file = d.file ? path.resolve(d.file.fileName) : '';
    const b = byPath.get(file);
    if (b && fragments.has(b.virtualPath) && FRAGMENT_TOLERATES.has(d.code)) continue;
    const at = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line : 0;
    const where = b ? `${b.doc}:${b.line + 1 + at}` : `${path.relative(root, file)}:${at + 1}`;
    const list = out.get(b ? b.virtualPath : file) ?? [];
    list.push(`${where}: TS${d.code} ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
    out.set(b ? b.virtualPath : file, list);
  }
  return out;
}

describe('code blocks in README.md and docs/*.md', () => {
  it('every block is a module, a program, an example file or a fragment with a reason', () => {
    const unknown = blocks.filter((b) => kind(b) === 'unknown').map((b) => `${b.doc}:${b.line}: unknown marker <!-- ${b.marker} -->`);
    expect(unknown).toEqual([]);
    expect(blocks.length).toBeGreaterThan(10);
  });

  it('example blocks show their docs/examples file word for word, excerpts a part of it', () => {
    const differ = blocks
      .filter((b) => (kind(b) === 'example' ? readFileSync(exampleFile(b), 'utf8') !== b.code : kind(b) === 'excerpt' && !quotes(b)))
      .map((b) => `${b.doc}:${b.line}: differs from ${path.relative(root, exampleFile(b))}`);
    expect(differ).toEqual([]);
  });

  it('blocks nobody compiles are very few', () => {
    const skipped = blocks.filter((b) => kind(b) === 'skip').map((b) => `${b.doc}:${b.line} (${b.marker})`);
    expect(skipped.length).toBeLessThanOrEqual(2);
  });

  it('every module, program, fragment and example compiles', () => {
    const modules = blocks.filter((b) => kind(b) === 'module' || kind(b) === 'program' || kind(b) === 'fragment');
    const examples = [...new Set(blocks.filter((b) => kind(b) === 'example' || kind(b) === 'excerpt').map(exampleFile))];
    const errors = [...compile(modules, examples).values()].flat();
    expect(errors).toEqual([]);
  });

  const programs = blocks.filter((b) => kind(b) === 'program');
  it.each(programs.map((b) => [`${b.doc}:${b.line}`, b] as const))('the program at %s runs', async (_where, b) => {
    const { outputText } = ts.transpileModule(b.code, { compilerOptions: { ...compilerOptions(), module: ts.ModuleKind.CommonJS }, fileName: b.virtualPath });
    const module = { exports: {} as Record<string, unknown> };
    const resolve = (id: string): unknown => {
      const m = /^@diffsync\/([^/]+)(\/testing)?$/.exec(id);

      if (m) return require(path.join(root, 'packages', m[1], 'src', m[2] ? 'testing/index.ts' : 'index.ts'));

      return require(require.resolve(id, { paths: [root] }));
    };
    const lines: unknown[] = [];
    const errors: unknown[] = [];
    const console = { log: (...args: unknown[]) => lines.push(args), error: (...args: unknown[]) => errors.push(args) };
    const process = {
      get exitCode() {
        return undefined;
      },
      set exitCode(code: unknown) {
        errors.push(`exitCode ${String(code)}`);
      },
      env: globalThis.process.env,
    };
    const run = new Function('require', 'module', 'exports', 'console', 'process', `return (async () => {\n${outputText}\n})();`) as (
      r: typeof resolve,
      m: typeof module,
      e: object,
      c: typeof console,
      p: typeof process,
    ) => Promise<void>;
    await run(resolve, module, module.exports, console, process);
    // A program ends with `main().catch(...)`: let it finish.
    for (let i = 0; i < 200 && lines.length === 0 && errors.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
    expect(errors).toEqual([]);
    expect(lines.length).toBeGreaterThan(0); // a program shows what it did
  });
});
