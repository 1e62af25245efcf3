// All tests: `npm test` runs every project. TEST_DATABASE_URL=postgres://… runs the server
// project on PostgreSQL (a fresh database per test file) instead of SQLite.
// A few server dependencies ship ESM only (Node 22 style); jest on Node 20 needs them compiled.
const ESM_ONLY = ['cookie', 'content-disposition']
const nodeTransformIgnore = [`/node_modules/(?!(${ESM_ONLY.join('|')})/)`]
const nodeTransform = {
  '^.+\\.[tj]sx?$': [
    'babel-jest',
    {
      configFile: false,
      babelrc: false,
      presets: [['@babel/preset-env', { targets: { node: 'current' } }], '@babel/preset-typescript'],
    },
  ],
}

// the server imports types/ and domain/ as @/types/… and @/domain/… (as the app does)
const serverAliases = { '^@/(types|domain)/(.*)$': '<rootDir>/$1/$2' }

/** @type {import('jest').Config} */
module.exports = {
  // server files build a fresh database, migrate and seed a city per file: allow for a busy machine
  testTimeout: 30_000,
  projects: [
    {
      displayName: 'domain',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/__tests__/domain/**/*.test.ts'],
      transform: nodeTransform,
    },
    {
      displayName: 'server',
      moduleNameMapper: serverAliases,
      testEnvironment: 'node',
      testMatch: ['<rootDir>/__tests__/server/**/*.test.ts'],
      transform: nodeTransform,
      transformIgnorePatterns: nodeTransformIgnore,
    },
    {
      displayName: 'e2e',
      moduleNameMapper: serverAliases,
      // node, plus a screenshot of every open phone when a step fails
      testEnvironment: '<rootDir>/__tests__/e2e/support/environment.ts',
      testMatch: ['<rootDir>/__tests__/e2e/**/*.test.ts'],
      transform: nodeTransform,
      transformIgnorePatterns: nodeTransformIgnore,
      globalSetup: '<rootDir>/__tests__/e2e/support/global-setup.ts',
    },
    ...(require('node:fs').existsSync(__dirname + '/jest.app.config.js') ? ['<rootDir>/jest.app.config.js'] : []),
  ],
}
