// The demo server lives in support/, where bench:size uses it too; the tests keep this path.
export * from '../../support/demo-server'
