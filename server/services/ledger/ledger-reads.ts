import type { Kysely } from 'kysely'
import { chinaInstant, addChinaMonths, type ChinaMonth } from '../../../src/domain/china-time'
import type { AccountKind } from '../../../src/domain/ledger'
import { statementOf, type Statement } from '../../../src/domain/statement'
import type { DB } from '../../db/schema'

/* What the ledger says, read for people: a holder's statement (a farmer's by her farmer id, a cun
   xiao'er's by his user id), and what each holder of a county is owed now, which a payout run
   draws up. Sums are taken in JavaScript from integer rows: PostgreSQL would answer a SUM as
   text (bigint), SQLite as a number. */

const HELD: AccountKind[] = ['farmer_pending', 'farmer_payable', 'operator_pending', 'operator_payable', 'payouts_in_flight', 'paid_out']

export async function statementOfHolder(db: Kysely<DB>, holderId: string, month: ChinaMonth): Promise<Statement> {
  const entries = await db
    .selectFrom('ledgerEntries')
    .innerJoin('ledgerPostings', 'ledgerPostings.id', 'ledgerEntries.postingId')
    .leftJoin('orders', 'orders.id', 'ledgerPostings.orderId')
    .select(['ledgerEntries.postingId', 'ledgerPostings.event', 'ledgerEntries.account', 'ledgerEntries.amountFen', 'ledgerEntries.at', 'ledgerPostings.orderId', 'orders.number as orderNumber', 'ledgerPostings.payoutId'])
    .where('ledgerEntries.holderId', '=', holderId)
    .where('ledgerEntries.account', 'in', HELD)
    // The balances need every entry up to the month's end; a later month's lines are not read.
    .where('ledgerEntries.at', '<', chinaInstant(`${addChinaMonths(month, 1)}-01`, 0).toISOString())
    .orderBy('ledgerEntries.at')
    .execute()
  return statementOf(entries.map((e) => ({ ...e, amountFen: Number(e.amountFen) })), month)
}

export interface Payable {
  payeeKind: 'farmer' | 'operator'
  payeeId: string
  payableFen: number
}

/** Every farmer and cun xiao'er of the county with what is payable to them now (positive or not). */
export async function payablesOfCounty(db: Kysely<DB>, countyId: string): Promise<Payable[]> {
  const rows = await db
    .selectFrom('ledgerEntries')
    .select(['holderId', 'account', 'amountFen'])
    .where('countyId', '=', countyId)
    .where('account', 'in', ['farmer_payable', 'operator_payable'])
    .execute()
  const sums = new Map<string, Payable>()
  for (const row of rows) {
    const key = `${row.account}:${row.holderId}`
    const payable = sums.get(key) ?? { payeeKind: row.account === 'farmer_payable' ? 'farmer' : 'operator', payeeId: row.holderId, payableFen: 0 }
    payable.payableFen += Number(row.amountFen)
    sums.set(key, payable)
  }
  return [...sums.values()].sort((a, b) => (a.payeeKind === b.payeeKind ? (a.payeeId < b.payeeId ? -1 : 1) : a.payeeKind === 'farmer' ? -1 : 1))
}
