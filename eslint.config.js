import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const NODE_ONLY = [
  'node:*',
  'fs',
  'path',
  'os',
  'child_process',
  'crypto',
  'better-sqlite3',
  'sharp',
  'ws',
  '@tensorflow/*',
  'electron',
];

/** The layering of DESIGN.md, enforced: shared is pure, the renderer sees shared only, electron stays in its room. */
const layering = [
  {
    files: ['src/**/*.ts', 'src/**/*.svelte'],
    ignores: ['src/main/electron/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'electron', message: 'only src/main/electron may import electron' }] },
      ],
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [...NODE_ONLY, 'svelte', 'svelte/*', '**/main/**', '**/renderer/**'],
              message: 'src/shared is pure TypeScript: no Node, DOM framework, main or renderer imports',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/renderer/**/*.ts', 'src/renderer/**/*.svelte'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [...NODE_ONLY, '**/main/**'],
              message: 'the renderer imports src/shared only (and svelte)',
            },
          ],
        },
      ],
    },
  },
];

export default tseslint.config(
  {
    ignores: [
      'node_modules',
      '.vite',
      'out',
      'dist',
      'coverage',
      'test-results',
      'playwright-report',
      'bench-results',
      '.tmp',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs['flat/recommended'],
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.svelte'] } },
  },
  ...layering,
);
