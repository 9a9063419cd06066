import type { Kysely } from 'kysely'
import type { Clock } from '../../clock'
import type { DB, UserTable } from '../../db/schema'
import type { PhotoStorage } from '../../storage/photo-storage'
import type { AccountExport } from '../../contract/account'
import { toPhotoView } from '../photos/photos'

/* GET /me/export (PIPL art. 45, the right of access): what we hold about the person asking,
   read column by column so that no secret is ever in it: no token hash, no WeChat session key,
   no pickup code (hash or sealed), no payment's prepay id or WeChat's bill numbers. */

export async function exportAccount(deps: { db: Kysely<DB>; clock: Clock; storage: PhotoStorage }, user: UserTable): Promise<AccountExport> {
  const { db } = deps
  const farmerId = user.farmerId
  const holders = farmerId ? [user.id, farmerId] : [user.id]

  const farmer = farmerId ? await db.selectFrom('farmers').select(['id', 'name', 'phone', 'villageId', 'createdAt']).where('id', '=', farmerId).executeTakeFirst() : undefined
  const sessions = await db.selectFrom('sessions').select(['createdAt', 'expiresAt', 'revokedAt']).where('userId', '=', user.id).orderBy('createdAt').execute()

  const orderRows = await db
    .selectFrom('orders')
    .select(['id', 'number', 'status', 'pickupPointId', 'subtotalFen', 'shippingFen', 'subsidyFen', 'totalFen', 'createdAt', 'paidAt', 'endedAt'])
    .where('buyerId', '=', user.id)
    .orderBy('createdAt')
    .execute()
  const orderIds = orderRows.map((o) => o.id)
  const lines = orderIds.length ? await db.selectFrom('orderLines').select(['orderId', 'listingId', 'title', 'unit', 'quantity', 'unitPriceFen', 'lineTotalFen']).where('orderId', 'in', orderIds).orderBy('position').execute() : []
  const payments = orderIds.length ? await db.selectFrom('payments').select(['orderId', 'provider', 'status', 'amountFen', 'createdAt', 'succeededAt']).where('orderId', 'in', orderIds).orderBy('createdAt').execute() : []
  const refunds = orderIds.length ? await db.selectFrom('refunds').select(['orderId', 'amountFen', 'status', 'createdAt', 'succeededAt']).where('orderId', 'in', orderIds).orderBy('createdAt').execute() : []
  const ofOrder = <T extends { orderId: string }>(rows: T[], id: string) => rows.filter((r) => r.orderId === id).map(({ orderId: _, ...rest }) => rest)

  const cases = await db
    .selectFrom('afterSaleCases')
    .select(['id', 'orderId', 'listingId', 'kind', 'note', 'status', 'refundFen', 'declineReason', 'createdAt'])
    .where('reportedBy', '=', user.id)
    .orderBy('createdAt')
    .execute()
  const listings = farmerId
    ? await db.selectFrom('listings').select(['id', 'title', 'category', 'unit', 'priceFen', 'stock', 'status', 'description', 'createdAt', 'updatedAt']).where('farmerId', '=', farmerId).orderBy('createdAt').execute()
    : []
  const photos = await db.selectFrom('photos').selectAll().where('uploadedBy', '=', user.id).orderBy('createdAt').execute()
  const ledger = await db
    .selectFrom('ledgerEntries')
    .innerJoin('ledgerPostings', 'ledgerPostings.id', 'ledgerEntries.postingId')
    .select(['ledgerEntries.at', 'ledgerPostings.event', 'ledgerEntries.account', 'ledgerEntries.amountFen', 'ledgerPostings.orderId', 'ledgerPostings.payoutId'])
    .where('ledgerEntries.holderId', 'in', holders)
    .orderBy('ledgerEntries.at')
    .execute()
  const payouts = await db.selectFrom('payouts').select(['id', 'amountFen', 'status', 'method', 'offlineReference', 'createdAt', 'endedAt']).where('payeeId', 'in', holders).orderBy('createdAt').execute()

  return {
    exportedAt: deps.clock().toISOString(),
    profile: { id: user.id, role: user.role, name: user.name, villageId: user.villageId, countyId: user.countyId, farmerId: user.farmerId, wechatLinked: user.wechatOpenid !== null, createdAt: user.createdAt },
    farmer: farmer ?? null,
    sessions,
    orders: orderRows.map((o) => ({ ...o, lines: ofOrder(lines, o.id), payments: ofOrder(payments, o.id), refunds: ofOrder(refunds, o.id) })),
    cases,
    listings,
    photos: photos.map((p) => ({ ...toPhotoView(p, deps.storage), createdAt: p.createdAt })),
    ledger: ledger.map((e) => ({ ...e, amountFen: Number(e.amountFen) })),
    payouts,
  }
}
