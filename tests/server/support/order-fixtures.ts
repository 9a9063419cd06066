// The order fixtures live in support/, where the benchmarks use them too; the server tests keep this path.
export * from '../../../support/order-fixtures'
