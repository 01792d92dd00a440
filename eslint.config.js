import js from '@eslint/js';
import ts from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import svelteConfig from './svelte.config.js';

export default ts.config(
  {
    ignores: [
      'dist',
      'node_modules',
      'coverage',
      'tests/artifacts',
      // Lesson starter projects are the student's code, judged by the Labbook's own rule set
      // (docs/lint-rules.md) in tests/unit/project/lint/lesson-seeds.test.ts.
      'lessons/*/project/**',
    ],
  },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node, ...globals.worker } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  // The layers (docs/architecture.md): src/lib is pure (it runs in workers and Node), state holds
  // no components, bridges hold no page state. Imports across the line fail the lint.
  {
    files: ['src/lib/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/state/*', '**/components/*', '**/bridges/*', '**/workers/*'],
              message:
                'src/lib is pure: it runs in workers and Node. Move the shared code into src/lib.',
            },
            {
              group: ['svelte', 'svelte/*', '*.svelte'],
              message: 'src/lib holds no Svelte: it runs in workers and Node.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/state/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/components/*'],
              message: 'State holds no components: move what both need into src/lib or src/state.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/bridges/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/state/*', '**/components/*'],
              message:
                'A bridge owns a worker, not page state: its types come from src/lib or the worker.',
            },
          ],
        },
      ],
    },
  },
  {
    // Errors are values with a code (src/lib/errors.ts): a bare Error has none to branch on.
    files: ['src/lib/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "ThrowStatement > NewExpression[callee.name='Error']",
          message:
            "Throw the domain's coded error (a LabbookError subclass, src/lib/<domain>/errors.ts), not a bare Error.",
        },
      ],
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: {
      parserOptions: { parser: ts.parser, extraFileExtensions: ['.svelte'], svelteConfig },
    },
  },
);
