// Chromium's launcher lives in support/, where bench:size uses it too; the browser tests keep this path.
export * from '../../support/chromium'
