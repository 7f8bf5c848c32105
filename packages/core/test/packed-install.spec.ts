import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

/**
 * What a new user does: `npm pack` the packages, install the tarballs into an empty
 * project, write the tsconfig docs/getting-started.md gives, compile the getting-started
 * example with `tsc` and run it. The registry must be reachable for the packages'
 * dependencies (npm's cache makes it fast).
 */
const root = path.resolve(__dirname, '../../..');
const PACKAGES = ['core', 'redis-store', 'sqlite-store', 'sql', 'nestjs'];
const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
const gettingStarted = readFileSync(path.join(root, 'docs', 'getting-started.md'), 'utf8');

function run(command: string, args: string[], cwd: string): string {
  try {
    return execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, npm_config_loglevel: 'error' } });
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(`${command} ${args.join(' ')} (in ${cwd}) failed:\n${e.stdout ?? ''}${e.stderr ?? ''}${e.message}`);
  }
}

/** The block after `<!-- name -->` in docs/getting-started.md. */
function documented(name: string, fence: string): string {
  const found = new RegExp(`<!-- ${name} -->\\n\`\`\`${fence}\\n([\\s\\S]*?)\`\`\``).exec(gettingStarted)?.[1];
  if (found === undefined) throw new Error(`docs/getting-started.md has no <!-- ${name} --> \`\`\`${fence} block`);
  return found;
}

const expectedOutput = /It prints:\n\n```\n([\s\S]*?)```/.exec(gettingStarted)?.[1];

let work: string;
let app: string;
let packed: Array<{ name: string; filename: string; files: Array<{ path: string }> }>;

beforeAll(() => {
  work = mkdtempSync(path.join(tmpdir(), 'diffsync-packed-'));
  const tarballs = path.join(work, 'tarballs');
  mkdirSync(tarballs);
  // prepack builds each package's dist first.
  packed = JSON.parse(
    run('npm', ['pack', ...PACKAGES.flatMap((p) => ['-w', `packages/${p}`]), '--pack-destination', tarballs, '--json', '--silent'], root),
  ) as typeof packed;
  app = path.join(work, 'app');
  mkdirSync(path.join(app, 'src'), { recursive: true });
  const tarball = (name: string): string => `file:${path.join(tarballs, (packed.find((p) => p.name === name) as { filename: string }).filename)}`;
  writeFileSync(
    path.join(app, 'package.json'),
    JSON.stringify({
      name: 'scratch',
      private: true,
      version: '1.0.0',
      dependencies: {
        '@diffsync/core': tarball('@diffsync/core'),
        '@diffsync/nestjs': tarball('@diffsync/nestjs'),
        '@nestjs/common': '^11',
        '@nestjs/core': '^11',
        rxjs: '^7',
        'reflect-metadata': '^0.2',
      },
      devDependencies: { '@types/node': '^20' },
    }),
  );
  run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund'], app);
  copyFileSync(path.join(root, 'docs', 'examples', 'getting-started.ts'), path.join(app, 'src', 'getting-started.ts'));
  writeFileSync(
    path.join(app, 'src', 'nest-consumer.ts'),
    [
      "import { DiffSyncModule, DiffSyncService } from '@diffsync/nestjs';",
      "import { Inventory } from './getting-started';",
      'export const modules = [DiffSyncModule.forRoot({}), DiffSyncModule.forFeature([Inventory])];',
      'export type Service = DiffSyncService;',
      '',
    ].join('\n'),
  );
}, 240_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

/** Compile the app with `tsconfig` and run the example; returns its output. */
function compileAndRun(name: string, tsconfig: object): string {
  writeFileSync(path.join(app, `tsconfig.${name}.json`), JSON.stringify(tsconfig, null, 2));
  run(process.execPath, [tsc, '-p', `tsconfig.${name}.json`], app);
  const outDir = (tsconfig as { compilerOptions: { outDir: string } }).compilerOptions.outDir;
  return run(process.execPath, [path.join(outDir, 'getting-started.js')], app);
}

describe('npm pack tarballs in a new project', () => {
  it('each tarball holds the files its package.json points at, and no sources or tests', () => {
    expect(packed.map((p) => p.name).sort()).toEqual(PACKAGES.map((p) => `@diffsync/${p}`).sort());
    for (const p of packed) {
      const dir = PACKAGES.find((d) => `@diffsync/${d}` === p.name) as string;
      const manifest = JSON.parse(readFileSync(path.join(root, 'packages', dir, 'package.json'), 'utf8')) as { main: string; types: string };
      const files = p.files.map((f) => f.path);
      expect({ name: p.name, main: files.includes(manifest.main), types: files.includes(manifest.types) }).toEqual({ name: p.name, main: true, types: true });
      expect(files.filter((f) => f.startsWith('src/') || f.startsWith('test/') || f.endsWith('.tsbuildinfo'))).toEqual([]);
    }
  });

  it("compiles docs/getting-started.md's example with its tsconfig, and prints what the page shows", () => {
    const tsconfig = JSON.parse(documented('tsconfig', 'json')) as { compilerOptions: Record<string, unknown> };
    expect(compileAndRun('docs', tsconfig)).toBe(expectedOutput);
  });

  it('the same with "extends": "@diffsync/core/tsconfig.json"', () => {
    const output = compileAndRun('preset', { extends: '@diffsync/core/tsconfig.json', compilerOptions: { outDir: 'dist-preset' }, include: ['src'] });
    expect(output).toBe(expectedOutput);
  });

  // Settings a consumer may have: our .d.ts files must not force any of them.
  it.each([
    ['ES2015', 'commonjs', 'node10'],
    ['ES2020', 'node16', 'node16'],
    ['ES2023', 'commonjs', 'node10'], // useDefineForClassFields defaults to true from ES2022 on, as in `nest new`
  ])('target %s, module %s, moduleResolution %s, skipLibCheck false, esModuleInterop false', (target, module, moduleResolution) => {
    const output = compileAndRun(`${target}-${module}`, {
      compilerOptions: {
        target,
        module,
        moduleResolution,
        strict: true,
        experimentalDecorators: true,
        emitDecoratorMetadata: true,
        skipLibCheck: false,
        esModuleInterop: false,
        types: ['node'],
        outDir: `dist-${target}-${module}`,
      },
      include: ['src'],
    });
    expect(output).toBe(expectedOutput);
  });
});
