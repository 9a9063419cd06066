import { autorun, configure } from 'mobx'
import type { Listing, Order, Page, SalesView } from '../../src/api'
import { FarmerSalesStore } from '../../src/stores/farmer-sales-store'
import { ListingPageStore } from '../../src/stores/listing-page-store'
import { OrdersStore } from '../../src/stores/orders-store'
import type { PagedList } from '../../src/stores/paged-list'

type AnyPagedList = Pick<PagedList<unknown>, 'items' | 'nextCursor' | 'status' | 'error' | 'isEmpty' | 'load' | 'loadMore'>

/* The stores that share PagedList (the farmer's listings and the review queue, the buyer's
   orders, 我卖出的): a page that reads them is told when a page arrives, every change is made
   inside an action, and their methods may be handed on unbound, as before they shared it. */

const listing = (id: string) => ({ id, status: 'live' }) as unknown as Listing
const order = (id: string) => ({ id, status: 'paid' }) as unknown as Order
const salesView = (dates: string[], nextCursor: string | null): SalesView => ({
  farmer: { id: 'frm_1', name: '李秀英' },
  runs: dates.map((date) => ({ date, handIn: { place: '', address: '', by: `${date}T12:00:00.000Z` }, lines: [], toHandIn: 0, totals: { lineCount: 0, weightGrams: 0, amountFen: 0 } })),
  months: [],
  toHandIn: 0,
  nextCursor,
})

function pagesOf<T>(make: (id: string) => T) {
  return async (cursor?: string): Promise<Page<T>> => (cursor ? { items: [make('c')], nextCursor: null } : { items: [make('a'), make('b')], nextCursor: 'next' })
}

const stores: [string, () => AnyPagedList][] = [
  ['ListingPageStore', () => new ListingPageStore(pagesOf(listing))],
  ['OrdersStore', () => new OrdersStore({ orders: pagesOf(order), order: async (id) => order(id), cancelOrder: async (id) => order(id) })],
  ['FarmerSalesStore', () => new FarmerSalesStore(async (cursor) => (cursor ? salesView(['2026-11-30'], null) : salesView(['2026-12-02', '2026-12-01'], 'next')))],
]

describe.each(stores)('%s as a PagedList', (_name, make) => {
  beforeAll(() => configure({ enforceActions: 'always' }))
  afterAll(() => configure({ enforceActions: 'observed' }))

  it('tells an observer of each page, changes nothing outside an action, and works unbound', async () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => {})
    const store = make()
    const seen: string[] = []
    const stop = autorun(() => seen.push(`${store.status} ${store.items.length} ${store.nextCursor ?? '-'} ${store.isEmpty}`))
    const { load, loadMore } = store
    await load()
    await loadMore()
    stop()
    expect(seen).toEqual(['idle 0 - false', 'loading 0 - false', 'loaded 2 next false', 'loaded 3 - false'])
    expect(store.error).toBeNull()
    expect(warn).not.toHaveBeenCalled()
    warn.mockRestore()
  })
})

describe('what the stores add to the list', () => {
  it('OrdersStore shows each row as last heard of, and an observer of one order is told of its cancel', async () => {
    const cancelled = { ...order('a'), status: 'cancelled' } as Order
    const store = new OrdersStore({ orders: pagesOf(order), order: async (id) => order(id), cancelOrder: async () => cancelled })
    await store.load()
    const statuses: string[] = []
    const stop = autorun(() => statuses.push(`${store.get('a')?.status} ${store.statusOf('a')}`))
    expect(await store.cancel('a')).toBe(true)
    stop()
    expect(store.items.map((o) => o.status)).toEqual(['cancelled', 'paid'])
    expect(statuses).toEqual(['paid idle', 'cancelled idle'])
  })

  it('ListingPageStore keeps or drops a listing by the answer of an action on it', async () => {
    const store = new ListingPageStore(pagesOf(listing))
    await store.load()
    const { act } = store
    expect(await act('a', async () => listing('a'), () => false)).toBe(true)
    expect(store.items.map((l) => l.id)).toEqual(['b'])
    expect(store.busyId).toBeNull()
  })
})
