// ESLint (flat config) with typescript-eslint, in the manner of microsoft/vscode-hexeditor.
// `npm run lint` checks src/, test/ and bench/; it is part of `npm test`.
//
// The architecture rule: src/sim (the engine) is entered only through src/sim/index.ts, and the
// engine itself imports neither `vscode` nor Node's built-ins (it runs in a webview and a web
// worker too).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

const onlyThroughTheIndex = {
  patterns: [
    {
      group: ['**/sim/*', '!**/sim/index'],
      message: 'Import the engine through src/sim/index.ts (its only public surface); export what you need there.',
    },
  ],
};

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', '.vscode-test/**', 'test-results/**', 'test/fixtures/**', '**/*.js', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      // `_` marks a parameter or binding kept on purpose.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      eqeqeq: ['error', 'always'],
      'no-constant-condition': ['error', { checkLoops: false }],
      curly: ['error', 'multi-line'],
      // Control characters in patterns are the point where names and terminal output are checked.
      'no-control-regex': 'off',
    },
  },
  {
    files: ['src/extension/**/*.ts', 'src/webview/**/*.ts', 'src/protocol/**/*.ts', 'src/cli/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', onlyThroughTheIndex] },
  },
  {
    files: ['src/sim/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'vscode', message: 'The engine runs outside VS Code: no vscode import in src/sim.' },
            ...builtinModules.map((name) => ({ name, message: 'The engine runs in a browser too: no Node built-ins in src/sim.' })),
          ],
          patterns: [{ group: ['node:*'], message: 'The engine runs in a browser too: no Node built-ins in src/sim.' }],
        },
      ],
    },
  },
  {
    // Tests reach into the engine's internals on purpose, and may use `any` to build bad input.
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
);
