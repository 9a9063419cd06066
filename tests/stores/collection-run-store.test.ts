import { ApiError } from '../../src/api/api-error'
import type { Parcel } from '../../src/api/order-types'
import type { Manifest, VillageRun } from '../../src/api/parcel-types'
import { CollectionRunStore } from '../../src/stores/collection-run-store'
import { countWithStatus, manifestWithParcel, parcelsByFarmer, villageRunWithParcel } from '../../src/stores/parcel-groups'

/* A day's collection run at the village (the cun xiao'er collects) and at the county center (the
   staff receive): the page opens on today and can show any day, a late answer for a day no longer
   shown is dropped, and each parcel's action replaces it where it stands. No Taro, no server. */

const wang = { id: 'frm_wang', name: '王建国' }
const zhang = { id: 'frm_zhang', name: '张二牛' }
const shebiya = { id: 'vil_sby', name: '舍必崖村' }
const xindianzi = { id: 'vil_xdz', name: '新店子村' }

function parcel(id: string, farmer = wang, status: Parcel['status'] = 'awaiting_collection', village = shebiya): Parcel {
  return {
    id,
    orderId: `ord_${id}`,
    number: '1203-001',
    status,
    farmer,
    village,
    lines: [{ listingId: `lst_${id}`, title: '草原羔羊肉 羊排', quantity: 2, unit: 'jin' }],
    weightGrams: 1000,
    shippingFen: 800,
    collectionRunDate: '2026-11-29',
  }
}

/** A server answering each run only when the test says so, so answers can arrive out of order. */
function fakeRuns<V>(build: (date: string | undefined) => V) {
  const asked: { date: string | undefined; answer: () => void; fail: (error: ApiError) => void }[] = []
  const fetchRun = (date: string | undefined) =>
    new Promise<V>((resolve, reject) => asked.push({ date, answer: () => resolve(build(date)), fail: reject }))
  return { asked, fetchRun }
}

const flush = () => new Promise((resolve) => setImmediate(resolve))

describe('CollectionRunStore at the village', () => {
  const runOf = (items: Parcel[]) => (date: string): VillageRun => ({ date, handInBy: '2026-11-27T12:00:00.000Z', items })

  it('opens on the run the server chooses and shows another day on request', async () => {
    const server = fakeRuns((date) => runOf([parcel('p1')])(date ?? '2026-11-28'))
    const store = new CollectionRunStore<VillageRun>({ fetchRun: server.fetchRun, withParcel: villageRunWithParcel, parcelsOf: (run) => run.items })
    expect(store.date).toBeNull()
    void store.openDefault()
    server.asked[0].answer()
    await flush()
    // No date asked: the server's choice, adopted as the day shown.
    expect(store.date).toBe('2026-11-28')
    expect(store.status).toBe('loaded')
    expect(store.view?.date).toBe('2026-11-28')

    void store.showDate('2026-11-29')
    // The other day's parcels are never shown under this day, even for a moment.
    expect(store.view).toBeNull()
    server.asked[1].answer()
    await flush()
    expect(store.view?.date).toBe('2026-11-29')
    expect(server.asked.map((a) => a.date)).toEqual([undefined, '2026-11-29'])
  })

  it('drops a slow answer for a day no longer shown, the server’s choice too', async () => {
    const server = fakeRuns((date) => runOf([])(date ?? '2026-11-28'))
    const store = new CollectionRunStore<VillageRun>({ fetchRun: server.fetchRun, withParcel: villageRunWithParcel, parcelsOf: (run) => run.items })
    void store.load()
    void store.showDate('2026-11-30')
    server.asked[1].answer()
    await flush()
    server.asked[0].answer()
    await flush()
    expect(store.date).toBe('2026-11-30')
    expect(store.view?.date).toBe('2026-11-30')
  })

  it('collects one parcel at a time, replacing it with the server’s answer', async () => {
    const run: VillageRun = { date: '2026-11-29', handInBy: '2026-11-28T12:00:00.000Z', items: [parcel('p1'), parcel('p2', zhang)] }
    const store = new CollectionRunStore<VillageRun>({ fetchRun: async () => run, withParcel: villageRunWithParcel, parcelsOf: (run) => run.items })
    await store.load()
    let finish = (_: Parcel) => {}
    const collecting = store.act('p1', () => new Promise<Parcel>((resolve) => (finish = resolve)))
    expect(store.busyId).toBe('p1')
    // A second tap elsewhere waits for the first.
    expect(await store.act('p2', async () => parcel('p2', zhang, 'collected'))).toBe(false)
    finish({ ...parcel('p1'), status: 'collected' })
    expect(await collecting).toBe(true)
    expect(store.busyId).toBeNull()
    expect(store.view!.items.map((p) => p.status)).toEqual(['collected', 'awaiting_collection'])
    expect(countWithStatus(store.view!.items, 'awaiting_collection')).toBe(1)
  })

  it('says so and shows the run afresh when the parcel was collected on another phone', async () => {
    let collectedElsewhere = false
    const store = new CollectionRunStore<VillageRun>({
      fetchRun: async (date) => ({ date: date ?? '2026-11-29', handInBy: '2026-11-28T12:00:00.000Z', items: [parcel('p1', wang, collectedElsewhere ? 'collected' : 'awaiting_collection')] }),
      withParcel: villageRunWithParcel,
      parcelsOf: (run) => run.items,
    })
    await store.load()
    collectedElsewhere = true
    const ok = await store.act('p1', async () => {
      throw new ApiError(409, 'INVALID_TRANSITION', 'this parcel is collected and cannot become collected')
    })
    expect(ok).toBe(false)
    expect(store.actionError?.code).toBe('INVALID_TRANSITION')
    await flush()
    expect(store.view!.items[0].status).toBe('collected')
    // The reason stays on screen after the reload.
    expect(store.actionError?.code).toBe('INVALID_TRANSITION')
  })

  it('keeps a failed load as an error to retry', async () => {
    const store = new CollectionRunStore<VillageRun>({
      fetchRun: async () => {
        throw new ApiError(0, 'NETWORK', 'request:fail')
      },
      withParcel: villageRunWithParcel,
      parcelsOf: (run) => run.items,
    })
    await store.load()
    expect(store.status).toBe('failed')
    expect(store.error?.code).toBe('NETWORK')
  })
})

describe('CollectionRunStore undoing a mistaken tap', () => {
  const at = (minutes: number) => new Date(Date.parse('2026-11-29T01:00:00.000Z') + minutes * 60_000).toISOString()

  function storeAt(items: Parcel[]) {
    let now = at(0)
    const timers: { tick: () => void; ms: number }[] = []
    const store = new CollectionRunStore<VillageRun>({
      fetchRun: async (date) => ({ date: date ?? '2026-11-29', handInBy: '2026-11-28T12:00:00.000Z', items }),
      withParcel: villageRunWithParcel,
      parcelsOf: (run) => run.items,
      now: () => now,
      setTimer: (tick, ms) => void timers.push({ tick, ms }),
    })
    return { store, timers, setNow: (minutes: number) => (now = at(minutes)) }
  }

  it('offers 撤销 on the parcel the person just collected, until the server’s deadline, then no more', async () => {
    const { store, timers, setNow } = storeAt([parcel('p1'), parcel('p2', zhang)])
    await store.openDefault()
    expect(store.view!.items.some((p) => store.canUndo(p))).toBe(false)
    await store.act('p1', async () => ({ ...parcel('p1'), status: 'collected', undoUntil: at(10) }))
    expect(store.canUndo(store.view!.items[0])).toBe(true)
    expect(store.canUndo(store.view!.items[1])).toBe(false)
    // The store looks at the clock again just after the deadline.
    expect(timers.at(-1)!.ms).toBe(10 * 60_000 + 50)
    setNow(10)
    timers.at(-1)!.tick()
    expect(store.canUndo(store.view!.items[0])).toBe(false)
  })

  it('puts the server’s answer in place: the parcel waits again', async () => {
    const { store } = storeAt([{ ...parcel('p1'), status: 'collected', undoUntil: at(10) }])
    await store.openDefault()
    expect(store.canUndo(store.view!.items[0])).toBe(true)
    expect(await store.act('p1', async () => parcel('p1'))).toBe(true)
    expect(store.view!.items[0]).toMatchObject({ status: 'awaiting_collection' })
    expect(store.canUndo(store.view!.items[0])).toBe(false)
  })

  it('says why an undo was refused and shows the run afresh', async () => {
    let reads = 0
    const store = new CollectionRunStore<VillageRun>({
      fetchRun: async (date) => ({ date: date ?? '2026-11-29', handInBy: '2026-11-28T12:00:00.000Z', items: [{ ...parcel('p1'), status: reads++ === 0 ? 'collected' : 'received' }] }),
      withParcel: villageRunWithParcel,
      parcelsOf: (run) => run.items,
    })
    await store.openDefault()
    const ok = await store.act('p1', async () => {
      throw new ApiError(409, 'UNDO_REFUSED', 'the county center has received this parcel since', { reason: 'undo.parcel_moved_on' })
    })
    expect(ok).toBe(false)
    expect(store.actionError?.code).toBe('UNDO_REFUSED')
    await flush()
    expect(store.view!.items[0].status).toBe('received')
  })
})

describe('CollectionRunStore at the county center', () => {
  it('receives a parcel inside its village’s block of the manifest', async () => {
    const manifest: Manifest = {
      date: '2026-11-29',
      villages: [
        { village: shebiya, parcels: [parcel('p1', wang, 'collected')], parcelCount: 1, weightGrams: 1000 },
        { village: xindianzi, parcels: [parcel('p2', { id: 'frm_li', name: '李秀英' }, 'collected', xindianzi)], parcelCount: 1, weightGrams: 1000 },
      ],
    }
    const store = new CollectionRunStore<Manifest>({ fetchRun: async () => manifest, withParcel: manifestWithParcel, parcelsOf: (run) => run.villages.flatMap((v) => v.parcels) })
    await store.load()
    await store.act('p2', async () => ({ ...parcel('p2', { id: 'frm_li', name: '李秀英' }, 'received', xindianzi) }))
    expect(store.view!.villages.map((v) => v.parcels.map((p) => p.status))).toEqual([['collected'], ['received']])
    // The counts are the run's, not what has been received.
    expect(store.view!.villages.map((v) => v.parcelCount)).toEqual([1, 1])
  })
})

describe('parcelsByFarmer', () => {
  it('groups the run by farmer in the server’s order, with weight and what is still to collect', () => {
    const groups = parcelsByFarmer([parcel('p1'), parcel('p2', wang, 'collected'), parcel('p3', zhang)])
    expect(groups.map((g) => [g.farmer.name, g.parcels.map((p) => p.id), g.weightGrams, g.waiting])).toEqual([
      ['王建国', ['p1', 'p2'], 2000, 1],
      ['张二牛', ['p3'], 1000, 1],
    ])
    expect(parcelsByFarmer([])).toEqual([])
  })
})
