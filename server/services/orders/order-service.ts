import type { Kysely } from 'kysely'
import type { Clock } from '../../clock'
import type { DialectName } from '../../db/database'
import type { DB, UserTable } from '../../db/schema'
import { notFound } from '../service-error'
import type { PhotoStorage } from '../../storage/photo-storage'
import { decodeCursor, encodeCursor, type Page } from '../page-cursor'
import type { PaymentProvider, ProviderName } from '../payments/payment-provider'
import { createPaymentService } from '../payments/payment-service'
import type { PickupCodes } from '../pickups/pickup-codes'
import { createOrderLifecycle } from './order-lifecycle'
import { type OrderView, viewOrders } from './order-view'
import type { PlaceOrderInput } from '../../contract/orders'
import { placeOrder } from './place-order'
import { createOrderRulesCache } from './order-rules'
import { quoteOrder } from './quote'

/* The buyer's orders, wired together: quote, place, read, pay, cancel, and the timers' work. */

export interface OrderServiceDeps {
  db: Kysely<DB>
  dialect: DialectName
  clock: Clock
  storage: PhotoStorage
  pickupCodes: PickupCodes
  providers: Partial<Record<ProviderName, PaymentProvider>>
}

export function createOrderService(serviceDeps: OrderServiceDeps) {
  // Every quote, order and answer of this process prices and schedules by the same kept rules.
  const deps = { ...serviceDeps, rules: createOrderRulesCache(() => serviceDeps.clock().getTime()) }
  const payments = createPaymentService(deps)
  const lifecycle = createOrderLifecycle({ ...deps, payments })

  async function get(buyer: UserTable, orderId: string): Promise<OrderView> {
    const row = await deps.db.selectFrom('orders').selectAll().where('id', '=', orderId).where('buyerId', '=', buyer.id).executeTakeFirst()
    if (!row) throw notFound('order')
    const [view] = await viewOrders(deps, [row])
    return view
  }

  /** The buyer's orders, newest first. */
  async function list(buyer: UserTable, limit: number, cursor: string | undefined): Promise<Page<OrderView>> {
    let query = deps.db.selectFrom('orders').selectAll().where('buyerId', '=', buyer.id)
    if (cursor) {
      const after = decodeCursor(cursor)
      query = query.where((eb) => eb.or([eb('createdAt', '<', after.createdAt), eb.and([eb('createdAt', '=', after.createdAt), eb('id', '<', after.id)])]))
    }
    const rows = await query.orderBy('createdAt', 'desc').orderBy('id', 'desc').limit(limit + 1).execute()
    const pageRows = rows.slice(0, limit)
    const last = pageRows[pageRows.length - 1]
    return { items: await viewOrders(deps, pageRows), nextCursor: rows.length > limit && last ? encodeCursor(last) : null }
  }

  return {
    quote: (input: PlaceOrderInput) => quoteOrder(deps, input),
    place: (buyer: UserTable, key: string | undefined, input: PlaceOrderInput) => placeOrder(deps, buyer, key, input),
    get,
    list,
    cancel: lifecycle.cancel,
    expireDue: lifecycle.expireDue,
    payments,
  }
}

export type OrderService = ReturnType<typeof createOrderService>
