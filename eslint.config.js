// Lint rules (npm run lint): eslint's and typescript-eslint's recommended sets, plus the rules this codebase
// keeps by convention. Import boundaries between src folders are scripts/lint/deps.ts (src/DEPS.list).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'reports/', '.cache/', 'dist/', 'contracts/pacts/', 'test/corpus/specs/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        Buffer: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        performance: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': ['error', { allow: ['error'] }],
      eqeqeq: ['error', 'always'],
      'prefer-const': 'error',
    },
  },
  {
    // Only the CLI ends the process; everything else returns exit codes or throws GateproofError.
    files: ['src/**/*.ts'],
    ignores: ['src/cli/**'],
    rules: { 'no-restricted-properties': ['error', { object: 'process', property: 'exit', message: 'only src/cli calls process.exit' }] },
  },
  {
    files: ['test/**', 'bench/**', 'scripts/**', 'bin/**', 'scenarios/**', 'contracts/**', 'suites/**', 'examples/**'],
    rules: { 'no-console': 'off' },
  },
  {
    // Playwright reads a fixture's dependencies from its first parameter: `async ({}, use)` is how a fixture says "none".
    files: ['suites/**', 'examples/**', 'test/**'],
    rules: { 'no-empty-pattern': 'off' },
  },
);
