import { action, computed, makeObservable, observable } from 'mobx'
import { type ApiError, toApiError } from '../api/api-error'
import type { Order } from '../api/order-types'
import type { Page } from '../api/types'
import { CursorPages } from './cursor-pages'
import type { LoadStatus } from './load-status'
import { PagedList } from './paged-list'
import { runInAction } from './run-in-action'

/* The buyer's orders: the list (newest first, paged by cursor) and each order by id, so a tap
   on a row shows the order at once and then refreshes it (a parcel may have moved since). */

export interface OrdersDeps {
  orders(cursor?: string): Promise<Page<Order>>
  order(id: string): Promise<Order>
  cancelOrder(id: string): Promise<Order>
}

export class OrdersStore extends PagedList<Order> {
  byId = new Map<string, Order>()
  statusById = new Map<string, LoadStatus>()
  errorById = new Map<string, ApiError>()
  /** The order a cancel is running on. */
  cancellingId: string | null = null
  cancelError: ApiError | null = null
  protected readonly pages: CursorPages<Order>

  constructor(private readonly deps: OrdersDeps) {
    super()
    // Every order that arrives in a page is also the order shown on its own page.
    this.pages = new CursorPages(deps.orders, 'Orders', (page) => page.items.forEach((order) => this.byId.set(order.id, order)))
    makeObservable(this, {
      byId: observable,
      statusById: observable,
      errorById: observable,
      cancellingId: observable,
      cancelError: observable,
      items: computed,
      put: action.bound,
      loadOrder: action.bound,
      cancel: action.bound,
    })
  }

  /** The list, each order as last heard of (a row reflects a cancel made on the order's page). */
  override get items(): Order[] {
    return this.pages.items.map((order) => this.byId.get(order.id) ?? order)
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
    this.pages.prepend(order)
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
