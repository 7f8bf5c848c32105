import Module from 'node:module';
import { dirname } from 'node:path';
import { readFileSync } from 'node:fs';
import { ConfigInvalidError } from '../errors';

type TypeScript = typeof import('typescript');

interface ModuleInternals {
  _compile(source: string, filename: string): void;
}
type Loader = (module: ModuleInternals, filename: string) => void;
const extensions = (Module as unknown as { _extensions: Record<string, Loader> })._extensions;

const TS_EXTENSIONS = ['.ts', '.mts', '.cts'];
let installed: { ts: TypeScript; options: import('typescript').CompilerOptions } | undefined;
let hooked = false;

/**
 * Load TypeScript: the user's own (resolved from the config's directory), else the one
 * next to the command line. ConfigInvalidError when neither is installed.
 */
function loadTypeScript(fromDir: string, configFile: string): TypeScript {
  for (const base of [fromDir, __dirname]) {
    try {
      const path = require.resolve('typescript', { paths: [base] });
      return require(path) as TypeScript;
    } catch {
      /* try the next place */
    }
  }
  throw new ConfigInvalidError(
    `${configFile} is a TypeScript file, but the "typescript" package cannot be found from ${fromDir}; ` +
      'install it (npm install -D typescript) or write the config in JavaScript.',
  );
}

/** The user's tsconfig options, with what decorated models need forced on and CommonJS output. */
function compilerOptions(ts: TypeScript, fromDir: string): import('typescript').CompilerOptions {
  let user: import('typescript').CompilerOptions = {};
  const found = ts.findConfigFile(fromDir, (f) => ts.sys.fileExists(f));
  if (found) {
    const read = ts.readConfigFile(found, (f) => ts.sys.readFile(f));
    if (!read.error) user = ts.parseJsonConfigFileContent(read.config, ts.sys, dirname(found)).options;
  }
  return {
    ...user,
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    target: user.target ?? ts.ScriptTarget.ES2022,
    experimentalDecorators: true,
    emitDecoratorMetadata: true,
    useDefineForClassFields: user.useDefineForClassFields ?? false,
    esModuleInterop: true,
    declaration: false,
    declarationMap: false,
    composite: false,
    sourceMap: false,
    inlineSourceMap: true,
    inlineSources: true,
    noEmit: false,
    isolatedModules: false,
    verbatimModuleSyntax: false,
  };
}

/**
 * Let `require()` load `.ts`, `.mts` and `.cts` files through TypeScript's own
 * `transpileModule` with `experimentalDecorators` and `emitDecoratorMetadata`, so decorated
 * models keep their `design:type` metadata (esbuild-based loaders drop it, and jiti fails
 * on `name!: string` fields). Installed once per process; TypeScript itself is loaded on
 * the first TypeScript file (a JavaScript config that requires no .ts file never loads it).
 */
export function installTypeScriptHook(fromDir: string, configFile: string): void {
  if (hooked) return;
  hooked = true;
  const load: Loader = (module, filename) => {
    if (!installed) {
      const ts = loadTypeScript(fromDir, configFile);
      installed = { ts, options: compilerOptions(ts, fromDir) };
    }
    const { ts, options } = installed;
    const source = readFileSync(filename, 'utf8');
    const out = ts.transpileModule(source, { compilerOptions: options, fileName: filename, reportDiagnostics: false });
    module._compile(out.outputText, filename);
  };
  for (const ext of TS_EXTENSIONS) extensions[ext] = load;
}
