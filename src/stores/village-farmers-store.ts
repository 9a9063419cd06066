import { makeAutoObservable } from 'mobx'
import { api, type ApiError, type Farmer, toApiError } from '../api'
import type { LoadStatus } from './load-status'
import { runInAction } from './run-in-action'

/* The farmers of the operator's village, and adding one who has no phone (the operator then
   lists for them); the form's checks are in new-farmer-validation.ts. */

export class VillageFarmersStore {
  items: Farmer[] = []
  status: LoadStatus = 'idle'
  error: ApiError | null = null
  adding = false
  addError: ApiError | null = null
  /** The farmer whose record is being deleted, and why the last deletion was refused. */
  removingId: string | null = null
  removeError: { farmerId: string; error: ApiError } | null = null

  constructor() {
    makeAutoObservable(this, {}, { autoBind: true })
  }

  /** Farmers without a phone first: they are the ones the operator lists for. */
  get forProxyListing(): Farmer[] {
    return this.items.slice().sort((a, b) => Number(a.hasAccount) - Number(b.hasAccount))
  }

  async load(): Promise<void> {
    if (this.status === 'loading') return
    this.status = 'loading'
    this.error = null
    try {
      const page = await api.villageFarmers()
      runInAction('applyVillageFarmers', () => {
        this.items = page.items
        this.status = 'loaded'
      })
    } catch (error) {
      runInAction('applyVillageFarmersFailure', () => {
        this.error = toApiError(error)
        this.status = 'failed'
      })
    }
  }

  /** Resolves to the new farmer, or null (the error is in addError). */
  async add(name: string, phone: string): Promise<Farmer | null> {
    if (this.adding) return null
    this.adding = true
    this.addError = null
    try {
      const farmer = await api.addFarmer({ name: name.trim(), ...(phone.trim() ? { phone: phone.trim() } : {}) })
      runInAction('applyFarmerAdded', () => {
        this.items = [...this.items, farmer]
        this.adding = false
      })
      return farmer
    } catch (error) {
      runInAction('applyFarmerAddFailure', () => {
        this.addError = toApiError(error)
        this.adding = false
      })
      return null
    }
  }

  /** Deletes the record of a farmer without an account of her own, at her request; true when
   *  done. A refusal (open orders, money owed, an account of her own) stays in removeError. */
  async remove(farmerId: string): Promise<boolean> {
    if (this.removingId) return false
    this.removingId = farmerId
    this.removeError = null
    try {
      await api.deleteFarmerRecord(farmerId)
      runInAction('applyFarmerRemoved', () => {
        this.items = this.items.filter((f) => f.id !== farmerId)
        this.removingId = null
      })
      return true
    } catch (error) {
      runInAction('applyFarmerRemoveFailure', () => {
        this.removeError = { farmerId, error: toApiError(error) }
        this.removingId = null
      })
      return false
    }
  }
}
