/*
 * The tables as the code sees them (camelCase; the CamelCasePlugin maps to snake_case columns).
 * Instants are ISO 8601 UTC text with milliseconds, so they sort as text on both SQLite and
 * PostgreSQL; calendar days are 'YYYY-MM-DD' in China time. Money is integer fen.
 */

import type { Generated } from 'kysely'
import type { CaseKind, CaseStatus } from '../../src/domain/after-sale'
import type { CaseFault } from '../../src/domain/order-ledger'
import type { ListingStatus } from '../../src/domain/listing-status'
import type { TextCheck } from '../../src/domain/content-check'
import type { OrderStatus } from '../../src/domain/order-status'
import type { ParcelStatus } from '../../src/domain/parcel-status'
import type { MoneyTables } from './schema-money'
import type { ContentCheckTables } from './schema-content'
import type { PrivacyTables } from './schema-privacy'
import type { JobClaim } from './schema-jobs'

export interface CountyTable {
  id: string
  name: string
  shippingFirstKgFen: number
  shippingExtraKgFen: number
  commissionRateBp: number
  subsidyCapFen: number | null
  subsidyValidFrom: string | null
  subsidyValidUntil: string | null
  cutoffTime: string
  collectionRunTime: string
  runDurationMinutes: number
  createdAt: string
}

export interface PickupPointTable {
  id: string
  countyId: string
  name: string
  address: string
  phone: string | null
  opensAt: string
  closesAt: string
  /** Comma-separated weekday numbers (0 = Sunday) the center is closed. */
  closedWeekdays: string
}

export interface VillageTable {
  id: string
  countyId: string
  name: string
  serviceCenterAddress: string
}

export type Role = 'buyer' | 'farmer' | 'operator' | 'county_staff' | 'admin'

export interface UserTable {
  id: string
  role: Role
  name: string
  villageId: string | null
  countyId: string | null
  farmerId: string | null
  wechatOpenid: string | null
  createdAt: string
  /** Set when the account was deleted: the row stays, anonymised, for the records that point at it. */
  deletedAt?: string | null
}

export interface FarmerTable {
  id: string
  villageId: string
  name: string
  phone: string | null
  /** How WeChat found the name the operator typed (risky names are never saved). */
  nameCheck: Generated<TextCheck>
  createdAt: string
  /** Set when the farmer's record was deleted (her own account, or her cun xiao'er at her request). */
  deletedAt?: string | null
}

export interface SessionTable {
  tokenHash: string
  userId: string
  createdAt: string
  expiresAt: string
  revokedAt: string | null
}

/** WeChat's session_key stays here, on the server: it never appears in a response or a log. */
export interface WechatSessionTable {
  userId: string
  openid: string
  sessionKey: string
  updatedAt: string
}

export interface PhotoTable {
  id: string
  storageKey: string
  thumbKey: string
  width: number
  height: number
  bytes: number
  uploadedBy: string | null
  createdAt: string
}

export interface ListingTable {
  id: string
  farmerId: string
  villageId: string
  countyId: string
  title: string
  category: string
  unit: string
  unitWeightGrams: number
  priceFen: number
  stock: number
  status: ListingStatus
  description: string
  listedByUserId: string | null
  rejectionReason: string | null
  /** How WeChat found the text (risky text is never saved); see src/domain/content-check.ts. */
  textCheck: Generated<TextCheck>
  /** 'title:review,description:unchecked': the fields behind textCheck. */
  textFlags: Generated<string>
  /** Why WeChat's content check hid it (status hidden). */
  hiddenReason: Generated<string | null>
  createdAt: string
  updatedAt: string
}

export interface ListingPhotoTable {
  listingId: string
  photoId: string
  position: number
}

export type ListingAction = 'created' | 'edited' | 'approved' | 'rejected' | 'withdrawn' | 'hidden'

export interface ListingEventTable {
  id: string
  listingId: string
  seq: number
  /** Null when no person acted: WeChat's content check hid the listing. */
  actorUserId: string | null
  action: ListingAction
  fromStatus: ListingStatus | null
  toStatus: ListingStatus
  reason: string | null
  /** Comma-separated names of the fields an edit changed. */
  changedFields: string
  at: string
}

export interface OrderTable {
  id: string
  buyerId: string
  countyId: string
  pickupPointId: string
  status: OrderStatus
  subtotalFen: number
  shippingFen: number
  subsidyFen: number
  totalFen: number
  commissionRateBp: number
  pickupCodeHash: string | null
  pickupCodeSealed: string | null
  /** The short number people read (`1203-017`), unique within the county; given at payment. */
  number: string | null
  createdAt: string
  expiresAt: string
  paidAt: string | null
  /** When it expired, was cancelled or was picked up. */
  endedAt: string | null
  updatedAt: string
  /** When its sale settled: picked up, the after-sale window closed, no case open (settlement.ts). */
  settledAt: string | null
  /** When its ledger was last brought up to date; null for an order from before the ledger. */
  ledgerAt: string | null
}

/** The last sequence given to a county's orders on a calendar day ('MMDD', any year). */
export interface OrderNumberCounterTable {
  countyId: string
  day: string
  lastSeq: number
}

export interface OrderLineTable {
  orderId: string
  position: number
  listingId: string
  farmerId: string
  title: string
  unit: string
  quantity: number
  unitPriceFen: number
  lineTotalFen: number
  commissionFen: number
  weightGrams: number
}

export interface ParcelTable {
  id: string
  orderId: string
  farmerId: string
  villageId: string
  status: ParcelStatus
  weightGrams: number
  shippingFen: number
  createdAt: string
  updatedAt: string
  /** The collection run it travels on (China date), set when the order is paid. */
  collectionRunDate: string | null
  collectedAt: string | null
  collectedBy: string | null
  receivedAt: string | null
  receivedBy: string | null
}

export type OrderEventKind = 'placed' | 'paid' | 'parcel_collected' | 'parcel_received' | 'parcel_collect_undone' | 'parcel_receive_undone' | 'ready_for_pickup' | 'picked_up' | 'expired' | 'cancelled' | 'refunded'

export interface OrderEventTable {
  id: string
  orderId: string
  seq: number
  kind: OrderEventKind
  parcelId: string | null
  actorUserId: string | null
  at: string
}

export interface IdempotencyKeyTable {
  buyerId: string
  key: string
  requestHash: string
  /** Null while the first request with this key is still running. */
  orderId: string | null
  responseBody: string | null
  createdAt: string
  updatedAt: string
}

export type PaymentStatus = 'pending' | 'succeeded' | 'closed'

export interface PaymentTable {
  id: string
  orderId: string
  provider: string
  outTradeNo: string
  status: PaymentStatus
  amountFen: number
  prepayId: string | null
  preparedAt: string | null
  transactionId: string | null
  createdAt: string
  updatedAt: string
  succeededAt: string | null
}

export type RefundStatus = 'pending' | 'succeeded'

export interface RefundTable {
  id: string
  orderId: string
  paymentId: string
  outRefundNo: string
  amountFen: number
  status: RefundStatus
  providerRefundId: string | null
  attempts: number
  lastError: string | null
  createdAt: string
  updatedAt: string
  succeededAt: string | null
  /** The after-sale case this partial refund pays; null for the whole order's refund. */
  caseId: string | null
}

export interface PickupAttemptTable {
  id: string
  staffUserId: string
  pickupPointId: string
  succeeded: number
  at: string
}

export type CommissionKind = 'credit' | 'reversal'

export interface CommissionEntryTable {
  id: string
  orderId: string
  position: number
  kind: CommissionKind
  /** '' for the order's credit and its whole reversal; a case's id for that case's reversal. */
  caseId: Generated<string>
  operatorUserId: string
  listingId: string
  title: string
  lineTotalFen: number
  rateBp: number
  commissionFen: number
  month: string
  at: string
}

export interface AfterSaleCaseTable {
  id: string
  orderId: string
  position: number
  listingId: string
  kind: CaseKind
  note: string
  reportedBy: string
  reporterRole: 'buyer' | 'county_staff'
  status: CaseStatus
  refundFen: number | null
  declineReason: string | null
  decidedBy: string | null
  decidedAt: string | null
  commissionReversedFen: number | null
  /** Whose fault staff found: the farmer's goods (the refund comes out of her share) or the county's transport. */
  fault: CaseFault
  createdAt: string
  updatedAt: string
}

export interface AfterSaleCasePhotoTable {
  caseId: string
  photoId: string
  position: number
}

export interface BuyerMessageTable {
  id: string
  orderId: string
  kind: 'ready_for_pickup'
  status: 'pending' | 'sent' | 'failed'
  attempts: number
  nextAttemptAt: string
  lastError: string | null
  createdAt: string
  sentAt: string | null
}

/** "Someone bought your goods": one per parcel, sent from this outbox by the order jobs. */
export interface FarmerMessageTable {
  id: string
  parcelId: string
  farmerId: string
  status: 'pending' | 'sent' | 'failed'
  attempts: number
  nextAttemptAt: string
  lastError: string | null
  createdAt: string
  sentAt: string | null
}

export interface DB extends MoneyTables, PrivacyTables, ContentCheckTables {
  counties: CountyTable
  pickupPoints: PickupPointTable
  villages: VillageTable
  users: UserTable
  farmers: FarmerTable
  sessions: SessionTable
  wechatSessions: WechatSessionTable
  photos: PhotoTable
  listings: ListingTable
  listingPhotos: ListingPhotoTable
  listingEvents: ListingEventTable
  orders: OrderTable & JobClaim
  orderNumberCounters: OrderNumberCounterTable
  orderLines: OrderLineTable
  parcels: ParcelTable
  orderEvents: OrderEventTable
  idempotencyKeys: IdempotencyKeyTable
  payments: PaymentTable & JobClaim
  refunds: RefundTable & JobClaim
  pickupAttempts: PickupAttemptTable
  commissionEntries: CommissionEntryTable
  buyerMessages: BuyerMessageTable
  farmerMessages: FarmerMessageTable
  afterSaleCases: AfterSaleCaseTable
  afterSaleCasePhotos: AfterSaleCasePhotoTable
}
