import Taro from '@tarojs/taro'
import { api, ApiError, type PaymentStart } from '../api'
import * as orderApi from '../api/order-client'
import { newIdempotencyKey } from './checkout-attempt'
import { CheckoutStore } from './checkout-store'
import { OrderPayment } from './order-payment'
import { OrdersStore } from './orders-store'
import { perUser } from './per-user'
import type { PlacesStore } from './places-store'
import { taroStorage } from './taro-storage'

/* The buyer's checkout, payment and orders stores, reached only from the packages/buyer
   subpackage (see per-user.ts), so their code stays out of the main package. Here they meet
   Taro: storage, timers, and WeChat Pay. */

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/** wx.requestPayment with the server's parameters. Closing the sheet is not an error. */
function requestWeChatPayment(params: PaymentStart): Promise<'done' | 'cancelled'> {
  return new Promise((resolve, reject) => {
    // Callbacks, not Taro's promise: Taro 4 hands requestPayment straight to wx, whose promise
    // form depends on the WeChat base library the phone has.
    const task = Taro.requestPayment({
      timeStamp: params.timeStamp ?? '',
      nonceStr: params.nonceStr ?? '',
      package: params.package ?? '',
      signType: params.signType ?? 'RSA',
      paySign: params.paySign ?? '',
      success: () => resolve('done'),
      fail: (error: { errMsg?: string }) => {
        const message = error?.errMsg ?? 'requestPayment:fail'
        if (/cancel/i.test(message)) resolve('cancelled')
        else reject(new ApiError(0, 'PAYMENT_FAILED', message))
      },
    })
    // Should a Taro version promisify it, `fail` above has handled the rejection.
    ;(task as unknown as Promise<unknown> | undefined)?.catch?.(() => {})
  })
}

/** wx.requestSubscribeMessage for the ready-for-pickup message: settles whatever the buyer
 *  chooses (accept, reject, a template banned or an old base library), never rejects. */
function askForPickupMessage(): Promise<void> {
  return new Promise((resolve) => {
    // Taro's type also demands Alipay's entityIds, which WeChat has no use for.
    const options = { tmplIds: [PICKUP_TEMPLATE_ID], complete: () => resolve() } as unknown as Taro.requestSubscribeMessage.Option
    const task = Taro.requestSubscribeMessage(options)
    ;(task as unknown as Promise<unknown> | undefined)?.catch?.(() => {})
  })
}

export const paymentFor = perUser(
  () =>
    new OrderPayment({
      // The mini-program pays with WeChat Pay; H5 (the demo) with the sandbox of a dev server.
      provider: process.env.TARO_ENV === 'weapp' ? 'wechat' : 'sandbox',
      startPayment: orderApi.startPayment,
      requestPayment:
        process.env.TARO_ENV === 'weapp' ? requestWeChatPayment : () => Promise.reject(new ApiError(0, 'PAYMENT_UNAVAILABLE', 'WeChat Pay needs the mini-program')),
      confirmSandbox: orderApi.confirmSandboxPayment,
      order: orderApi.order,
      sleep,
      now: () => Date.now(),
      // Without a template (PICKUP_TEMPLATE_ID, set at build time) there is nothing to ask.
      askForPickupMessage: process.env.TARO_ENV === 'weapp' && PICKUP_TEMPLATE_ID ? askForPickupMessage : undefined,
    }),
)

export const ordersFor = perUser(() => new OrdersStore(orderApi))

let checkout: { userId: string; store: CheckoutStore } | null = null

/** The checkout of this buyer; it outlives its page, so a payment under way is not lost. */
export function checkoutFor(userId: string, places: PlacesStore): CheckoutStore {
  if (!checkout || checkout.userId !== userId) {
    const store = new CheckoutStore(
      {
        storage: taroStorage,
        quote: api.quoteOrder,
        placeOrder: orderApi.placeOrder,
        order: orderApi.order,
        pickupPointId: async () => (await places.ensurePickupPoint()).id,
        newKey: () => newIdempotencyKey(Date.now(), Math.random),
      },
      paymentFor(userId),
      userId,
    )
    checkout = { userId, store }
  }
  return checkout.store
}
