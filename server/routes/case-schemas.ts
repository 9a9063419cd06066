import { Type } from '@sinclair/typebox'
import { CASE_DECLINE_REASON_MAX_LENGTH, CASE_KINDS, CASE_NOTE_MAX_LENGTH, CASE_PHOTOS_MAX, CASE_STATUSES } from '../../src/domain/after-sale'
import { MULTILINE_TEXT } from '../http/validation'
import { Id, Strict } from './schemas'

/* After-sale cases as JSON Schema: the order view's `cases`, the county's list, the report and the decision. */

const literals = (values: readonly string[]) => Type.Union(values.map((v) => Type.Literal(v)))
const PhotoLink = Type.Object({ id: Type.String(), url: Type.String(), thumbUrl: Type.String(), width: Type.Integer(), height: Type.Integer() })

export const AfterSaleCase = Type.Object({
  id: Type.String(),
  orderId: Type.String(),
  listingId: Type.String(),
  title: Type.String(),
  kind: literals(CASE_KINDS),
  note: Type.String(),
  photos: Type.Array(PhotoLink),
  reportedBy: literals(['buyer', 'county_staff']),
  status: literals(CASE_STATUSES),
  refundFen: Type.Union([Type.Integer(), Type.Null()]),
  declineReason: Type.Union([Type.String(), Type.Null()]),
  refund: Type.Union([Type.Object({ status: literals(['pending', 'succeeded']) }), Type.Null()]),
  createdAt: Type.String(),
  decidedAt: Type.Union([Type.String(), Type.Null()]),
})

export const CountyCase = Type.Object({
  ...AfterSaleCase.properties,
  buyer: Type.Object({ id: Type.String(), name: Type.String() }),
  quantity: Type.Integer(),
  unit: Type.String(),
  lineTotalFen: Type.Integer(),
  refundableFen: Type.Integer(),
})

export const ReportInput = Type.Object(
  {
    listingId: Id,
    kind: literals(CASE_KINDS),
    note: Type.String({ maxLength: CASE_NOTE_MAX_LENGTH, [MULTILINE_TEXT]: true }),
    photoIds: Type.Array(Id, { maxItems: CASE_PHOTOS_MAX }),
  },
  Strict,
)

export const DecideInput = Type.Union([
  Type.Object({ refundFen: Type.Integer({ minimum: 1, description: 'fen, at most what is left refundable on the line' }) }, Strict),
  Type.Object({ declineReason: Type.String({ minLength: 1, maxLength: CASE_DECLINE_REASON_MAX_LENGTH, pattern: '\\S', [MULTILINE_TEXT]: true }) }, Strict),
])

