import { type Static, Type } from '@sinclair/typebox'
import type { OrderStatus } from '../../src/domain/order-status'
import { Photo, stringOf } from './common'
import { Role } from './users'

/* Deleting an account and exporting one's data (PIPL arts. 45 and 47): DELETE /me,
   GET /me/export, DELETE /farmers/:id, and what a refusal of a deletion carries. */

const Nullable = <T extends ReturnType<typeof Type.String> | ReturnType<typeof Type.Integer>>(t: T) => Type.Union([t, Type.Null()])

/** An order that keeps an account open (409 ACCOUNT_HAS_OPEN_ORDERS, `details.orders`). */
export const OrderHoldingAccount = Type.Object({
  id: Type.String(),
  number: Nullable(Type.String()),
  status: stringOf<OrderStatus>(),
  createdAt: Type.String(),
})
export type OrderHoldingAccount = Static<typeof OrderHoldingAccount>

/** DELETE /farmers/:id: whose record went, and when. */
export const FarmerDeleted = Type.Object({ farmerId: Type.String(), deletedAt: Type.String() })
export type FarmerDeleted = Static<typeof FarmerDeleted>

const ExportLine = Type.Object({ listingId: Type.String(), title: Type.String(), unit: Type.String(), quantity: Type.Integer(), unitPriceFen: Type.Integer(), lineTotalFen: Type.Integer() })

const ExportOrder = Type.Object({
  id: Type.String(),
  number: Nullable(Type.String()),
  status: Type.String(),
  pickupPointId: Type.String(),
  subtotalFen: Type.Integer(),
  shippingFen: Type.Integer(),
  subsidyFen: Type.Integer(),
  totalFen: Type.Integer(),
  createdAt: Type.String(),
  paidAt: Nullable(Type.String()),
  endedAt: Nullable(Type.String()),
  lines: Type.Array(ExportLine),
  payments: Type.Array(Type.Object({ provider: Type.String(), status: Type.String(), amountFen: Type.Integer(), createdAt: Type.String(), succeededAt: Nullable(Type.String()) })),
  refunds: Type.Array(Type.Object({ amountFen: Type.Integer(), status: Type.String(), createdAt: Type.String(), succeededAt: Nullable(Type.String()) })),
})

/** GET /me/export: everything we hold about the person asking, secrets left out (token hashes,
 *  WeChat's session key, pickup codes). */
export const AccountExport = Type.Object({
  exportedAt: Type.String(),
  profile: Type.Object({
    id: Type.String(),
    role: Role,
    name: Type.String(),
    villageId: Nullable(Type.String()),
    countyId: Nullable(Type.String()),
    farmerId: Nullable(Type.String()),
    /** Whether a WeChat account is linked (the openid itself is WeChat's key, not shown). */
    wechatLinked: Type.Boolean(),
    createdAt: Type.String(),
  }),
  farmer: Type.Union([Type.Object({ id: Type.String(), name: Type.String(), phone: Nullable(Type.String()), villageId: Type.String(), createdAt: Type.String() }), Type.Null()]),
  sessions: Type.Array(Type.Object({ createdAt: Type.String(), expiresAt: Type.String(), revokedAt: Nullable(Type.String()) })),
  orders: Type.Array(ExportOrder),
  cases: Type.Array(
    Type.Object({ id: Type.String(), orderId: Type.String(), listingId: Type.String(), kind: Type.String(), note: Type.String(), status: Type.String(), refundFen: Nullable(Type.Integer()), declineReason: Nullable(Type.String()), createdAt: Type.String() }),
  ),
  listings: Type.Array(
    Type.Object({
      id: Type.String(),
      title: Type.String(),
      category: Type.String(),
      unit: Type.String(),
      priceFen: Type.Integer(),
      stock: Type.Integer(),
      status: Type.String(),
      description: Type.String(),
      createdAt: Type.String(),
      updatedAt: Type.String(),
    }),
  ),
  photos: Type.Array(Type.Intersect([Photo, Type.Object({ createdAt: Type.String() })])),
  /** The ledger's lines for the person (a farmer's sales, a cun xiao'er's commission, payouts). */
  ledger: Type.Array(Type.Object({ at: Type.String(), event: Type.String(), account: Type.String(), amountFen: Type.Integer(), orderId: Nullable(Type.String()), payoutId: Nullable(Type.String()) })),
  payouts: Type.Array(Type.Object({ id: Type.String(), amountFen: Type.Integer(), status: Type.String(), method: Type.String(), offlineReference: Nullable(Type.String()), createdAt: Type.String(), endedAt: Nullable(Type.String()) })),
})
export type AccountExport = Static<typeof AccountExport>
