// @ts-check
import js from '@eslint/js';
import boundaries from 'eslint-plugin-boundaries';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

/**
 * The layers (docs/DESIGN.md, "Layers"): each may import only those listed for it, so dependencies
 * point one way. A client view is an element of its own, so that views never import each other.
 */
const LAYERS = [
  { type: 'view', pattern: 'client/src/views/*', capture: ['name'] },
  { type: 'client', pattern: 'client' },
  { type: 'model', pattern: 'model' },
  { type: 'store', pattern: 'store' },
  { type: 'ingest', pattern: 'ingest' },
  { type: 'server', pattern: 'server' },
  { type: 'testkit', pattern: 'testkit' },
  { type: 'bench', pattern: 'bench' },
  { type: 'tests', pattern: 'tests' },
  { type: 'tools', pattern: 'neo4j' },
].map((layer) => ({ ...layer, partialMatch: false }));

const may = (from, to) => ({
  from: { element: { type: from } },
  allow: { to: { element: { types: { anyOf: to } } } },
});

const LAYER_POLICIES = [
  may('model', ['model']),
  may('store', ['store', 'model']),
  may('ingest', ['ingest', 'store', 'model']),
  // The server reaches ingest through ingest/index.ts only (no-restricted-imports below).
  may('server', ['server', 'ingest', 'store', 'model']),
  may('client', ['client', 'view', 'model']),
  may('tools', ['store']),
  may('testkit', ['testkit', 'server', 'ingest', 'store', 'model', 'client']),
  may('bench', ['bench', 'testkit', 'server', 'ingest', 'store', 'model', 'client']),
  may('tests', [
    'tests',
    'testkit',
    'server',
    'ingest',
    'store',
    'model',
    'client',
    'view',
    'tools',
    'bench',
  ]),
  // A view uses its own files, the client's core and components, and the model; never another view.
  {
    from: { element: { type: 'view' } },
    allow: {
      to: [
        { element: { type: 'view', captured: { name: '{{ from.element.captured.name }}' } } },
        { element: { types: { anyOf: ['client', 'model'] } } },
      ],
    },
  },
];

/** What runs in the browser or in any layer: no Node built-ins, no database driver. */
const PORTABLE = {
  patterns: [
    { group: ['node:*'], message: 'model/ and client/ run anywhere: no Node built-ins.' },
    { group: ['neo4j-driver', 'neo4j-driver/*'], message: 'Only store/ talks to the driver.' },
  ],
};

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      '.data/',
      'neo4j/target/',
      'coverage/',
      'test-results/',
      'bench-results/',
      '.scratch/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.ts', '**/*.mts', '**/*.cjs', '**/*.js'],
    plugins: { boundaries, 'import-x': importX },
    settings: {
      ...importX.flatConfigs.typescript.settings,
      'boundaries/elements': LAYERS,
      'import-x/resolver-next': [
        createTypeScriptImportResolver({
          project: ['tsconfig.json', 'client/tsconfig.json'],
          noWarnOnMultipleProjects: true,
        }),
      ],
      'import-x/resolver': undefined,
      'import/resolver': {
        typescript: { project: ['tsconfig.json', 'client/tsconfig.json'], noWarnOnMultipleProjects: true },
      },
    },
    rules: {
      'boundaries/dependencies': [
        'error',
        {
          default: 'disallow',
          message: '{{ from.element.type }} may not import {{ to.element.type }} (docs/DESIGN.md, "Layers")',
          policies: LAYER_POLICIES,
        },
      ],
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
    },
  },
  {
    files: ['server/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(^|/)ingest/(?!index$).+',
              message: 'The server uses ingest through ingest/index.ts only.',
            },
          ],
        },
      ],
    },
  },
  { files: ['model/**', 'client/src/**'], rules: { 'no-restricted-imports': ['error', PORTABLE] } },
  {
    // Views sit on the core and the components, never the other way: only main.ts and the registry
    // know the views.
    files: ['client/src/core/**', 'client/src/components/**', 'client/src/locales/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          ...PORTABLE,
          patterns: [
            ...PORTABLE.patterns,
            { regex: '(^|/)views(/|$)', message: 'The core and components do not know the views.' },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: {
        module: 'writable',
        require: 'readonly',
        __dirname: 'readonly',
        __filename: 'readonly',
        process: 'readonly',
        console: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
