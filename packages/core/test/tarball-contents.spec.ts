import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

/**
 * What `npm pack` would publish for every package of packages/*: the compiled output
 * (`dist/**.js` and `.d.ts`, one of each per source file, nothing stale), package.json,
 * README.md, LICENSE and CHANGELOG.md, and the files package.json points at. No sources,
 * tests, fixtures, source maps or .tsbuildinfo; and no `sourceMappingURL` comment in a
 * packed file that points at a map (or through it at a source) the tarball lacks. Reads
 * the dist the build wrote (`npm run build` first); packs with --dry-run --ignore-scripts,
 * so nothing is built or written here.
 */
const root = path.resolve(__dirname, '../../..');
const PACKAGES = readdirSync(path.join(root, 'packages')).filter((d) => existsSync(path.join(root, 'packages', d, 'package.json')));

/** Files a package may ship besides dist/**.js and dist/**.d.ts. */
const ALWAYS = ['package.json', 'README.md', 'LICENSE'];
const OPTIONAL = ['CHANGELOG.md'];
const EXTRA: Record<string, string[]> = { core: ['tsconfig.preset.json'] }; // `@diffsync/core/tsconfig.json`

interface Manifest {
  name: string;
  private?: boolean;
  main?: string;
  types?: string;
  bin?: Record<string, string>;
  exports?: Record<string, string | Record<string, string>>;
  files?: string[];
  license?: string;
  engines?: { node?: string };
  repository?: { directory?: string };
  publishConfig?: { access?: string };
}

function manifest(dir: string): Manifest {
  return JSON.parse(readFileSync(path.join(root, 'packages', dir, 'package.json'), 'utf8')) as Manifest;
}

function packedFiles(dir: string): string[] {
  const cwd = path.join(root, 'packages', dir);
  if (!existsSync(path.join(cwd, 'dist', 'index.js'))) throw new Error(`packages/${dir}/dist/index.js is missing: run \`npm run build\` first`);
  const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts', '--silent'], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, npm_config_loglevel: 'error' },
  });
  return (JSON.parse(out) as Array<{ files: Array<{ path: string }> }>)[0].files.map((f) => f.path).sort();
}

/** The .ts files under src/, as their dist names without extension (`src/a/b.ts` -> `dist/a/b`). */
function sourceStems(dir: string): string[] {
  const src = path.join(root, 'packages', dir, 'src');
  const out: string[] = [];
  const walk = (at: string): void => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      const full = path.join(at, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) out.push(`dist/${path.relative(src, full).split(path.sep).join('/').slice(0, -3)}`);
    }
  };
  walk(src);
  return out.sort();
}

/** The URLs of a compiled file's `//# sourceMappingURL=` comments (the block-comment form too). */
function sourceMapUrls(text: string): string[] {
  return [...text.matchAll(/^\s*\/[/*][#@] sourceMappingURL=(\S+?)(?:\s*\*\/)?\s*$/gm)].map((m) => m[1]);
}

/**
 * What a packed .js/.d.ts points at that the tarball lacks: its source map (a sibling file,
 * or inline as a data: URL) and, through the map, the sources (unless the map embeds them).
 */
function danglingMapReferences(dir: string, files: readonly string[]): string[] {
  const packed = new Set(files);
  const pkg = path.join(root, 'packages', dir);
  const missing: string[] = [];
  const checkSources = (owner: string, mapPath: string, map: { sources?: string[]; sourcesContent?: Array<string | null>; sourceRoot?: string }): void => {
    (map.sources ?? []).forEach((source, i) => {
      if (typeof map.sourcesContent?.[i] === 'string') return; // embedded in the map
      const target = path.posix.normalize(path.posix.join(path.posix.dirname(mapPath), map.sourceRoot ?? '', source));
      if (!packed.has(target)) missing.push(`${owner}: source ${source} (${target})`);
    });
  };
  for (const file of files.filter((f) => /\.(js|d\.ts)$/.test(f))) {
    for (const url of sourceMapUrls(readFileSync(path.join(pkg, file), 'utf8'))) {
      if (url.startsWith('data:')) {
        const comma = url.indexOf(',');
        const body = url.slice(comma + 1);
        const json = url.slice(0, comma).endsWith(';base64') ? Buffer.from(body, 'base64').toString('utf8') : decodeURIComponent(body);
        checkSources(file, file, JSON.parse(json) as { sources?: string[] });
        continue;
      }
      const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), decodeURIComponent(url)));
      if (!packed.has(target)) {
        missing.push(`${file}: sourceMappingURL=${url} (${target})`);
        continue;
      }
      checkSources(file, target, JSON.parse(readFileSync(path.join(pkg, target), 'utf8')) as { sources?: string[] });
    }
  }
  return missing;
}

/** Every file package.json points at: main, types, bin and the exports map's targets. */
function pointedAt(m: Manifest): string[] {
  const targets: string[] = [];
  if (m.main) targets.push(m.main);
  if (m.types) targets.push(m.types);
  for (const bin of Object.values(m.bin ?? {})) targets.push(bin);
  for (const target of Object.values(m.exports ?? {})) targets.push(...(typeof target === 'string' ? [target] : Object.values(target)));
  return [...new Set(targets.map((t) => t.replace(/^\.\//, '')))].sort();
}

describe.each(PACKAGES)('the npm tarball of packages/%s', (dir) => {
  let files: string[];
  let m: Manifest;
  beforeAll(() => {
    m = manifest(dir);
    files = packedFiles(dir);
  });

  it('holds only compiled output, package.json, README.md, LICENSE and CHANGELOG.md', () => {
    const allowed = new Set([...ALWAYS, ...OPTIONAL, ...(EXTRA[dir] ?? [])]);
    const unexpected = files.filter((f) => !allowed.has(f) && !/^dist\/.+\.(js|d\.ts)$/.test(f));
    expect(unexpected).toEqual([]);
    expect(ALWAYS.filter((f) => !files.includes(f))).toEqual([]);
  });

  it('has a .js and a .d.ts for each source file and nothing else under dist/ (no tests, fixtures or stale output)', () => {
    const stems = sourceStems(dir);
    const expected = stems.flatMap((s) => [`${s}.d.ts`, `${s}.js`]).sort();
    const dist = files.filter((f) => /^dist\/.+\.(js|d\.ts)$/.test(f)); // anything else fails the test above
    const stale = dist.filter((f) => !expected.includes(f));
    if (stale.length > 0) {
      throw new Error(`packages/${dir}/dist has files no source compiles to (${stale.join(', ')}): run \`npm run clean && npm run build\``);
    }
    expect(dist).toEqual(expected);
  });

  it('has no sourceMappingURL pointing outside the tarball (maps and the sources they name ship with it, or are not referenced)', () => {
    expect(danglingMapReferences(dir, files)).toEqual([]);
  });

  it('contains every file its package.json points at (main, types, bin, exports)', () => {
    expect(pointedAt(m).filter((f) => f !== 'package.json' && !files.includes(f))).toEqual([]);
  });

  it('is ready to publish: public, Apache-2.0, Node >= 20, its directory in the repository', () => {
    expect({
      private: m.private ?? false,
      access: m.publishConfig?.access,
      license: m.license,
      node: m.engines?.node,
      directory: m.repository?.directory,
      exportsPackageJson: m.exports?.['./package.json'],
    }).toEqual({
      private: false,
      access: 'public',
      license: 'Apache-2.0',
      node: '>=20',
      directory: `packages/${dir}`,
      exportsPackageJson: './package.json',
    });
  });
});
