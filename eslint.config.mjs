// ESLint flat config: typescript-eslint's type-checked rules for the TypeScript sources, the
// recommended rules for the JavaScript of scripts/, build.mjs and the VS Code test suite, and
// caps on function length, complexity and nesting everywhere but the tests' scenarios.
// Formatting is Prettier's job (npm run lint runs both), so no stylistic rules here.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const readonly = (names) => Object.fromEntries(names.map((n) => [n, 'readonly']));
/** What Node gives every script (the config does without the `globals` package). */
const NODE = readonly([
  ...['process', 'console', 'Buffer', 'URL', 'URLSearchParams', 'TextDecoder', 'TextEncoder', 'AbortController', 'structuredClone'],
  ...['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'setImmediate', 'clearImmediate', 'queueMicrotask', 'performance'],
  ...['fetch', 'require', 'module', 'exports', '__dirname', '__filename'],
]);
/** Mocha's (the VS Code suite runs under mocha inside VS Code). */
const MOCHA = readonly(['describe', 'it', 'before', 'after', 'beforeEach', 'afterEach']);
/** A page's, for the functions Playwright evaluates in the browser (scripts/vscode, the offline runner). */
const BROWSER = readonly([
  'window',
  'document',
  'getComputedStyle',
  'HTMLElement',
  'KeyboardEvent',
  'Element',
  'Node',
  'location',
  'innerWidth',
  'innerHeight',
]);

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.vscode-test/**', 'test/vscode/workspace/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // Unused parameters named _x document a signature; the rest is dead code.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // Template literals with numbers are how messages are built throughout.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      // A function that no longer fits on a screen or in a head is split; the few that stay
      // (state machines, a factory wiring handlers) say why in a disable comment.
      'max-lines-per-function': ['error', { max: 120, skipBlankLines: true, skipComments: true, IIFEs: true }],
      complexity: ['error', 35],
      'max-depth': ['error', 5],
    },
  },
  {
    // Plain JavaScript: no type information to check against.
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { ...tseslint.configs.disableTypeChecked.languageOptions, globals: { ...NODE, ...BROWSER } },
  },
  {
    // The VS Code suite and its helpers are CommonJS modules loaded by VS Code's extension host.
    files: ['test/vscode/**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: { ...NODE, ...MOCHA } },
    // (A suite may name a helper `valueOf` or `test`: the globals of a browser or of mocha's other UI are not there.)
    rules: { '@typescript-eslint/no-require-imports': 'off', 'no-redeclare': ['error', { builtinGlobals: false }] },
  },
  {
    // Tests poke at protocol payloads typed as any by the JSON-RPC layer; a test is one scenario, however long.
    files: ['test/**/*.ts', 'test/**/*.js', 'test/**/*.mjs', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-floating-promises': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      'max-lines-per-function': 'off',
      complexity: 'off',
      'max-depth': 'off',
    },
  },
);
