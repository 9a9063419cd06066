import type { Kysely } from 'kysely'
import { addChinaMonths, chinaDateTime, chinaInstant, type ChinaDate, type ChinaMonth } from '../../../src/domain/china-time'
import { formatYuan } from '../../../src/domain/money'
import { ORDER_STATUSES_COUNTING_FOR_SUBSIDY } from '../../../src/domain/order-status'
import { zhCNCounty } from '../../../src/strings/zh-CN-county'
import type { DB } from '../../db/schema'

/* The county's monthly claim for its shipping subsidy: every order paid in the month (China
   time) that the buyer kept, with the shipping charged and the subsidy granted, and the totals.
   Orders cancelled or refunded gave their money back, subsidy included, and are left out. CSV
   with a UTF-8 byte order mark, so the county's spreadsheet opens the Chinese headers right. */

const yuan = (fen: number) => formatYuan(fen).replace('¥', '')
const csvField = (value: string) => (/[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value)

/** The first instant of a China month and of the next one. */
function monthBounds(month: ChinaMonth): [string, string] {
  const firstDay = (m: ChinaMonth): ChinaDate => `${m}-01`
  return [chinaInstant(firstDay(month), 0).toISOString(), chinaInstant(firstDay(addChinaMonths(month, 1)), 0).toISOString()]
}

export async function subsidyReportCsv(db: Kysely<DB>, countyId: string, month: string): Promise<string> {
  const [from, until] = monthBounds(month)
  const orders = await db
    .selectFrom('orders')
    .leftJoin('refunds', 'refunds.orderId', 'orders.id')
    .select(['orders.id', 'orders.number', 'orders.paidAt', 'orders.status', 'orders.subtotalFen', 'orders.shippingFen', 'orders.subsidyFen', 'orders.totalFen'])
    .where('orders.countyId', '=', countyId)
    .where('orders.paidAt', '>=', from)
    .where('orders.paidAt', '<', until)
    .where('orders.status', 'in', ORDER_STATUSES_COUNTING_FOR_SUBSIDY)
    .where('refunds.id', 'is', null)
    .orderBy('orders.paidAt')
    .orderBy('orders.id')
    .execute()
  // The short number first, as the desk and the buyer say it; the system's id last, for an audit
  // that needs to match a payment. Columns only ever added at the end: the app reads the totals by place.
  const rows = [['订单号', '支付时间（北京时间）', '状态', '商品金额（元）', '运费（元）', '运费补贴（元）', '实付（元）', '系统订单编号']]
  for (const o of orders) rows.push([o.number ?? '', chinaDateTime(o.paidAt!), zhCNCounty.report.orderStatus[o.status], yuan(o.subtotalFen), yuan(o.shippingFen), yuan(o.subsidyFen), yuan(o.totalFen), o.id])
  const sum = (pick: (o: (typeof orders)[number]) => number) => orders.reduce((total, o) => total + pick(o), 0)
  rows.push([`合计 ${orders.length} 单`, month, '', yuan(sum((o) => o.subtotalFen)), yuan(sum((o) => o.shippingFen)), yuan(sum((o) => o.subsidyFen)), yuan(sum((o) => o.totalFen)), ''])
  return '\uFEFF' + rows.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n'
}
