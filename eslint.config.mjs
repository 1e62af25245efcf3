// ESLint (flat config; `npm run lint`, run by .ci/run before the tests): typescript-eslint's
// recommended rules, not type-checked so that it stays fast, over the app, the server, domain/,
// types/, scripts/ and the tests; React's rules of hooks over the app and its tests.
import js from '@eslint/js'
import reactHooks from 'eslint-plugin-react-hooks'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-artifacts/**', 'data/**'] },
  {
    files: ['src/**/*.{ts,tsx}', 'server/src/**/*.ts', 'domain/**/*.ts', 'types/**/*.ts', 'scripts/**/*.{ts,mjs}', '__tests__/**/*.{ts,tsx}'],
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    languageOptions: {
      // the scripts are plain ES modules run by node (TypeScript itself knows the globals of .ts files)
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly' },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // unused names are tsc's job (noUnusedLocals / noUnusedParameters), with its own exceptions
      '@typescript-eslint/no-unused-vars': 'off',
    },
  },
  {
    // React components and hooks (the e2e tests' `useServerAndBrowser` is a jest helper, not a hook)
    files: ['src/**/*.{ts,tsx}', '__tests__/app/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    // a migration runs on the schema of its day, not on today's types: Kysely<any> is Kysely's own advice
    files: ['server/src/db/migrations/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
)
