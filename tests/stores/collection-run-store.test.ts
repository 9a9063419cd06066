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
function fakeRuns<V>(build: (date: string) => V) {
  const asked: { date: string; answer: () => void; fail: (error: ApiError) => void }[] = []
  const fetchRun = (date: string) =>
    new Promise<V>((resolve, reject) => asked.push({ date, answer: () => resolve(build(date)), fail: reject }))
  return { asked, fetchRun }
}

const flush = () => new Promise((resolve) => setImmediate(resolve))

describe('CollectionRunStore at the village', () => {
  const runOf = (items: Parcel[]) => (date: string): VillageRun => ({ date, handInBy: '2026-11-27T12:00:00.000Z', items })

  it('opens on today and shows another day on request', async () => {
    const server = fakeRuns(runOf([parcel('p1')]))
    const store = new CollectionRunStore<VillageRun>({ fetchRun: server.fetchRun, withParcel: villageRunWithParcel, today: () => '2026-11-28' })
    expect(store.date).toBe('2026-11-28')
    void store.load()
    server.asked[0].answer()
    await flush()
    expect(store.status).toBe('loaded')
    expect(store.view?.date).toBe('2026-11-28')

    void store.showDate('2026-11-29')
    // The other day's parcels are never shown under this day, even for a moment.
    expect(store.view).toBeNull()
    server.asked[1].answer()
    await flush()
    expect(store.view?.date).toBe('2026-11-29')
    expect(server.asked.map((a) => a.date)).toEqual(['2026-11-28', '2026-11-29'])
  })

  it('drops a slow answer for a day no longer shown', async () => {
    const server = fakeRuns(runOf([]))
    const store = new CollectionRunStore<VillageRun>({ fetchRun: server.fetchRun, withParcel: villageRunWithParcel, today: () => '2026-11-28' })
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
    const store = new CollectionRunStore<VillageRun>({ fetchRun: async () => run, withParcel: villageRunWithParcel, today: () => '2026-11-29' })
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
      fetchRun: async (date) => ({ date, handInBy: '2026-11-28T12:00:00.000Z', items: [parcel('p1', wang, collectedElsewhere ? 'collected' : 'awaiting_collection')] }),
      withParcel: villageRunWithParcel,
      today: () => '2026-11-29',
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
      today: () => '2026-11-29',
    })
    await store.load()
    expect(store.status).toBe('failed')
    expect(store.error?.code).toBe('NETWORK')
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
    const store = new CollectionRunStore<Manifest>({ fetchRun: async () => manifest, withParcel: manifestWithParcel, today: () => '2026-11-29' })
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
