import type { Kysely } from 'kysely'
import type { Clock } from '../../clock'
import type { DB } from '../../db/schema'
import type { WeChatMessenger } from '../../integrations/wechat-subscribe'
import { claimDueEntries, settleTry, type MessageOutcome, settleMessage } from './message-outbox'
import { type PickupCodes, SealedCodeUnreadable } from '../pickups/pickup-codes'

/* Messages to buyers wait in an outbox (written in the transaction that made the order ready)
   and are sent by the order jobs, so a WeChat outage never holds up a parcel at the county
   center: a failed send is tried again later, each time waiting longer, and given up after a
   day. A buyer without WeChat (H5) or who did not subscribe gets no message; the order page
   shows the same news. */


export interface BuyerMessageDeps {
  db: Kysely<DB>
  clock: Clock
  messenger: WeChatMessenger | null
  pickupCodes: PickupCodes
}

export async function sendDueMessages(deps: BuyerMessageDeps): Promise<number> {
  const { db } = deps
  const claimed = await claimDueEntries(deps, 'buyerMessages', 50)
  if (claimed.length === 0) return 0
  const due = await db.selectFrom('buyerMessages').selectAll().where('id', 'in', claimed).orderBy('createdAt').execute()
  let sent = 0
  for (const message of due) {
    const order = await db
      .selectFrom('orders')
      .innerJoin('users', 'users.id', 'orders.buyerId')
      .innerJoin('pickupPoints', 'pickupPoints.id', 'orders.pickupPointId')
      .select(['orders.id', 'orders.pickupCodeSealed', 'users.wechatOpenid', 'pickupPoints.name as place'])
      .where('orders.id', '=', message.orderId)
      .executeTakeFirstOrThrow()
    const lines = await db.selectFrom('orderLines').select('title').where('orderId', '=', order.id).orderBy('position').execute()
    const finish = (status: MessageOutcome, lastError: string | null) => settleMessage(deps, 'buyerMessages', message, status, lastError)
    if (!deps.messenger || !order.wechatOpenid || !order.pickupCodeSealed) {
      await finish('failed', deps.messenger ? 'the buyer has no WeChat account' : 'subscribe messages are not configured')
      continue
    }
    const code = openedCode(deps.pickupCodes, order.pickupCodeSealed)
    if (code === null) {
      // This process cannot open it; one with the right secret will, on a later round.
      await finish('pending', 'the pickup code cannot be opened with this server’s secret')
      continue
    }
    const outcome = await deps.messenger.sendPickupReady({
      openid: order.wechatOpenid,
      orderId: order.id,
      goods: lines.length > 1 ? `${lines[0].title} 等${lines.length}件` : lines[0].title,
      code,
      place: order.place,
    })
    if (await settleTry(deps, 'buyerMessages', message, outcome)) sent++
  }
  return sent
}

function openedCode(codes: PickupCodes, sealed: string): string | null {
  try {
    return codes.open(sealed)
  } catch (error) {
    if (error instanceof SealedCodeUnreadable) return null
    throw error
  }
}
