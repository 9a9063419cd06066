import { type Static, Type } from '@sinclair/typebox'
import type { StatementLineKind } from '../../src/domain/statement'
import { stringOf } from './common'

/* A statement (我的收入): what a farmer or a cun xiao'er is owed and was paid (src/domain/statement.ts). */

const Fen = Type.Integer()

export const StatementLine = Type.Object({
  at: Type.String({ format: 'date-time' }),
  kind: stringOf<StatementLineKind>(),
  orderId: Type.Union([Type.String(), Type.Null()]),
  orderNumber: Type.Union([Type.String(), Type.Null()]),
  payoutId: Type.Union([Type.String(), Type.Null()]),
  amountFen: Fen,
})

export const Statement = Type.Object({
  month: Type.String(),
  payableFen: Fen,
  pendingFen: Fen,
  inFlightFen: Fen,
  paidOutFen: Fen,
  monthTotals: Type.Object({ sale: Fen, commission: Fen, after_sale: Fen, refund: Fen, payout: Fen, payout_returned: Fen }),
  lines: Type.Array(StatementLine),
})
export type Statement = Static<typeof Statement>
