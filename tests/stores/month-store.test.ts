import type { CommissionStatement } from '../../src/api/parcel-types'
import { MonthStore } from '../../src/stores/month-store'

/* A statement month by month (here the cun xiao'er's commission): opens on this month, goes back
   freely, never past this month, and a slow answer for a month no longer shown is dropped. */

const flush = () => new Promise((resolve) => setImmediate(resolve))

function statementOf(month: string): CommissionStatement {
  return {
    month,
    items: [
      { orderId: 'ord_1', listingId: 'lst_a', title: '羊排', lineTotalFen: 13600, rate: 0.05, commissionFen: 680, creditedAt: `${month}-02T04:00:00.000Z`, kind: 'credit' },
      { orderId: 'ord_1', listingId: 'lst_a', title: '羊排', lineTotalFen: 13600, rate: 0.05, commissionFen: -680, creditedAt: `${month}-03T04:00:00.000Z`, kind: 'reversal' },
    ],
    totalFen: 0,
  }
}

describe('MonthStore', () => {
  it('opens on this month and goes back, but not past this month', async () => {
    const asked: string[] = []
    const store = new MonthStore<CommissionStatement>({ fetchMonth: async (month) => (asked.push(month), statementOf(month)), thisMonth: () => '2026-01' })
    await store.load()
    expect(store.value?.month).toBe('2026-01')
    expect(store.canGoForward).toBe(false)
    await store.nextMonth()
    expect(store.month).toBe('2026-01')
    await store.previousMonth()
    expect(store.month).toBe('2025-12')
    expect(store.value?.items.map((i) => i.kind)).toEqual(['credit', 'reversal'])
    expect(store.canGoForward).toBe(true)
    await store.nextMonth()
    expect(asked).toEqual(['2026-01', '2025-12', '2026-01'])
  })

  it('drops a slow answer for a month no longer shown', async () => {
    const answers: (() => void)[] = []
    const store = new MonthStore<CommissionStatement>({
      fetchMonth: (month) => new Promise((resolve) => answers.push(() => resolve(statementOf(month)))),
      thisMonth: () => '2026-11',
    })
    void store.load()
    void store.previousMonth()
    expect(store.value).toBeNull()
    answers[1]()
    await flush()
    answers[0]()
    await flush()
    expect(store.value?.month).toBe('2026-10')
  })
})
