import { makeAutoObservable } from 'mobx'
import { api, toApiError, type ApiError, type County, type PickupPoint, type Village } from '../api'
import type { LoadStatus } from './load-status'
import { runInAction } from './run-in-action'

/* The county the buyer shops in and its villages. Today the platform serves one county, so the
   first is the buyer's; a second county will need a chooser here. */

export class PlacesStore {
  counties: County[] = []
  county: County | null = null
  countyStatus: LoadStatus = 'idle'
  countyError: ApiError | null = null
  villages: Village[] = []
  villagesStatus: LoadStatus = 'idle'
  /** The county center: where every order of the county is picked up. */
  pickupPoint: PickupPoint | null = null
  private countyRequest: Promise<County> | null = null
  private pickupPointRequest: Promise<PickupPoint> | null = null

  constructor() {
    makeAutoObservable<this, 'countyRequest' | 'pickupPointRequest'>(this, { countyRequest: false, pickupPointRequest: false }, { autoBind: true })
  }

  /** The county every catalog query is scoped to; asked once, shared by all screens. */
  ensureCounty(): Promise<County> {
    if (this.county) return Promise.resolve(this.county)
    if (!this.countyRequest) this.countyRequest = this.fetchCounty()
    return this.countyRequest
  }

  /** The county has one county center, which is the pickup point for all its orders. */
  ensurePickupPoint(): Promise<PickupPoint> {
    if (this.pickupPoint) return Promise.resolve(this.pickupPoint)
    if (!this.pickupPointRequest) {
      this.pickupPointRequest = this.fetchPickupPoint().catch((error: unknown) => {
        // Let the next quote ask again.
        this.pickupPointRequest = null
        throw error
      })
    }
    return this.pickupPointRequest
  }

  async loadVillages(): Promise<void> {
    if (this.villagesStatus === 'loading' || this.villagesStatus === 'loaded') return
    this.villagesStatus = 'loading'
    try {
      const county = await this.ensureCounty()
      const page = await api.villages(county.id)
      runInAction('applyVillages', () => {
        this.villages = page.items
        this.villagesStatus = 'loaded'
      })
    } catch {
      // The village filter is optional: the catalog still works without it.
      runInAction('applyVillagesFailure', () => {
        this.villagesStatus = 'failed'
      })
    }
  }

  private async fetchPickupPoint(): Promise<PickupPoint> {
    const county = await this.ensureCounty()
    const page = await api.pickupPoints(county.id)
    const point = page.items[0]
    if (!point) throw new Error('the county has no pickup point yet')
    runInAction('applyPickupPoint', () => {
      this.pickupPoint = point
    })
    return point
  }

  private async fetchCounty(): Promise<County> {
    this.countyStatus = 'loading'
    this.countyError = null
    try {
      const page = await api.counties()
      const county = page.items[0]
      if (!county) throw new Error('no county is open yet')
      runInAction('applyCounty', () => {
        this.counties = page.items
        this.county = county
        this.countyStatus = 'loaded'
      })
      return county
    } catch (error) {
      runInAction('applyCountyFailure', () => {
        this.countyError = toApiError(error)
        this.countyStatus = 'failed'
        // Let the next screen or retry ask again.
        this.countyRequest = null
      })
      throw error
    }
  }
}
