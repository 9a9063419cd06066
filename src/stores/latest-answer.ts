import { makeAutoObservable } from 'mobx'
import { type ApiError, toApiError } from '../api/api-error'
import type { LoadStatus } from './load-status'
import { runInAction } from './run-in-action'

/* One thing a page reads from the server (a day's run, a month's commission, the shelf), where
   the staff member may ask again before the last answer came: a slower answer to an older
   question (another day, another month) must never replace the one asked for now. */
export class LatestAnswer<T> {
  value: T | null = null
  status: LoadStatus = 'idle'
  error: ApiError | null = null
  private asked = 0

  constructor(private readonly name: string) {
    makeAutoObservable<this, 'asked' | 'name'>(this, { asked: false, name: false }, { autoBind: true })
  }

  /** Asks; applies the answer only if nothing was asked since. What was shown stays meanwhile. */
  async load(fetch: () => Promise<T>): Promise<void> {
    const asked = ++this.asked
    this.status = 'loading'
    this.error = null
    try {
      const value = await fetch()
      if (asked !== this.asked) return
      runInAction(`apply${this.name}`, () => {
        this.value = value
        this.status = 'loaded'
      })
    } catch (error) {
      if (asked !== this.asked) return
      runInAction(`apply${this.name}Failure`, () => {
        this.error = toApiError(error)
        this.status = 'failed'
      })
    }
  }

  /** The value as an action left it (a parcel collected), or null when it belongs to what is no longer asked. */
  replace(value: T | null): void {
    this.value = value
  }
}
