/* After-sale cases (售后) as the server sends them: on an order (`cases`), in the county's list,
   and beside each line of the farmer's sales page. */
import type { CaseKind, CaseStatus } from '../domain/after-sale'
import type { Unit } from '../domain/units'
import type { Photo } from './types'

export interface AfterSaleCase {
  id: string
  orderId: string
  listingId: string
  title: string
  kind: CaseKind
  note: string
  photos: Photo[]
  reportedBy: 'buyer' | 'county_staff'
  status: CaseStatus
  refundFen: number | null
  declineReason: string | null
  /** The partial refund at WeChat Pay, once decided with one. */
  refund: { status: 'pending' | 'succeeded' } | null
  createdAt: string
  decidedAt: string | null
}

/** A case as the county's staff decide it: with the buyer, the line and what is left to refund. */
export interface CountyCase extends AfterSaleCase {
  buyer: { id: string; name: string }
  quantity: number
  unit: Unit
  lineTotalFen: number
  refundableFen: number
}

export interface ReportCaseInput {
  listingId: string
  kind: CaseKind
  note: string
  photoIds: string[]
}

export type CaseDecision = { refundFen: number } | { declineReason: string }
