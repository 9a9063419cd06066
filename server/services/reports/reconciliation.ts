import { sql, type Kysely } from 'kysely'
import { addChinaMonths, chinaInstant, type ChinaMonth } from '../../../src/domain/china-time'
import type { AccountKind } from '../../../src/domain/ledger'
import { formatYuan } from '../../../src/domain/money'
import { ledgerBalances, reconcile, type PostingSource, type ReconciliationRow } from '../../../src/domain/reconciliation'
import type { Reconciliation } from '../../contract/reconciliation'
import type { DB } from '../../db/schema'

/* The county's monthly reconciliation, read from the ledger in two grouped queries: the month's
   entries summed by village, posting source and account (the village of an order's posting is
   its first line's farmer's, of a payout's its payee's: src/domain/reconciliation.ts), and the
   county's balances as the month closed, summed by account. PostgreSQL answers a SUM of integers
   as text (bigint), SQLite as a number: both go through Number. */

function monthBounds(month: ChinaMonth): [string, string] {
  return [chinaInstant(`${month}-01`, 0).toISOString(), chinaInstant(`${addChinaMonths(month, 1)}-01`, 0).toISOString()]
}

export async function countyReconciliation(db: Kysely<DB>, countyId: string, month: ChinaMonth): Promise<Reconciliation> {
  const [from, until] = monthBounds(month)
  const [sums, balances, villages] = await Promise.all([
    // The month's entries are first summed per order (or payout), so each village is looked up
    // once per order, not once per entry; an order's first line is its position 0 (place-order.ts).
    sql<{ villageId: string | null; source: PostingSource; account: AccountKind; amountFen: string | number; payments: string | number }>`
      with month_sums as (
        select p.order_id, p.payout_id, e.account, sum(e.amount_fen) as amount_fen,
          sum(case when p.event = 'payment_received' and e.account = 'buyer_payments' then 1 else 0 end) as payments
        from ledger_entries e join ledger_postings p on p.id = e.posting_id
        where e.county_id = ${countyId} and e.at >= ${from} and e.at < ${until}
        group by p.order_id, p.payout_id, e.account
      )
      select coalesce(f.village_id, payee_farmer.village_id, payee_user.village_id, '') as village_id,
        case when ms.payout_id is null then 'order' else 'payout' end as source,
        ms.account, sum(ms.amount_fen) as amount_fen, sum(ms.payments) as payments
      from month_sums ms
      left join order_lines ol on ol.order_id = ms.order_id and ol.position = 0
      left join farmers f on f.id = ol.farmer_id
      left join payouts po on po.id = ms.payout_id
      left join farmers payee_farmer on payee_farmer.id = po.payee_id
      left join users payee_user on payee_user.id = po.payee_id
      group by 1, 2, 3`.execute(db),
    db
      .selectFrom('ledgerEntries')
      .select(['account', (eb) => eb.fn.sum<string | number>('amountFen').as('amountFen')])
      .where('countyId', '=', countyId)
      .where('at', '<', until)
      .where('account', 'in', ['farmer_pending', 'farmer_payable', 'operator_pending', 'operator_payable', 'payouts_in_flight'])
      .groupBy('account')
      .execute(),
    db.selectFrom('villages').select(['id', 'name']).where('countyId', '=', countyId).orderBy('name').orderBy('id').execute(),
  ])
  const { totals, lines } = reconcile(
    sums.rows.map((r) => ({ villageId: r.villageId ?? '', source: r.source, account: r.account, amountFen: Number(r.amountFen), payments: Number(r.payments) })),
    villages,
  )
  const { payableFen, pendingFen, inFlightFen } = ledgerBalances(balances.map((b) => ({ account: b.account, amountFen: Number(b.amountFen) })))
  return { month, countyId, payableFen, pendingFen, inFlightFen, paidOutFen: totals.payoutsFen, totals, lines }
}

const yuan = (fen: number) => formatYuan(fen).replace('¥', '')
const csvField = (value: string) => (/[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value)

/* One row per village and a 合计 row, amounts in yuan; with a UTF-8 byte order mark, so the
   county's spreadsheet opens the Chinese headers right. Columns only ever added at the end. */
export function reconciliationCsv(r: Reconciliation): string {
  const header = ['村', '订单数', '收到买家付款（元）', '农户所得（元）', '村小二佣金（元）', '运费（元）', '运费补贴（元）', '退款（元）', '已付出（元）', '差额（元）']
  const row = (l: ReconciliationRow) => [
    l.villageName,
    String(l.orderCount),
    yuan(l.receivedFen),
    yuan(l.farmersShareFen),
    yuan(l.commissionFen),
    yuan(l.shippingFen),
    yuan(l.subsidyFen),
    yuan(l.refundsFen),
    yuan(l.payoutsFen),
    yuan(l.differenceFen),
  ]
  const rows = [header, ...r.lines.map(row), row(r.totals)]
  return '\uFEFF' + rows.map((cells) => cells.map(csvField).join(',')).join('\r\n') + '\r\n'
}
