// dependency-cruiser: `npm run depcheck` reports import cycles inside each package's src/,
// between modules and between folders (packages/sql/src/rows <-> packages/sql/src/connection).
// Type-only imports count: the goal is a graph whose dependencies point one way.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Modules that import each other (directly or through others): move what both need to a third module.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-circular-folders',
      severity: 'error',
      scope: 'folder',
      comment: 'Folders whose modules import each other: dependencies between folders must point one way.',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(dist|node_modules)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.typecheck.json' },
    combinedDependencies: false,
    reporterOptions: {
      text: { highlightFocused: true },
    },
  },
};
