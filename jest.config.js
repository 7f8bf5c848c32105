// One jest project per package and example; `npm test` runs them all.
const fs = require('node:fs');
const path = require('node:path');

const tsJest = [
  'ts-jest',
  // Type errors are reported by `npm run typecheck`; tests only transpile
  // (tsconfig.jest.json sets isolatedModules).
  { tsconfig: path.join(__dirname, 'tsconfig.jest.json') },
];

const moduleNameMapper = {
  '^@diffsync/core/testing$': path.join(__dirname, 'packages/core/src/testing/index.ts'),
  '^@diffsync/example-network-inventory$': path.join(__dirname, 'examples/network-inventory/src/index.ts'),
  '^@diffsync/([^/]+)$': path.join(__dirname, 'packages/$1/src/index.ts'),
};

// Driver matrix of @diffsync/redis-store: DIFFSYNC_REDIS_DRIVER=<name> resolves `redis` and
// `@redis/*` from test-support/drivers/<name> (its own install: npm ci --prefix; see .ci/run).
const redisDriver = process.env.DIFFSYNC_REDIS_DRIVER;
if (redisDriver) {
  const modules = path.join(__dirname, 'test-support/drivers', redisDriver, 'node_modules');
  if (!fs.existsSync(path.join(modules, 'redis/package.json'))) {
    throw new Error(`DIFFSYNC_REDIS_DRIVER=${redisDriver}: ${modules}/redis is not installed; run npm ci --prefix test-support/drivers/${redisDriver}`);
  }
  moduleNameMapper['^redis$'] = path.join(modules, 'redis');
  moduleNameMapper['^redis/(.*)$'] = path.join(modules, 'redis/$1');
  moduleNameMapper['^@redis/(.*)$'] = path.join(modules, '@redis/$1');
}

function project(dir) {
  const pkg = require(path.join(__dirname, dir, 'package.json'));
  return {
    displayName: redisDriver && pkg.name === '@diffsync/redis-store' ? `${pkg.name} [${redisDriver}]` : pkg.name,
    rootDir: path.join(__dirname, dir),
    testEnvironment: 'node',
    testMatch: ['<rootDir>/test/**/*.spec.ts'],
    transform: { '^.+\\.ts$': tsJest },
    moduleNameMapper,
    globalSetup: path.join(__dirname, 'test-support/global-setup.js'),
    globalTeardown: path.join(__dirname, 'test-support/global-teardown.js'),
    setupFiles: [path.join(__dirname, 'test-support/setup-env.js')],
  };
}

const dirs = ['packages', 'examples']
  .flatMap((group) => fs.readdirSync(path.join(__dirname, group)).map((d) => `${group}/${d}`))
  .concat(['benchmarks'])
  .filter((dir) => fs.existsSync(path.join(__dirname, dir, 'test')) && fs.existsSync(path.join(__dirname, dir, 'package.json')));

module.exports = {
  projects: dirs.map(project),
  testTimeout: 60000,
};
