import { ApiError } from '../../src/api/api-error'
import type { DeskOrder } from '../../src/api/parcel-types'
import { ReadyPickupsStore } from '../../src/stores/ready-pickups-store'

/* 待取订单's search by the short number a buyer reads out: typed any way a person types it, sent
   in its one written form, answered with the center's order or told apart as none, not a number,
   or a failure; a slower answer to an older search never replaces the latest. */

const order = (number: string, status = 'ready_for_pickup'): DeskOrder => ({
  id: `ord_${number}`,
  number,
  status,
  buyer: { id: 'usr_chen', name: '陈晓' },
  lines: [{ listingId: 'lst_a', title: '草原羔羊肉 羊排', quantity: 2, unit: 'jin' }],
  parcels: [],
  totalFen: 14400,
  paidAt: '2026-12-02T02:00:00.000Z',
})

function storeWith(fetchByNumber: (number: string) => Promise<{ items: DeskOrder[] }>) {
  return new ReadyPickupsStore(async () => ({ items: [] }), fetchByNumber)
}

describe('ReadyPickupsStore.findByNumber', () => {
  it('sends the number in its written form, however it was typed, and shows the order found', async () => {
    const asked: string[] = []
    const store = storeWith(async (number) => {
      asked.push(number)
      return { items: [order(number)] }
    })
    await store.findByNumber(' 1203 17 ')
    await store.findByNumber('１２０３０１７')
    expect(asked).toEqual(['1203-017', '1203-017'])
    expect(store.lookup).toEqual({ kind: 'found', order: order('1203-017') })
    expect(store.searching).toBe(false)
  })

  it('never asks the server about text that is no order number', async () => {
    const fetch = jest.fn()
    const store = storeWith(fetch)
    for (const typed of ['', 'abc', '1303-017', 'ord_abc', '4821']) {
      await store.findByNumber(typed)
      expect(store.lookup).toEqual({ kind: 'format' })
    }
    expect(fetch).not.toHaveBeenCalled()
  })

  it('tells no order at this center apart from a failure', async () => {
    const store = storeWith(async () => {
      throw new ApiError(404, 'NOT_FOUND', 'order 1203-017 at this center not found')
    })
    await store.findByNumber('1203-017')
    expect(store.lookup).toEqual({ kind: 'not-found', number: '1203-017' })

    const failing = storeWith(async () => {
      throw new ApiError(503, 'DATABASE_UNAVAILABLE', 'away')
    })
    await failing.findByNumber('1203-017')
    expect(failing.lookup).toMatchObject({ kind: 'failed', error: { code: 'DATABASE_UNAVAILABLE' } })
  })

  it('keeps the latest search: a slow answer to the one before, or to one cleared, is dropped', async () => {
    const answers = new Map<string, (value: { items: DeskOrder[] }) => void>()
    const store = storeWith((number) => new Promise((resolve) => answers.set(number, resolve)))
    const first = store.findByNumber('1203-001')
    const second = store.findByNumber('1203-002')
    answers.get('1203-002')!({ items: [order('1203-002')] })
    await second
    answers.get('1203-001')!({ items: [order('1203-001')] })
    await first
    expect(store.lookup).toEqual({ kind: 'found', order: order('1203-002') })

    const third = store.findByNumber('1203-003')
    store.clearLookup()
    answers.get('1203-003')!({ items: [order('1203-003')] })
    await third
    expect(store.lookup).toBeNull()
    expect(store.searching).toBe(false)
  })
})
