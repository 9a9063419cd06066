/* One jest run, five layers: pure domain, app stores, server on SQLite + PostgreSQL, the compiled
   mini-program in miniprogram-simulate, and the H5 app in headless Chromium. */
const swc = ['@swc/jest', { jsc: { parser: { syntax: 'typescript', tsx: true }, target: 'es2022' }, module: { type: 'commonjs' } }]

const base = {
  transform: { '^.+\\.(t|j)sx?$': swc },
  moduleFileExtensions: ['ts', 'tsx', 'js', 'json'],
  transformIgnorePatterns: ['/node_modules/', '/dist/'],
}

module.exports = {
  testTimeout: 30000,
  // Jest's default on a 2-core machine is one worker, so the files ran one after another while
  // most of their time is spent waiting on PostgreSQL, Chromium and servers: two workers halve
  // the run. Each file is independent (its own PostgreSQL schema, temp folders, ports).
  maxWorkers: 2,
  projects: [
    { ...base, displayName: 'domain', testEnvironment: 'node', testMatch: ['<rootDir>/tests/domain/**/*.test.ts'] },
    { ...base, displayName: 'stores', testEnvironment: 'node', testMatch: ['<rootDir>/tests/stores/**/*.test.ts'] },
    { ...base, displayName: 'server', testEnvironment: 'node', testMatch: ['<rootDir>/tests/server/**/*.test.ts'] },
    { ...base, displayName: 'weapp', testEnvironment: 'jsdom', testMatch: ['<rootDir>/tests/weapp/**/*.test.ts'] },
    { ...base, displayName: 'e2e', testEnvironment: 'node', testMatch: ['<rootDir>/tests/e2e/**/*.test.ts'] },
  ],
}
