/* 我的收入 as the server sends it (GET /my/statement, GET /farmers/:id/statement, GET /my/payouts).
   Types of the server's contract only (see ./types.ts). */
import type { Statement } from '../../server/contract/statements'

export type { Statement } from '../../server/contract/statements'
export type { MyPayouts, Payout } from '../../server/contract/payouts'
export type { StatementLineKind } from '../domain/statement'
export type { PayoutStatus } from '../domain/payouts'

export type StatementLine = Statement['lines'][number]
