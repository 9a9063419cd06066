import type { Kysely } from 'kysely'
import { handInDeadline } from '../../../src/domain/farmer-sales'
import { chinaDate, chinaMinuteOfDay } from '../../../src/domain/china-time'
import { zhCN } from '../../../src/strings/zh-CN'
import type { Unit } from '../../../src/domain/units'
import type { Clock } from '../../clock'
import type { DB } from '../../db/schema'
import type { WeChatMessenger } from '../../integrations/wechat-subscribe'
import { claimDueEntries, settleTry, type MessageOutcome, settleMessage } from './message-outbox'

/* "有人买了您的奶皮子 2斤": each farmer of a paid order is told what sold and by when to hand it in,
   from the outbox the payment's transaction wrote, retried like the buyer's messages. A farmer
   without an account (listed for by the cun xiao'er), without WeChat, or who did not subscribe
   gets none: the cun xiao'er's parcels page and printed hand-in list tell her instead. */

export interface FarmerMessageDeps {
  db: Kysely<DB>
  clock: Clock
  messenger: WeChatMessenger | null
}

/** WeChat's time fields read '2026年12月02日 20:00', China time. */
export function wechatTime(instant: Date): string {
  const [y, m, d] = chinaDate(instant).split('-')
  const minute = chinaMinuteOfDay(instant)
  return `${y}年${m}月${d}日 ${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`
}

export async function sendDueFarmerMessages(deps: FarmerMessageDeps): Promise<number> {
  const { db } = deps
  const claimed = await claimDueEntries(deps, 'farmerMessages', 50)
  if (claimed.length === 0) return 0
  const due = await db.selectFrom('farmerMessages').selectAll().where('id', 'in', claimed).orderBy('createdAt').execute()
  let sent = 0
  for (const message of due) {
    const parcel = await db
      .selectFrom('parcels')
      .innerJoin('villages', 'villages.id', 'parcels.villageId')
      .innerJoin('counties', 'counties.id', 'villages.countyId')
      .leftJoin('users', (join) => join.onRef('users.farmerId', '=', 'parcels.farmerId').on('users.role', '=', 'farmer'))
      .select(['parcels.orderId', 'parcels.farmerId', 'parcels.collectionRunDate', 'villages.name as village', 'counties.cutoffTime', 'users.wechatOpenid'])
      .where('parcels.id', '=', message.parcelId)
      .executeTakeFirstOrThrow()
    const lines = await db.selectFrom('orderLines').select(['title', 'quantity', 'unit']).where('orderId', '=', parcel.orderId).where('farmerId', '=', parcel.farmerId).orderBy('position').execute()
    const finish = (status: MessageOutcome, lastError: string | null) => settleMessage(deps, 'farmerMessages', message, status, lastError)
    if (!deps.messenger || !parcel.wechatOpenid || !parcel.collectionRunDate) {
      await finish('failed', deps.messenger ? 'the farmer has no WeChat account' : 'subscribe messages are not configured')
      continue
    }
    const first = `${lines[0].title} ${lines[0].quantity}${zhCN.units[lines[0].unit as Unit] ?? lines[0].unit}`
    const outcome = await deps.messenger.sendSaleNotice({
      openid: parcel.wechatOpenid,
      goods: lines.length > 1 ? `${first} 等${lines.length}样` : first,
      handInBy: wechatTime(handInDeadline(parcel.collectionRunDate, { cutoffTime: parcel.cutoffTime })),
      place: `${parcel.village}服务站`,
    })
    if (await settleTry(deps, 'farmerMessages', message, outcome)) sent++
  }
  return sent
}
