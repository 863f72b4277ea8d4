/**
 * `npm run lint` (and the first thing `npm test` starts). What it is for: the folders' dependency
 * direction and no import cycles, plus typescript-eslint's syntactic `recommended` errors. Not
 * type-aware (those rules build a TypeScript program and are slow); layout is Prettier's job, so
 * no stylistic rules here. docs/development.md explains the boundaries.
 */
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import globals from 'globals';

/** Who may not import whom: each zone forbids files under `target` importing files under `from`. */
export const BOUNDARIES = [
  {
    target: './src',
    from: ['./examples', './test', './bench', './tools'],
    message: 'src/ is the package: it builds and runs without the repository around it.',
  },
  {
    target: './src/engine',
    from: ['./src/resources', './src/cli', './src/provider', './src/demo'],
    message: 'The engine depends on nothing above it: the constructs, the CLI, the provider and the demo call the engine, never the other way round.',
  },
  {
    target: './bench',
    from: './test',
    message: 'Benchmarks do not build on the tests; what both need lives in tools/.',
  },
];

export default tseslint.config(
  // src/resources/bedrockpt/ is cdktf's generated bindings (src/resources/generate-bindings.ts), kept as generated.
  { ignores: ['dist/', 'coverage/', 'demo-out/', '**/cdktf.out/', '**/.gen/', 'src/resources/bedrockpt/'] },
  {
    files: ['**/*.ts', '**/*.js', '**/*.mjs'],
    extends: [js.configs.recommended, tseslint.configs.recommended],
    plugins: { 'import-x': importX },
    languageOptions: { globals: { ...globals.node, ...globals.jest } },
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.d.ts', '.js', '.json'] })],
      // Without these the cycle rule reads no .ts file's imports, and finds no cycle at all.
      'import-x/extensions': ['.ts', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-restricted-paths': ['error', { zones: BOUNDARIES }],
      // `_`-prefixed names are deliberate: a parameter a signature needs, a rest sibling left out.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
      // A `let` a closure reads before its one assignment (a timer the stop handler clears) stays `let`.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
      // Off:
      // - `require()` inside a function is how the CLI and the provider load code only when it runs
      //   (docs/performance.md), and how tests load a package chosen at run time;
      '@typescript-eslint/no-require-imports': 'off',
      // - `any` (57 uses, mostly untyped JSON and protocol payloads in tests): tsc's strict mode already
      //   weighs types, and the type-aware rules that would make `any` matter are left out for speed;
      '@typescript-eslint/no-explicit-any': 'off',
      // - terminal output is matched on its escape sequences on purpose, and `/^  name/` reads
      //   better than `/^ {2}name/` where columns are the point.
      'no-control-regex': 'off',
      'no-regex-spaces': 'off',
    },
  },
  {
    // CommonJS files: the runner, jest's configuration and setup files.
    files: ['**/*.js'],
    languageOptions: { sourceType: 'commonjs' },
  },
);
