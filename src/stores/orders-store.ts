import { makeAutoObservable } from 'mobx'
import { type ApiError, toApiError } from '../api/api-error'
import type { Order } from '../api/order-types'
import type { Page } from '../api/types'
import type { LoadStatus } from './load-status'
import { runInAction } from './run-in-action'

/* The buyer's orders: the list (newest first, paged by cursor) and each order by id, so a tap
   on a row shows the order at once and then refreshes it (a parcel may have moved since). */

export interface OrdersDeps {
  orders(cursor?: string): Promise<Page<Order>>
  order(id: string): Promise<Order>
  cancelOrder(id: string): Promise<Order>
}

export class OrdersStore {
  ids: string[] = []
  byId = new Map<string, Order>()
  nextCursor: string | null = null
  status: LoadStatus = 'idle'
  error: ApiError | null = null
  statusById = new Map<string, LoadStatus>()
  errorById = new Map<string, ApiError>()
  /** The order a cancel is running on. */
  cancellingId: string | null = null
  cancelError: ApiError | null = null
  private generation = 0

  constructor(private readonly deps: OrdersDeps) {
    makeAutoObservable<this, 'deps' | 'generation'>(this, { deps: false, generation: false }, { autoBind: true })
  }

  get items(): Order[] {
    return this.ids.map((id) => this.byId.get(id)).filter((order): order is Order => order !== undefined)
  }

  get isEmpty(): boolean {
    return this.status === 'loaded' && this.ids.length === 0
  }

  get(id: string): Order | undefined {
    return this.byId.get(id)
  }

  statusOf(id: string): LoadStatus {
    return this.statusById.get(id) ?? 'idle'
  }

  errorOf(id: string): ApiError | undefined {
    return this.errorById.get(id)
  }

  /** An order fresh from the server (placed, paid, cancelled): every view of it agrees. */
  put(order: Order): void {
    this.byId.set(order.id, order)
    if (this.status === 'loaded' && !this.ids.includes(order.id)) this.ids.unshift(order.id)
  }

  /** From the first page again. */
  async load(): Promise<void> {
    const generation = ++this.generation
    this.status = 'loading'
    this.error = null
    try {
      const page = await this.deps.orders()
      if (generation !== this.generation) return
      runInAction('applyOrdersPage', () => {
        for (const order of page.items) this.byId.set(order.id, order)
        this.ids = page.items.map((order) => order.id)
        this.nextCursor = page.nextCursor
        this.status = 'loaded'
      })
    } catch (error) {
      if (generation !== this.generation) return
      runInAction('applyOrdersFailure', () => {
        this.error = toApiError(error)
        this.status = 'failed'
      })
    }
  }

  async loadMore(): Promise<void> {
    if (this.status !== 'loaded' || !this.nextCursor) return
    const generation = this.generation
    try {
      const page = await this.deps.orders(this.nextCursor)
      if (generation !== this.generation) return
      runInAction('applyOrdersMore', () => {
        for (const order of page.items) {
          this.byId.set(order.id, order)
          if (!this.ids.includes(order.id)) this.ids.push(order.id)
        }
        this.nextCursor = page.nextCursor
      })
    } catch {
      // The pages so far stand; scrolling again retries.
    }
  }

  async loadOrder(id: string): Promise<void> {
    if (this.statusOf(id) === 'loading') return
    this.statusById.set(id, 'loading')
    this.errorById.delete(id)
    try {
      const order = await this.deps.order(id)
      runInAction('applyOrder', () => {
        this.byId.set(id, order)
        this.statusById.set(id, 'loaded')
      })
    } catch (error) {
      runInAction('applyOrderFailure', () => {
        this.errorById.set(id, toApiError(error))
        this.statusById.set(id, 'failed')
      })
    }
  }

  /** True when cancelled; a refused cancel (a parcel was handed in meanwhile) reloads the order. */
  async cancel(id: string): Promise<boolean> {
    if (this.cancellingId) return false
    this.cancellingId = id
    this.cancelError = null
    try {
      const order = await this.deps.cancelOrder(id)
      runInAction('applyOrderCancelled', () => {
        this.byId.set(id, order)
        this.cancellingId = null
      })
      return true
    } catch (error) {
      const apiError = toApiError(error)
      runInAction('applyOrderCancelFailure', () => {
        this.cancelError = apiError
        this.cancellingId = null
      })
      if (apiError.code === 'INVALID_TRANSITION') void this.loadOrder(id)
      return false
    }
  }
}
