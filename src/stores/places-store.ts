import { makeAutoObservable } from 'mobx'
import { api, toApiError, type ApiError, type County, type Village } from '../api'
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
  private countyRequest: Promise<County> | null = null

  constructor() {
    makeAutoObservable<this, 'countyRequest'>(this, { countyRequest: false }, { autoBind: true })
  }

  /** The county every catalog query is scoped to; asked once, shared by all screens. */
  ensureCounty(): Promise<County> {
    if (this.county) return Promise.resolve(this.county)
    if (!this.countyRequest) this.countyRequest = this.fetchCounty()
    return this.countyRequest
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
