// Flat config. The domain folders run in plain Node (CLI, tests), so they may not import `vscode`.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.test-artifacts/**', '.vscode-test/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'smart'],
    },
  },
  {
    files: ['esbuild.js'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: [
      'src/aws/**',
      'src/lab/**',
      'src/cost/**',
      'src/practice/**',
      'src/ssh/session.ts',
      'src/cli.ts',
      'src/views/explorer/**',
      'src/views/refreshScheduler.ts',
      'src/views/checklistModel.ts',
      'src/views/tallyHtml.ts',
      'src/platform/settings.ts',
      'src/platform/problemMessages.ts',
      'src/platform/consoleUrl.ts',
      'src/platform/regions.ts',
      'src/platform/translate.ts',
      'src/platform/domain.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'vscode', message: 'Domain code runs without VS Code (CLI, tests): keep vscode out.' }] },
      ],
    },
  },
);
