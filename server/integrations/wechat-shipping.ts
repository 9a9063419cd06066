import type { WeChatConfig } from '../config'
import { createWeChatServerApi, type WeChatServerApi } from './wechat-access-token'
import { chinaRfc3339 } from '../../src/domain/china-time'

/* WeChat's shipping information for a paid order (小程序发货信息管理服务, uploadShippingInfo):
   until it is uploaded, WeChat keeps the buyer's money frozen. Our goods are picked up at the
   county center, so every upload is the same shape: self-pickup (logistics_type 4), one unified
   delivery (delivery_mode 1) whose one shipping_list entry carries only item_desc (WeChat refuses
   an empty list for a unified delivery, errcode 268485228), the time of upload in RFC 3339 with
   China's offset, and the payer's openid. */

export const SELF_PICKUP = 4
export const UNIFIED_DELIVERY = 1
/** item_desc holds at most 120 characters. */
export const ITEM_DESC_MAX = 120

/** WeChat already has this order's shipping: the first upload did arrive, its answer did not. */
const ALREADY_SHIPPED = new Set([10060002, 10060003])
/** The request itself is wrong (format, arguments, order not shippable): sending it again won't help. */
const PERMANENT = new Set([47001, 10060004, 10060005, 10060006, 10060008, 10060009, 10060014, 10060020, 268485195, 268485216, 268485224, 268485228])

export type OrderKey = { transactionId: string } | { mchid: string; outTradeNo: string }

export interface ShippingUpload {
  orderKey: OrderKey
  itemDesc: string
  payerOpenid: string
  uploadedAt: Date
}

export type ShippingOutcome = { ok: true; alreadyShipped: boolean } | { ok: false; permanent: boolean; errcode: number | null; reason: string }

export interface ShippingUploader {
  uploadSelfPickup(upload: ShippingUpload): Promise<ShippingOutcome>
}

export function shippingInfoBody(upload: ShippingUpload) {
  const orderKey =
    'transactionId' in upload.orderKey
      ? { order_number_type: 2, transaction_id: upload.orderKey.transactionId }
      : { order_number_type: 1, mchid: upload.orderKey.mchid, out_trade_no: upload.orderKey.outTradeNo }
  const chars = [...upload.itemDesc]
  const itemDesc = chars.length > ITEM_DESC_MAX ? `${chars.slice(0, ITEM_DESC_MAX - 1).join('')}…` : upload.itemDesc
  return {
    order_key: orderKey,
    logistics_type: SELF_PICKUP,
    delivery_mode: UNIFIED_DELIVERY,
    shipping_list: [{ item_desc: itemDesc }],
    upload_time: chinaRfc3339(upload.uploadedAt),
    payer: { openid: upload.payerOpenid },
  }
}

export function createShippingUploader(config: WeChatConfig, now: () => Date = () => new Date(), api: WeChatServerApi = createWeChatServerApi(config, now)): ShippingUploader {
  return {
    async uploadSelfPickup(upload) {
      try {
        const body = await api.post('/wxa/sec/order/upload_shipping_info', shippingInfoBody(upload))
        const errcode = Number(body.errcode ?? 0)
        if (errcode === 0) return { ok: true, alreadyShipped: false }
        if (ALREADY_SHIPPED.has(errcode)) return { ok: true, alreadyShipped: true }
        return { ok: false, permanent: PERMANENT.has(errcode), errcode, reason: `errcode ${errcode}: ${String(body.errmsg ?? '')}`.trim() }
      } catch (error) {
        return { ok: false, permanent: false, errcode: null, reason: (error as Error).message }
      }
    },
  }
}
