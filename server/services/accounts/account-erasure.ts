import type { Kysely } from 'kysely'
import { balanceHoldsAccount, DELETED_PERSON_NAME, holdsAccountOpen, LISTING_WITHDRAWN_ON_DELETION, type HolderBalances } from '../../../src/domain/account-deletion'
import type { CaseStatus } from '../../../src/domain/after-sale'
import type { OrderStatus } from '../../../src/domain/order-status'
import type { AccountKind } from '../../../src/domain/ledger'
import type { DB } from '../../db/schema'
import type { DeletionReason } from '../../db/schema-privacy'
import type { WriteTx } from '../../db/write-transaction'
import type { PhotoStorage } from '../../storage/photo-storage'
import { recordListingEvent } from '../listings/listing-events'
import { moveListing } from '../listings/move-listing'
import { ServiceError } from '../service-error'

/* The steps of erasing a person, shared by a user deleting their own account and a cun xiao'er
   deleting a phoneless farmer's record. Each runs inside the caller's write transaction, so a
   deletion is whole or not at all; only the photo files go after commit (a file is no row). */

export interface OrderHoldingAccount {
  id: string
  /** The short number people read; null for an order never paid. */
  number: string | null
  status: OrderStatus
  createdAt: string
}

/** Orders that keep the account open (holdsAccountOpen): the buyer's own, and those with a
 *  farmer's goods in them. Newest first, as the app lists them. */
export async function ordersHoldingAccount(tx: WriteTx, who: { buyerId?: string; farmerId?: string }): Promise<OrderHoldingAccount[]> {
  const orders = new Map<string, OrderHoldingAccount & { isBuyer: boolean }>()
  const columns = ['orders.id', 'orders.number', 'orders.status', 'orders.createdAt'] as const
  if (who.buyerId) for (const o of await tx.selectFrom('orders').select(columns).where('buyerId', '=', who.buyerId).execute()) orders.set(o.id, { ...o, isBuyer: true })
  if (who.farmerId) {
    const sold = await tx.selectFrom('orders').select(columns).where('orders.id', 'in', tx.selectFrom('orderLines').select('orderId').where('farmerId', '=', who.farmerId)).execute()
    for (const o of sold) if (!orders.has(o.id)) orders.set(o.id, { ...o, isBuyer: false })
  }
  if (orders.size === 0) return []
  const ids = [...orders.keys()]
  const cases = await tx.selectFrom('afterSaleCases').select(['orderId', 'status']).where('orderId', 'in', ids).execute()
  const uploads = new Set((await tx.selectFrom('shippingUploads').select('orderId').where('orderId', 'in', ids).where('status', '=', 'pending').execute()).map((u) => u.orderId))
  const caseStatuses = new Map<string, CaseStatus[]>()
  for (const c of cases) caseStatuses.set(c.orderId, [...(caseStatuses.get(c.orderId) ?? []), c.status])
  return [...orders.values()]
    .filter((o) => holdsAccountOpen({ status: o.status, caseStatuses: caseStatuses.get(o.id) ?? [], shippingUploadPending: o.isBuyer && uploads.has(o.id) }))
    .sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0))
    .map(({ id, number, status, createdAt }) => ({ id, number, status, createdAt }))
}

const PENDING: AccountKind[] = ['farmer_pending', 'operator_pending']
const PAYABLE: AccountKind[] = ['farmer_payable', 'operator_payable']

/** What the ledger holds for these holders now (a farmer's id, a cun xiao'er's user id). */
export async function balancesOf(tx: WriteTx, holderIds: string[]): Promise<HolderBalances> {
  const rows = await tx
    .selectFrom('ledgerEntries')
    .select(['account', 'amountFen'])
    .where('holderId', 'in', holderIds)
    .where('account', 'in', [...PENDING, ...PAYABLE, 'payouts_in_flight'])
    .execute()
  const sum = (accounts: AccountKind[]) => rows.filter((r) => accounts.includes(r.account)).reduce((s, r) => s + Number(r.amountFen), 0)
  return { pendingFen: sum(PENDING), payableFen: sum(PAYABLE), inFlightFen: sum(['payouts_in_flight']) }
}

/** Refuses, saying which, while an order, a case or money still needs the person. */
export async function refuseWhileUnderWay(tx: WriteTx, who: { buyerId?: string; farmerId?: string; holderIds: string[] }): Promise<void> {
  const orders = await ordersHoldingAccount(tx, who)
  if (orders.length > 0) {
    throw new ServiceError('ACCOUNT_HAS_OPEN_ORDERS', 'finish or cancel these orders first; then the account can be deleted', { orders })
  }
  const balances = await balancesOf(tx, who.holderIds)
  if (balanceHoldsAccount(balances)) {
    throw new ServiceError('ACCOUNT_HAS_BALANCE', 'money is still owed to this account: it must be paid out before the account is deleted', { ...balances })
  }
}

/** Every listing of the farmer not yet withdrawn is withdrawn through the listing machine, and
 *  its history says by whom and why. Descriptions are her own words, often with her phone number
 *  in them, and no record needs them (an order line keeps the title it sold under): emptied, on
 *  listings withdrawn earlier too. */
export async function withdrawListingsOf(tx: WriteTx, farmerId: string, actorUserId: string, reason: DeletionReason, now: string): Promise<void> {
  const listings = await tx.selectFrom('listings').select(['id', 'status']).where('farmerId', '=', farmerId).where('status', '!=', 'withdrawn').orderBy('id').execute()
  for (const listing of listings) {
    if (!(await moveListing(tx, listing.id, listing.status, 'withdrawn', now, { description: '' }))) throw new ServiceError('CONFLICT', 'a listing changed meanwhile; please try again')
    await recordListingEvent(tx, now, listing.id, actorUserId, 'withdrawn', listing.status, 'withdrawn', { reason: LISTING_WITHDRAWN_ON_DELETION[reason] })
  }
  await tx.updateTable('listings').set({ description: '' }).where('farmerId', '=', farmerId).where('description', '!=', '').execute()
}

/**
 * The person's photos that no listing still offered uses: those they uploaded, and (a farmer)
 * those of her listings, now all withdrawn. Their rows go, with the places that showed them
 * (a withdrawn listing's gallery, the person's own after-sale reports); the storage keys are
 * returned for removeUnusedPhotoFiles after commit.
 */
export async function erasePhotos(tx: WriteTx, who: { uploadedBy?: string; farmerId?: string }): Promise<string[]> {
  const candidates = new Set<string>()
  if (who.uploadedBy) for (const p of await tx.selectFrom('photos').select('id').where('uploadedBy', '=', who.uploadedBy).execute()) candidates.add(p.id)
  if (who.farmerId) {
    const onHers = await tx.selectFrom('listingPhotos').innerJoin('listings', 'listings.id', 'listingPhotos.listingId').select('listingPhotos.photoId').where('listings.farmerId', '=', who.farmerId).execute()
    for (const p of onHers) candidates.add(p.photoId)
  }
  if (candidates.size === 0) return []
  // A photo on a listing still offered or under review (a cun xiao'er's picture of another farmer's goods) stays.
  const inUse = await tx
    .selectFrom('listingPhotos')
    .innerJoin('listings', 'listings.id', 'listingPhotos.listingId')
    .select('listingPhotos.photoId')
    .where('listingPhotos.photoId', 'in', [...candidates])
    .where('listings.status', '!=', 'withdrawn')
    .execute()
  for (const p of inUse) candidates.delete(p.photoId)
  const ids = [...candidates]
  if (ids.length === 0) return []
  const rows = await tx.selectFrom('photos').select(['storageKey', 'thumbKey']).where('id', 'in', ids).execute()
  await tx.deleteFrom('listingPhotos').where('photoId', 'in', ids).execute()
  await tx.deleteFrom('afterSaleCasePhotos').where('photoId', 'in', ids).execute()
  // WeChat's content checks of these photos go with them (a late verdict then matches nothing).
  await tx.deleteFrom('photoCheckTraces').where('photoId', 'in', ids).execute()
  await tx.deleteFrom('photoChecks').where('photoId', 'in', ids).execute()
  await tx.deleteFrom('photos').where('id', 'in', ids).execute()
  return rows.flatMap((r) => [r.storageKey, r.thumbKey])
}

/** Files are named by their content, so another photo row may share one: only a file no row
 *  names any more is removed. A failure leaves an orphan file, never a broken photo. */
export async function removeUnusedPhotoFiles(db: Kysely<DB>, storage: PhotoStorage, keys: string[]): Promise<void> {
  if (keys.length === 0) return
  const still = await db.selectFrom('photos').select(['storageKey', 'thumbKey']).where((eb) => eb.or([eb('storageKey', 'in', keys), eb('thumbKey', 'in', keys)])).execute()
  const named = new Set(still.flatMap((r) => [r.storageKey, r.thumbKey]))
  for (const key of keys) if (!named.has(key)) await storage.remove(key).catch(() => undefined)
}

/** The farmer's row keeps its id (order lines, parcels and the ledger point at it), not her. */
export async function anonymiseFarmer(tx: WriteTx, farmerId: string, now: string): Promise<void> {
  await tx.updateTable('farmers').set({ name: DELETED_PERSON_NAME, phone: null, deletedAt: now }).where('id', '=', farmerId).execute()
}

export async function recordDeletion(tx: WriteTx, row: { id: string; userId: string | null; farmerId: string | null; actorUserId: string; reason: DeletionReason; at: string }): Promise<void> {
  await tx.insertInto('accountDeletions').values(row).execute()
}

/** The person's WeChat openid is kept with the content checks of photos they uploaded (WeChat
 *  wants the author's). A photo still in use keeps its check, without them: a check not yet
 *  done ends as unchecked for the cun xiao'er to look at. */
export async function forgetContentCheckAuthor(tx: WriteTx, openid: string | null): Promise<void> {
  if (openid) await tx.updateTable('photoChecks').set({ openid: null }).where('openid', '=', openid).execute()
}
