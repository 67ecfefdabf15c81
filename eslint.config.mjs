// ESLint flat config: typescript-eslint's recommended rules for the TypeScript sources, and for
// every file the rule that no regular expression may backtrack super-linearly (a hostile manifest
// or pod annotation must never hang a scan or the webhook). Formatting is Prettier's
// (.prettierrc.json), checked by `npm run lint` too.
import regexp from 'eslint-plugin-regexp';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', '.tools/**'] },
  {
    files: ['src/**/*.ts', 'test/**/*.ts'],
    extends: [...tseslint.configs.recommended],
    rules: {
      // A leading underscore marks a parameter or binding that is deliberately unused.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  {
    // Tests read podguard's and Kubernetes' JSON output, whose shapes they assert, not declare.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['src/**/*.ts', 'test/**/*.ts', 'scripts/**/*.js', 'bin/**/*.js', 'eslint.config.mjs'],
    languageOptions: { parser: tseslint.parser, sourceType: 'module' },
    plugins: { regexp },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // Prettier wraps code at 160 columns; this keeps comments there too. Long string and template
      // literals (messages, the HTML report's inline CSS and script) are left whole.
      'max-len': ['error', { code: 160, ignoreStrings: true, ignoreTemplateLiterals: true, ignoreRegExpLiterals: true, ignoreUrls: true }],
      'regexp/no-super-linear-backtracking': 'error',
      'regexp/no-super-linear-move': 'error',
    },
  },
);
