import { type Static, Type } from '@sinclair/typebox'
import { Strict } from './common'

/* The county's monthly reconciliation (src/domain/reconciliation.ts): where the money received
   from buyers went, village by village, each row proved to the fen. */

const Fen = Type.Integer()

export const ReconciliationRow = Type.Object({
  /** Null on the totals row (合计). */
  villageId: Type.Union([Type.String(), Type.Null()]),
  villageName: Type.String(),
  orderCount: Type.Integer(),
  receivedFen: Fen,
  farmersShareFen: Fen,
  commissionFen: Fen,
  shippingFen: Fen,
  subsidyFen: Fen,
  refundsFen: Fen,
  payoutsFen: Fen,
  /** received − (farmers' share + commission + shipping − subsidy + refunds): 0 in a sound book. */
  differenceFen: Fen,
})
export type ReconciliationRow = Static<typeof ReconciliationRow>

/** GET /county/reconciliation?month=YYYY-MM */
export const Reconciliation = Type.Object({
  month: Type.String(),
  countyId: Type.String(),
  /** Owed to the county's farmers and cun xiao'er, payable, as the month closed (this month: now). */
  payableFen: Fen,
  /** Still inside the after-sale window, at the same instant. */
  pendingFen: Fen,
  /** Payouts sent and not yet confirmed, at the same instant. */
  inFlightFen: Fen,
  /** Paid out to payees in the month. */
  paidOutFen: Fen,
  totals: ReconciliationRow,
  lines: Type.Array(ReconciliationRow),
})
export type Reconciliation = Static<typeof Reconciliation>

export const ReconciliationQuery = Type.Object(
  {
    month: Type.Optional(Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$' })),
    format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('csv')])),
  },
  Strict,
)
