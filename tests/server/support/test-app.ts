// The test app lives in support/, where the benchmarks use it too; the server tests keep this path.
export * from '../../../support/test-app'
