/** Jest 30 + ts-jest in ESM mode (the package is "type": "module"). */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json' }],
  },
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.spec.ts'],
  testTimeout: 30000,
  // Every core: most suites wait on child processes, servers and the browser, so one per core pays.
  maxWorkers: '100%',
  globalSetup: '<rootDir>/test/global-setup.mjs',
};
