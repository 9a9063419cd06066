import type { ChinaDate } from '../domain/china-time'
import type { Unit } from '../domain/units'
import type { Parcel } from './order-types'
import type { Named } from './types'

/* The parcels' way from the village to the county center and the pickup desk, as the server
   sends them (API.md "Orders", second half). */

/** GET /village/parcels?date=: what the operator's village hands to that day's collection run. */
export interface VillageRun {
  date: ChinaDate
  /** When the farmers' goods for this run are due at the service center (ISO UTC). */
  handInBy: string
  items: Parcel[]
}

export interface ManifestVillage {
  village: Named
  parcels: Parcel[]
  parcelCount: number
  weightGrams: number
}

/** GET /county/manifest?date=: the collection run, village by village (collected and received parcels). */
export interface Manifest {
  date: ChinaDate
  villages: ManifestVillage[]
}

export interface DeskOrderLine {
  listingId: string
  title: string
  quantity: number
  unit: Unit
}

/** An order as the county center's desk sees it: whom to hand what. */
export interface DeskOrder {
  id: string
  /** The order's short number (`1203-017`). */
  number: string | null
  status: string
  buyer: Named
  lines: DeskOrderLine[]
  parcels: Parcel[]
  totalFen: number
  paidAt: string | null
}

/** POST /pickups/verify: the code typed, or the order id and code read from the buyer's QR code. */
export interface PickupVerifyInput {
  code: string
  orderId?: string
}

export type CommissionKind = 'credit' | 'reversal'

/** One order line's commission, or its reversal (negative) when a picked-up order was refunded. */
export interface CommissionEntry {
  orderId: string
  listingId: string
  title: string
  lineTotalFen: number
  /** A fraction: 0.05 is 5 %. */
  rate: number
  commissionFen: number
  creditedAt: string
  kind: CommissionKind
}

/** GET /operator/commissions?month=YYYY-MM */
export interface CommissionStatement {
  month: string
  items: CommissionEntry[]
  totalFen: number
}
