import type { SalesRun, SalesView } from '../../src/api/sales-types'
import { FarmerSalesStore } from '../../src/stores/farmer-sales-store'
import { handInText, timeOfDay } from '../../src/strings/work'

/* 我卖出的's store against a fake server: the newest runs afresh, older runs on scrolling without
   repeats, month totals of every month seen, a stale answer dropped; and the deadline's words. */

const run = (date: string, toHandIn = 0, amountFen = 1000): SalesRun => ({
  date,
  handIn: { place: '新店子村服务站', address: '新店子镇新店子村便民服务站', by: `${date}T12:00:00.000Z` },
  lines: [],
  toHandIn,
  totals: { lineCount: 1, weightGrams: 500, amountFen },
})
const month = (m: string, amountFen: number) => ({ month: m, lineCount: 1, weightGrams: 500, amountFen })
const view = (runs: SalesRun[], months: SalesView['months'], nextCursor: string | null, toHandIn = 0): SalesView => ({ farmer: { id: 'frm_1', name: '李秀英' }, runs, months, toHandIn, nextCursor })

function slowServer() {
  const pending: { cursor?: string; answer: (page: SalesView) => void; fail: (error: Error) => void }[] = []
  const fetchPage = (cursor?: string) => new Promise<SalesView>((answer, fail) => pending.push({ cursor, answer, fail }))
  return { pending, fetchPage }
}

describe('FarmerSalesStore', () => {
  it('loads the newest runs, adds older ones without repeats, and keeps every month’s totals', async () => {
    const pages: Record<string, SalesView> = {
      first: view([run('2027-01-01', 2), run('2026-12-10')], [month('2027-01', 1000), month('2026-12', 5000)], '2026-12-10', 2),
      '2026-12-10': view([run('2026-12-10'), run('2026-11-30')], [month('2026-12', 5000), month('2026-11', 700)], null, 2),
    }
    const asked: (string | undefined)[] = []
    const store = new FarmerSalesStore(async (cursor) => {
      asked.push(cursor)
      return pages[cursor ?? 'first']
    })
    await store.load()
    expect(store.toHandIn).toBe(2)
    expect(store.farmer?.name).toBe('李秀英')
    await store.loadMore()
    expect(asked).toEqual([undefined, '2026-12-10'])
    expect(store.runs.map((r) => r.date)).toEqual(['2027-01-01', '2026-12-10', '2026-11-30'])
    expect(store.months.map((m) => m.month)).toEqual(['2027-01', '2026-12', '2026-11'])
    expect(store.monthOf(store.runs[2])?.amountFen).toBe(700)
    expect(store.nextCursor).toBeNull()
    await store.loadMore()
    expect(asked).toHaveLength(2)
  })

  it('shows an empty page as empty, and a failed first load as failed', async () => {
    const empty = new FarmerSalesStore(async () => view([], [], null))
    await empty.load()
    expect(empty.isEmpty).toBe(true)
    const failing = new FarmerSalesStore(() => Promise.reject(new Error('net::ERR_INTERNET_DISCONNECTED')))
    await failing.load()
    expect(failing.status).toBe('failed')
    expect(failing.error).not.toBeNull()
  })

  it('drops an answer overtaken by a newer reload, and keeps the runs when older ones fail', async () => {
    const server = slowServer()
    const store = new FarmerSalesStore(server.fetchPage)
    const first = store.load()
    const second = store.load()
    server.pending[1].answer(view([run('2026-12-03', 1)], [], 'c'))
    server.pending[0].answer(view([run('2026-11-01')], [], null))
    await Promise.all([first, second])
    expect(store.runs.map((r) => r.date)).toEqual(['2026-12-03'])
    const more = store.loadMore()
    server.pending[2].fail(new Error('down'))
    await more
    expect(store.status).toBe('loaded')
    expect(store.runs.map((r) => r.date)).toEqual(['2026-12-03'])
    expect(store.nextCursor).toBe('c')
  })
})

describe('the hand-in deadline in the farmer’s words', () => {
  it('names the day, the time of day and the service center', () => {
    // 2026-12-02T12:00Z is Wednesday 2 December, 20:00 China time.
    expect(handInText({ place: '新店子村服务站', by: '2026-12-02T12:00:00.000Z' })).toBe('12月2日（周三）晚上8点前交到新店子村服务站')
    expect(timeOfDay('2026-12-02T13:30:00.000Z')).toBe('晚上9点30分')
    expect(timeOfDay('2026-12-02T06:00:00.000Z')).toBe('下午2点')
    expect(timeOfDay('2026-12-02T01:00:00.000Z')).toBe('上午9点')
  })
})
