import type { Kysely } from 'kysely'
import type { Clock } from '../../clock'
import type { DB } from '../../db/schema'
import type { WriteTx } from '../../db/write-transaction'
import { newId } from '../../ids'
import type { ShippingUploader } from '../../integrations/wechat-shipping'
import { claimDueEntries, retryAfterMs, settleTry, settleMessage } from '../messages/message-outbox'

/* WeChat keeps a WeChat Pay buyer's money frozen until the order's shipping information is
   uploaded. The hand-over at the pickup desk is our delivery, so the hand-over's transaction
   writes the upload into an outbox and the jobs send it: WeChat being slow or away never holds
   up a buyer at the desk. Each order is uploaded once (WeChat counts a second upload as the one
   re-shipment it allows); an upload that keeps failing is listed for county staff with WeChat's
   error, to finish by hand in the mini-program's admin. Orders paid in the sandbox have nothing
   frozen and get no row. */

export async function queueShippingUpload(tx: WriteTx, orderId: string, now: string): Promise<boolean> {
  const paidByWeChat = await tx.selectFrom('payments').select('id').where('orderId', '=', orderId).where('status', '=', 'succeeded').where('provider', '=', 'wechat').executeTakeFirst()
  if (!paidByWeChat) return false
  await tx
    .insertInto('shippingUploads')
    .values({ id: newId('shp'), orderId, status: 'pending', lastError: null, nextAttemptAt: now, sentAt: null, createdAt: now })
    .onConflict((oc) => oc.column('orderId').doNothing())
    .execute()
  return true
}

export interface ShippingUploadDeps {
  db: Kysely<DB>
  clock: Clock
  uploader: ShippingUploader | null
  mchid: string
}

export async function uploadDueShipping(deps: ShippingUploadDeps): Promise<number> {
  const claimed = await claimDueEntries(deps, 'shippingUploads', 50)
  if (claimed.length === 0) return 0
  const due = await deps.db.selectFrom('shippingUploads').selectAll().where('id', 'in', claimed).orderBy('createdAt').execute()
  let sent = 0
  for (const upload of due) {
    const finish = (status: 'sent' | 'failed' | 'pending', error: string | null) => settleMessage(deps, 'shippingUploads', upload, status, error)
    const order = await deps.db
      .selectFrom('orders')
      .innerJoin('users', 'users.id', 'orders.buyerId')
      .innerJoin('payments', (join) => join.onRef('payments.orderId', '=', 'orders.id').on('payments.status', '=', 'succeeded'))
      .select(['orders.id', 'orders.endedAt', 'users.wechatOpenid', 'payments.transactionId', 'payments.outTradeNo'])
      .where('orders.id', '=', upload.orderId)
      .executeTakeFirstOrThrow()
    if (!deps.uploader || !order.wechatOpenid) {
      await finish('failed', deps.uploader ? 'the buyer has no WeChat account' : 'WeChat is not configured')
      continue
    }
    const lines = await deps.db.selectFrom('orderLines').select(['title', 'quantity', 'unit']).where('orderId', '=', order.id).orderBy('position').execute()
    const outcome = await deps.uploader.uploadSelfPickup({
      orderKey: order.transactionId ? { transactionId: order.transactionId } : { mchid: deps.mchid, outTradeNo: order.outTradeNo },
      itemDesc: lines.length > 1 ? `${lines[0].title} 等${lines.length}件` : lines[0].title,
      payerOpenid: order.wechatOpenid,
      uploadedAt: deps.clock(),
    })
    if (await settleTry(deps, 'shippingUploads', upload, outcome)) sent++
  }
  return sent
}

export interface StuckUpload {
  orderId: string
  orderNumber: string | null
  attempts: number
  lastError: string | null
  since: string
  lastAttemptAt: string | null
}

/** The county's orders whose shipping information WeChat did not take, for staff to finish by hand. */
export async function stuckShippingUploads(db: Kysely<DB>, countyId: string): Promise<StuckUpload[]> {
  const rows = await db
    .selectFrom('shippingUploads')
    .innerJoin('orders', 'orders.id', 'shippingUploads.orderId')
    .select(['orders.id as orderId', 'orders.number as orderNumber', 'shippingUploads.attempts', 'shippingUploads.lastError', 'shippingUploads.createdAt as since', 'shippingUploads.nextAttemptAt'])
    .where('orders.countyId', '=', countyId)
    .where('shippingUploads.status', '=', 'failed')
    .orderBy('shippingUploads.createdAt')
    .execute()
  // Each try sets the next one retryAfterMs(attempts before it) later (message-outbox.ts), so the last try's time is exact.
  return rows.map(({ nextAttemptAt, ...row }) => ({ ...row, lastAttemptAt: row.attempts > 0 ? new Date(Date.parse(nextAttemptAt) - retryAfterMs(row.attempts - 1)).toISOString() : null }))
}
