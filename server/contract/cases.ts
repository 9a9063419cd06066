import { type Static, Type } from '@sinclair/typebox'
import { CASE_DECLINE_REASON_MAX_LENGTH, CASE_KINDS, CASE_NOTE_MAX_LENGTH, CASE_PHOTOS_MAX, CASE_STATUSES } from '../../src/domain/after-sale'
import { CASE_FAULTS } from '../../src/domain/order-ledger'
import type { Unit } from '../../src/domain/units'
import { Id, literals, MULTILINE_TEXT, Photo, Strict, stringOf } from './common'

/* After-sale cases (售后): on an order (`cases`), in the county's list, beside each line of the
   farmer's sales page; the report and the decision. */

export const AfterSaleCase = Type.Object({
  id: Type.String(),
  orderId: Type.String(),
  listingId: Type.String(),
  title: Type.String(),
  kind: literals(CASE_KINDS),
  note: Type.String(),
  photos: Type.Array(Photo),
  reportedBy: literals(['buyer', 'county_staff'] as const),
  status: literals(CASE_STATUSES),
  refundFen: Type.Union([Type.Integer(), Type.Null()]),
  declineReason: Type.Union([Type.String(), Type.Null()]),
  /** Whose fault a refund was taken from: the farmer's goods or the county's transport. */
  fault: literals(CASE_FAULTS),
  /** The partial refund at WeChat Pay, once decided with one. */
  refund: Type.Union([Type.Object({ status: literals(['pending', 'succeeded'] as const) }), Type.Null()]),
  createdAt: Type.String(),
  decidedAt: Type.Union([Type.String(), Type.Null()]),
})
export type AfterSaleCase = Static<typeof AfterSaleCase>

/** A case as the county's staff decide it: with the buyer, the line and what is left to refund. */
export const CountyCase = Type.Object({
  ...AfterSaleCase.properties,
  buyer: Type.Object({ id: Type.String(), name: Type.String() }),
  quantity: Type.Integer(),
  unit: stringOf<Unit>(),
  lineTotalFen: Type.Integer(),
  /** What a refund on this case may be at most now. */
  refundableFen: Type.Integer(),
})
export type CountyCase = Static<typeof CountyCase>

export const ReportInput = Type.Object(
  {
    listingId: Id,
    kind: literals(CASE_KINDS),
    note: Type.String({ maxLength: CASE_NOTE_MAX_LENGTH, [MULTILINE_TEXT]: true }),
    photoIds: Type.Array(Id, { maxItems: CASE_PHOTOS_MAX }),
  },
  Strict,
)
/** POST /orders/:id/cases. */
export type ReportCaseInput = Static<typeof ReportInput>

export const DecideInput = Type.Union([
  Type.Object(
    {
      refundFen: Type.Integer({ minimum: 1, description: 'fen, at most what is left refundable on the line' }),
      // Whose fault staff found: the farmer's goods (the default: the refund is taken from her share) or the transport (from the county's).
      fault: Type.Optional(literals(CASE_FAULTS)),
    },
    Strict,
  ),
  Type.Object({ declineReason: Type.String({ minLength: 1, maxLength: CASE_DECLINE_REASON_MAX_LENGTH, pattern: '\\S', [MULTILINE_TEXT]: true }) }, Strict),
])
/** POST /cases/:id/decide. */
export type CaseDecision = Static<typeof DecideInput>
