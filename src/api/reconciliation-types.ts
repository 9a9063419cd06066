/* The county's monthly reconciliation as the server sends it: types of the server's contract only (see ./types.ts). */
export type { Reconciliation, ReconciliationRow } from '../../server/contract/reconciliation'
