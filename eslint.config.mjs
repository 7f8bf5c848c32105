// ESLint 9 flat config: typescript-eslint's type-aware recommended rules over every TypeScript
// file of the repository (one program: tsconfig.eslint.json), plain recommended rules for the
// CommonJS config and test-support scripts. Formatting is Prettier's job (`npm run format`), so
// there are no stylistic rules here. A rule that does not fit the code is turned off below with
// a one-line reason, never with disable comments in the sources.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['**/node_modules/**', '**/dist/**', 'docs/api/**', 'coverage/**', 'benchmarks/results/**', '.tmp/**'],
  },
  {
    files: ['**/*.ts'],
    extends: [js.configs.recommended, ...tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: {
        project: './tsconfig.eslint.json',
        tsconfigRootDir: import.meta.dirname,
        // Legacy decorators with design:type metadata: a class used only as a decorated member's
        // type is needed at run time, so consistent-type-imports must leave a decorated file's
        // imports alone (typescript-eslint also reads both from the tsconfig; stated here so a
        // tsconfig change cannot silently make the autofix unsafe).
        experimentalDecorators: true,
        emitDecoratorMetadata: true,
      },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // The three rules the project asked for, stated explicitly.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      // `typeof import('x')` stays allowed: it types a lazily `require`d optional module (typescript,
      // cli-progress, @diffsync/sql, @diffsync/queue) right where it is loaded, importing nothing.
      '@typescript-eslint/consistent-type-imports': ['error', { prefer: 'type-imports', fixStyle: 'separate-type-imports', disallowTypeAnnotations: false }],

      // Parameters kept for an interface's signature are named `_x`; a caught error may be unused.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // core's ForwardTypes starts empty: the modules that define Adapter and Diff add them by
      // declaration merging (see packages/core/src/forward-types.ts).
      '@typescript-eslint/no-empty-object-type': ['error', { allowWithName: '^ForwardTypes$' }],
      // `Promise.reject(error)` rethrows a caught error as it came (its type is `unknown`).
      '@typescript-eslint/prefer-promise-reject-errors': ['error', { allowThrowingUnknown: true }],

      // Off: store, adapter and hook methods are `async` to honour a Promise-returning contract
      // (and turn a synchronous throw into a rejection) even when they have nothing to await.
      '@typescript-eslint/require-await': 'off',
      // Off: `Function` is the type of a class or a decorator target (WeakMap keys per class).
      '@typescript-eslint/no-unsafe-function-type': 'off',
      // Off: `new Function` is deliberate: compiled field accessors (core) and a native `import()`
      // that CommonJS output would otherwise rewrite to `require` (cli).
      '@typescript-eslint/no-implied-eval': 'off',
      // Off: optional dependencies (drivers, playwright-core, typescript, user config files) are
      // loaded lazily with `require` inside try/catch so a missing one gives an actionable error.
      '@typescript-eslint/no-require-imports': 'off',
      // Off: SQL literal escaping matches NUL and \x1a on purpose.
      'no-control-regex': 'off',
    },
  },
  {
    // Browser specs run callbacks inside the page (playwright's Element, document): typed with the DOM lib.
    files: ['packages/*/test/*.browser.spec.ts'],
    languageOptions: { parserOptions: { project: './tsconfig.eslint-browser.json' } },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    extends: [js.configs.recommended],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
  },
  {
    files: ['**/*.mjs'],
    extends: [js.configs.recommended],
    languageOptions: { globals: { ...globals.node } },
  },
);
