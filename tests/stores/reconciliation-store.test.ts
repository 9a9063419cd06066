import { ApiError } from '../../src/api/api-error'
import type { Reconciliation } from '../../src/api/reconciliation-types'
import { ReconciliationStore } from '../../src/stores/reconciliation-store'

/* 月度对账: the month's figures and the server's CSV read together, whether every village balances,
   and the file saved as shown with its byte order mark. */

const row = (villageName: string, differenceFen = 0) => ({ villageId: villageName === '合计' ? null : `vil_${villageName}`, villageName, orderCount: 1, receivedFen: 5600, farmersShareFen: 3000, commissionFen: 250, shippingFen: 1600, subsidyFen: 1000, refundsFen: 1750, payoutsFen: 0, differenceFen })
const figuresOf = (month: string, differenceFen = 0): Reconciliation => ({ month, countyId: 'cty_1', payableFen: 0, pendingFen: 3250, inFlightFen: 0, paidOutFen: 0, totals: row('合计', differenceFen), lines: [row('舍必崖村', differenceFen)] })

function storeWith(options: { differenceFen?: number; saveFile?: jest.Mock } = {}) {
  const saveFile = options.saveFile ?? jest.fn(async () => 'saved' as const)
  const fetchCsv = jest.fn(async (month: string) => `村,订单数\r\n舍必崖村,1\r\n合计,1\r\n${month}`)
  const store = new ReconciliationStore({ fetchFigures: async (month) => figuresOf(month, options.differenceFen), fetchCsv, thisMonth: () => '2026-11', saveFile })
  return { store, saveFile, fetchCsv }
}

describe('ReconciliationStore', () => {
  it('reads the figures and the file of the month shown, and says whether it balances', async () => {
    const { store, fetchCsv } = storeWith()
    expect(store.figures).toBeNull()
    expect(store.balanced).toBe(false)
    await store.month.load()
    expect(store.figures?.month).toBe('2026-11')
    expect(store.balanced).toBe(true)
    await store.month.previousMonth()
    expect(store.figures?.month).toBe('2026-10')
    expect(fetchCsv.mock.calls.map((c) => c[0])).toEqual(['2026-11', '2026-10'])
    expect(store.fileName).toBe('对账-2026-10.csv')
  })

  it('does not call a book with a difference balanced', async () => {
    const { store } = storeWith({ differenceFen: 1 })
    await store.month.load()
    expect(store.balanced).toBe(false)
  })

  it('saves the file shown, with a byte order mark once; a failure is kept to show', async () => {
    const { store, saveFile } = storeWith()
    expect(await store.save()).toBe(false)
    await store.month.load()
    expect(await store.save()).toBe(true)
    expect(saveFile).toHaveBeenCalledWith('对账-2026-11.csv', '\uFEFF村,订单数\r\n舍必崖村,1\r\n合计,1\r\n2026-11')
    const failing = storeWith({ saveFile: jest.fn(async () => Promise.reject(new ApiError(0, 'SAVE_FAILED', 'disk full'))) })
    await failing.store.month.load()
    expect(await failing.store.save()).toBe(false)
    expect(failing.store.saveError?.code).toBe('SAVE_FAILED')
    expect(failing.store.saving).toBe(false)
  })
})
