// jest project "app": the Taro app's stores and components in jsdom, over Taro's H5 runtime.
// Runs alone with `npx jest -c jest.app.config.js`; the root jest.config.js lists it as a project.
const path = require('node:path')

// Plain CommonJS packages jest can run as they are; everything else in node_modules (Taro,
// NutUI, mobx, dayjs plugins as ESM) goes through Babel.
const CJS_PACKAGES = [
  'react',
  'react-dom',
  'react-is',
  'scheduler',
  'jest[^/]*',
  '@jest',
  '@babel',
  'core-js[^/]*',
  'jsdom',
  '@testing-library',
  'whatwg-[^/]*',
  'tr46',
  'webidl-conversions',
]

/** @type {import('jest').Config} */
module.exports = {
  displayName: 'app',
  rootDir: __dirname,
  testMatch: ['<rootDir>/__tests__/app/**/*.test.ts?(x)'],
  testEnvironment: 'jsdom',
  testEnvironmentOptions: { customExportConditions: ['node', 'node-addons'] },
  transform: {
    '^.+\\.(m?js|jsx|tsx?)$': ['babel-jest', { configFile: path.join(__dirname, 'babel.config.js') }],
  },
  transformIgnorePatterns: [`/node_modules/(${CJS_PACKAGES.join('|')})/`],
  moduleNameMapper: {
    '\\.(css|scss|sass|less)$': '<rootDir>/__tests__/app/support/style-stub.js',
    '\\.(png|jpe?g|gif|svg)$': '<rootDir>/__tests__/app/support/file-stub.js',
    '^@tarojs/components$': '@tarojs/components/lib/react',
    '^@tarojs/taro$': '<rootDir>/__tests__/app/support/taro.ts',
    '^@/types/(.*)$': '<rootDir>/types/$1',
    '^@/domain/(.*)$': '<rootDir>/domain/$1',
    '^@/(.*)$': '<rootDir>/src/$1',
  },
  setupFiles: ['<rootDir>/__tests__/app/support/env.js'],
  setupFilesAfterEnv: ['<rootDir>/__tests__/app/support/after-env.ts'],
}
