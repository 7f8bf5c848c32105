#!/usr/bin/env node
// Runs a TypeScript file in a plain Node process, the way jest sees the sources: each
// .ts file is transpiled on require (typescript.transpileModule, the repo's compiler
// options) and `@diffsync/<pkg>` resolves to packages/<pkg>/src. Tests use it to start
// a second process on the packages' sources without a build:
//   node test-support/ts-run.js path/to/script.ts args...
const fs = require('node:fs');
const Module = require('node:module');
const path = require('node:path');
const ts = require('typescript');

const root = path.join(__dirname, '..');
const compilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.CommonJS,
  experimentalDecorators: true,
  emitDecoratorMetadata: true,
  useDefineForClassFields: false,
  esModuleInterop: true,
  sourceMap: false,
  inlineSourceMap: true,
};

const aliases = new Map([
  ['@diffsync/core/testing', path.join(root, 'packages/core/src/testing/index.ts')],
  ['@diffsync/example-network-inventory', path.join(root, 'examples/network-inventory/src/index.ts')],
]);
// The redis-store driver matrix (see jest.config.js): `redis` and `@redis/*` from test-support/drivers/<name>.
const redisDriver = process.env.DIFFSYNC_REDIS_DRIVER && path.join(root, 'test-support/drivers', process.env.DIFFSYNC_REDIS_DRIVER);
const originalResolve = Module._resolveFilename;
Module._resolveFilename = function resolve(request, parent, ...rest) {
  const alias = aliases.get(request);
  if (alias) return alias;
  if (redisDriver && /^(redis|@redis\/[^/]+)(\/.*)?$/.test(request)) {
    return originalResolve.call(this, request, parent, rest[0], { paths: [redisDriver] });
  }
  const match = /^@diffsync\/([^/]+)$/.exec(request);
  if (match && fs.existsSync(path.join(root, 'packages', match[1], 'src/index.ts'))) {
    return path.join(root, 'packages', match[1], 'src/index.ts');
  }
  return originalResolve.call(this, request, parent, ...rest);
};
require.extensions['.ts'] = (module, filename) => {
  const source = fs.readFileSync(filename, 'utf8');
  const { outputText } = ts.transpileModule(source, { compilerOptions, fileName: filename });
  module._compile(outputText, filename);
};

const [script, ...args] = process.argv.slice(2);
if (!script) {
  console.error('usage: node test-support/ts-run.js <script.ts> [args...]');
  process.exit(2);
}
process.argv = [process.argv[0], path.resolve(script), ...args];
require(path.resolve(script));
