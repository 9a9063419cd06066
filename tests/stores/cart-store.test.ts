import { ApiError } from '../../src/api/api-error'
import type { OrderInput, Quote, QuoteLine } from '../../src/api/order-types'
import type { Listing } from '../../src/api/types'
import { type CartDeps, CartStore } from '../../src/stores/cart-store'
import type { KeyValueStorage } from '../../src/stores/session-store'

/* The buyer's cart: kept on the phone per user, steppers within the stock, lines grouped by
   farmer, and the server's quote read into flags (sold out, off sale, short, price changed).
   No Taro and no server here: storage, the quote and the clock are fakes. */

class MemoryStorage implements KeyValueStorage {
  data = new Map<string, string>()
  get = (key: string) => this.data.get(key) ?? null
  set = (key: string, value: string) => void this.data.set(key, value)
  remove = (key: string) => void this.data.delete(key)
}

const farmerWang = { id: 'frm_wang', name: '王建国' }
const farmerLi = { id: 'frm_li', name: '李秀英' }
const sheBiYa = { id: 'vil_sby', name: '舍必崖村' }
const daHongCheng = { id: 'vil_dhc', name: '大红城村' }

function listing(id: string, overrides: Partial<Listing> = {}): Listing {
  return {
    id,
    title: `商品 ${id}`,
    category: 'lamb',
    unit: 'jin',
    unitWeightGrams: 500,
    priceFen: 6000,
    stock: 10,
    soldOut: false,
    status: 'live',
    description: '',
    photos: [{ id: 'pho_1', url: '/p/1.jpg', thumbUrl: '/p/1-t.jpg', width: 800, height: 600 }],
    farmer: farmerWang,
    village: sheBiYa,
    createdAt: '2026-11-28T01:00:00.000Z',
    updatedAt: '2026-11-28T01:00:00.000Z',
    ...overrides,
  }
}

/** The server as the quote sees it: each listing's price, stock and whether it is live. */
interface ServerListing {
  priceFen: number
  stock: number
  live: boolean
}

function setup(server: Record<string, ServerListing> = {}, options: { canQuote?: boolean } = {}) {
  const storage = new MemoryStorage()
  const quotes: OrderInput[] = []
  const sleeps: number[] = []
  let failNext: ApiError | null = null
  const deps: CartDeps = {
    storage,
    quote: async (input) => {
      quotes.push(input)
      if (failNext) {
        const error = failNext
        failNext = null
        throw error
      }
      const lines: QuoteLine[] = input.lines.map(({ listingId, quantity }) => {
        const known = server[listingId] ?? { priceFen: 6000, stock: 10, live: true }
        const stock = known.live ? known.stock : 0
        const available = known.live && known.stock >= quantity
        return {
          listingId,
          title: `商品 ${listingId}`,
          unit: 'jin',
          unitPriceFen: known.priceFen,
          quantity,
          stock,
          available,
          lineTotalFen: available ? known.priceFen * quantity : 0,
          farmer: farmerWang,
          village: sheBiYa,
          thumbUrl: null,
        }
      })
      const subtotalFen = lines.reduce((sum, line) => sum + line.lineTotalFen, 0)
      return { lines, parcels: [], subtotalFen, shippingFen: 800, subsidyFen: 800, totalFen: subtotalFen, pickupPoint: {}, pickup: {} } as unknown as Quote
    },
    listing: async (id) => {
      if (server[id] && !server[id].live) throw new ApiError(404, 'NOT_FOUND', 'listing not found')
      return listing(id, { stock: 0, soldOut: true })
    },
    pickupPointId: async () => 'pup_horinger',
    canQuote: () => options.canQuote ?? true,
    sleep: async (ms) => void sleeps.push(ms),
  }
  const cart = new CartStore(deps)
  cart.useOwner('usr_buyer')
  return { storage, quotes, sleeps, cart, deps, failWith: (error: ApiError) => (failNext = error) }
}

describe('CartStore', () => {
  it('adds a listing with a quantity, adds up a second time, and keeps within the stock', () => {
    const { cart } = setup()
    expect(cart.add(listing('lst_a', { stock: 5 }), 2)).toBe(true)
    expect(cart.quantityOf('lst_a')).toBe(2)
    cart.add(listing('lst_a', { stock: 5 }), 2)
    expect(cart.quantityOf('lst_a')).toBe(4)
    cart.add(listing('lst_a', { stock: 5 }), 3)
    expect(cart.quantityOf('lst_a')).toBe(5)
    expect(cart.count).toBe(1)
  })

  it('refuses a sold-out or unlisted listing', () => {
    const { cart } = setup()
    expect(cart.add(listing('lst_a', { stock: 0, soldOut: true }), 1)).toBe(false)
    expect(cart.add(listing('lst_b', { status: 'withdrawn' }), 1)).toBe(false)
    expect(cart.isEmpty).toBe(true)
  })

  it('steps quantities between 1 and the stock, and removes a line', async () => {
    const { cart, quotes, sleeps } = setup()
    cart.add(listing('lst_a', { stock: 3 }), 1)
    cart.step('lst_a', -1)
    expect(cart.quantityOf('lst_a')).toBe(1)
    cart.step('lst_a', 1)
    cart.step('lst_a', 1)
    cart.step('lst_a', 1)
    expect(cart.quantityOf('lst_a')).toBe(3)
    cart.setQuantity('lst_a', 2.7)
    expect(cart.quantityOf('lst_a')).toBe(2)
    // Stepping asks for one quote after the taps, not one per tap.
    await Promise.resolve()
    await new Promise((resolve) => setImmediate(resolve))
    expect(sleeps.every((ms) => ms === 400)).toBe(true)
    expect(quotes).toHaveLength(1)
    expect(quotes[0]).toEqual({ lines: [{ listingId: 'lst_a', quantity: 2 }], pickupPointId: 'pup_horinger' })
    cart.remove('lst_a')
    expect(cart.isEmpty).toBe(true)
  })

  it('groups lines by farmer and village, in the order first added', () => {
    const { cart } = setup()
    cart.add(listing('lst_a'), 1)
    cart.add(listing('lst_b', { farmer: farmerLi, village: daHongCheng }), 1)
    cart.add(listing('lst_c'), 1)
    expect(cart.groups.map((g) => [g.farmer.name, g.village.name, g.lines.map((v) => v.line.listingId)])).toEqual([
      ['王建国', '舍必崖村', ['lst_a', 'lst_c']],
      ['李秀英', '大红城村', ['lst_b']],
    ])
  })

  it('survives a restart, per user; a guest’s lines join the buyer’s cart at sign-in', () => {
    const { cart, deps, storage } = setup()
    cart.add(listing('lst_a'), 2)
    const again = new CartStore(deps)
    again.useOwner('usr_buyer')
    expect(again.lines.map((l) => [l.listingId, l.quantity, l.seenPriceFen])).toEqual([['lst_a', 2, 6000]])

    // Someone else on the same phone sees their own cart.
    again.useOwner('usr_other')
    expect(again.isEmpty).toBe(true)

    // Signed out, a guest shops; signing in brings the guest's lines along, the larger quantity winning.
    again.useOwner(null)
    again.add(listing('lst_a'), 5)
    again.add(listing('lst_b'), 1)
    again.useOwner('usr_buyer')
    expect(again.lines.map((l) => [l.listingId, l.quantity])).toEqual([
      ['lst_a', 5],
      ['lst_b', 1],
    ])
    expect(storage.get('xiangji.cart.guest')).toBeNull()
  })

  it('ignores a garbled saved cart', () => {
    const { deps, storage } = setup()
    storage.set('xiangji.cart.usr_x', '{not json')
    storage.set('xiangji.cart.usr_y', JSON.stringify({ v: 1, lines: [{ listingId: 'lst_a', quantity: -1, seenPriceFen: 1 }, null] }))
    const cart = new CartStore(deps)
    cart.useOwner('usr_x')
    expect(cart.isEmpty).toBe(true)
    cart.useOwner('usr_y')
    expect(cart.isEmpty).toBe(true)
  })

  it('flags sold-out, off-sale and short lines from the quote and leaves them out of checkout', async () => {
    const { cart } = setup({
      lst_ok: { priceFen: 6000, stock: 10, live: true },
      lst_sold: { priceFen: 6000, stock: 0, live: true },
      lst_gone: { priceFen: 6000, stock: 8, live: false },
      lst_short: { priceFen: 6000, stock: 2, live: true },
    })
    for (const id of ['lst_ok', 'lst_sold', 'lst_gone', 'lst_short']) cart.add(listing(id), 3)
    await cart.refresh()
    expect(cart.quoteStatus).toBe('loaded')
    expect(cart.quoteIsCurrent).toBe(true)
    const problems = Object.fromEntries(cart.views.map((v) => [v.line.listingId, v.problem]))
    expect(problems).toEqual({ lst_ok: null, lst_sold: 'sold_out', lst_gone: 'gone', lst_short: 'short' })
    expect(cart.problemCount).toBe(3)
    expect(cart.checkoutLines).toEqual([{ listingId: 'lst_ok', quantity: 3 }])
    // The quote taught the cart the stock: the short line's stepper now stops at 2.
    cart.setQuantity('lst_short', 9)
    expect(cart.quantityOf('lst_short')).toBe(2)
    // Nothing is lost: every line is still in the cart.
    expect(cart.count).toBe(4)
  })

  it('points out a price that changed since the line was added, keeping the price seen', async () => {
    const { cart } = setup({ lst_a: { priceFen: 6500, stock: 10, live: true } })
    cart.add(listing('lst_a', { priceFen: 6000 }), 1)
    await cart.refresh()
    const [view] = cart.views
    expect(view).toMatchObject({ priceChanged: true, priceFen: 6500, problem: null })
    expect(view.line.seenPriceFen).toBe(6000)
    expect(cart.quote?.subtotalFen).toBe(6500)
    // Adding again from the listing page means the buyer saw the new price.
    cart.add(listing('lst_a', { priceFen: 6500 }), 1)
    expect(cart.views[0].priceChanged).toBe(false)
  })

  it('does not trust a quote for other quantities than the cart holds now', async () => {
    const { cart } = setup()
    cart.add(listing('lst_a'), 1)
    await cart.refresh()
    expect(cart.checkoutLines).toEqual([{ listingId: 'lst_a', quantity: 1 }])
    cart.add(listing('lst_a'), 1)
    expect(cart.quoteIsCurrent).toBe(false)
    expect(cart.checkoutLines).toEqual([])
  })

  it('keeps the latest answer when quotes cross on a slow network', async () => {
    const { cart, deps } = setup()
    const answers: ((quote: Quote) => void)[] = []
    const real = deps.quote
    deps.quote = (input) => new Promise((resolve) => answers.push(() => void real(input).then(resolve)))
    cart.add(listing('lst_a'), 1)
    const first = cart.refresh()
    await new Promise((resolve) => setImmediate(resolve))
    cart.add(listing('lst_a'), 1)
    const second = cart.refresh()
    await new Promise((resolve) => setImmediate(resolve))
    answers[1]({} as Quote)
    await second
    answers[0]({} as Quote)
    await first
    expect(cart.quote?.lines[0].quantity).toBe(2)
    expect(cart.quoteIsCurrent).toBe(true)
  })

  it('keeps the lines and reports the error when the quote fails', async () => {
    const { cart, failWith } = setup()
    cart.add(listing('lst_a'), 1)
    failWith(new ApiError(0, 'NETWORK', 'request:fail'))
    await cart.refresh()
    expect(cart.quoteStatus).toBe('failed')
    expect(cart.quoteError?.code).toBe('NETWORK')
    expect(cart.count).toBe(1)
    await cart.refresh()
    expect(cart.quoteStatus).toBe('loaded')
  })

  it('asks no quote for a guest', async () => {
    const { cart, quotes } = setup({}, { canQuote: false })
    cart.add(listing('lst_a'), 1)
    await cart.refresh()
    expect(quotes).toHaveLength(0)
    expect(cart.quoteStatus).toBe('idle')
    expect(cart.checkoutLines).toEqual([])
  })

  it('takes the ordered quantities out of the cart once paid', async () => {
    const { cart, storage } = setup()
    cart.add(listing('lst_a'), 3)
    cart.add(listing('lst_b'), 1)
    cart.removeOrdered([
      { listingId: 'lst_a', quantity: 1 },
      { listingId: 'lst_b', quantity: 1 },
    ])
    expect(cart.lines.map((l) => [l.listingId, l.quantity])).toEqual([['lst_a', 2]])
    cart.removeOrdered([{ listingId: 'lst_a', quantity: 2 }])
    expect(cart.isEmpty).toBe(true)
    expect(storage.get('xiangji.cart.usr_buyer')).toBeNull()
  })
})
