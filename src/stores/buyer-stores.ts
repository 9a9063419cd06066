import Taro from '@tarojs/taro'
import { api, ApiError, type PaymentStart } from '../api'
import * as orderApi from '../api/order-client'
import { uploadPhoto } from '../api/photo-upload'
import { CaseReportStore } from './case-report-store'
import { newIdempotencyKey } from './checkout-attempt'
import { CheckoutStore } from './checkout-store'
import { OrderPayment } from './order-payment'
import { OrdersStore } from './orders-store'
import { perUser } from './per-user'
import type { PlacesStore } from './places-store'
import { taroStorage } from './taro-storage'
import { openWeChatSheet } from './wechat-call'

/* The buyer's checkout, payment and orders stores, reached only from the packages/buyer
   subpackage (see per-user.ts), so their code stays out of the main package. Here they meet
   Taro: storage, timers, and WeChat Pay. */

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/** wx.requestPayment with the server's parameters. Closing the sheet is not an error. */
async function requestWeChatPayment(params: PaymentStart): Promise<'done' | 'cancelled'> {
  const answer = await openWeChatSheet('PAYMENT_FAILED', (callbacks) =>
    Taro.requestPayment({
      timeStamp: params.timeStamp ?? '',
      nonceStr: params.nonceStr ?? '',
      package: params.package ?? '',
      signType: params.signType ?? 'RSA',
      paySign: params.paySign ?? '',
      ...callbacks,
    }),
  )
  return answer === 'cancelled' ? 'cancelled' : 'done'
}

/** wx.requestSubscribeMessage for the ready-for-pickup message: settles whatever the buyer
 *  chooses (accept, reject, a template banned or an old base library), never rejects. */
async function askForPickupMessage(): Promise<void> {
  await openWeChatSheet('SUBSCRIBE_FAILED', (callbacks) =>
    // Taro's type also demands Alipay's entityIds, which WeChat has no use for.
    Taro.requestSubscribeMessage({ tmplIds: [PICKUP_TEMPLATE_ID], ...callbacks } as unknown as Taro.requestSubscribeMessage.Option),
  ).catch(() => undefined)
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

/** 申请售后: the buyer's reports, photos through the upload pipeline. */
export const caseReportFor = perUser(() => new CaseReportStore({ uploadPhoto: (path) => uploadPhoto(path), report: orderApi.reportCase }))

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
        sleep,
        now: () => Date.now(),
      },
      paymentFor(userId),
      userId,
    )
    checkout = { userId, store }
  }
  return checkout.store
}
