// The listing page, in a subpackage of its own on weapp (app.config.ts); H5 serves it at /pages/listing/index.
export { default } from '../../../../pages/listing/index'
