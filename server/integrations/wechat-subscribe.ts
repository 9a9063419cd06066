import type { WeChatConfig } from '../config'
import { createWeChatServerApi, type WeChatServerApi } from './wechat-access-token'

/* The buyer's "ready for pickup" WeChat subscribe message (subscribeMessage.send), with the
   server's access token (wechat-access-token.ts). The template's fields are those of the template
   chosen in the mini-program's admin: 商品 thing1, 取货码 character_string2, 取货地点 thing3,
   备注 thing4. The farmer's "someone bought your goods" message (WECHAT_SALE_TEMPLATE_ID) has
   商品 thing1, 交货截止 time2, 交货地点 thing3, 备注 thing4. */

export interface PickupReadyMessage {
  openid: string
  orderId: string
  goods: string
  code: string
  place: string
}

export interface SaleNoticeMessage {
  openid: string
  /** '奶皮子 2斤' */
  goods: string
  /** '2026年12月02日 20:00', the form WeChat's time fields take. */
  handInBy: string
  place: string
}

export type SendOutcome = { ok: true } | { ok: false; permanent: boolean; reason: string }

export interface WeChatMessenger {
  sendPickupReady(message: PickupReadyMessage): Promise<SendOutcome>
  sendSaleNotice(message: SaleNoticeMessage): Promise<SendOutcome>
}

interface Outgoing {
  touser: string
  template_id: string
  page: string
  data: Record<string, { value: string }>
}

// The user has not subscribed (or unsubscribed), or the template is wrong: trying again won't help.
const PERMANENT = new Set([43101, 40037, 47003, 40003])

/** thing fields hold at most 20 characters. */
const thing = (text: string) => (text.length > 20 ? `${text.slice(0, 19)}…` : text)

export function createWeChatMessenger(config: WeChatConfig, now: () => Date = () => new Date(), api: WeChatServerApi = createWeChatServerApi(config, now)): WeChatMessenger {
  async function send(message: Outgoing): Promise<SendOutcome> {
    const body = await api.post('/cgi-bin/message/subscribe/send', { ...message, lang: 'zh_CN' })
    const errcode = Number(body.errcode ?? 0)
    if (errcode === 0) return { ok: true }
    return { ok: false, permanent: PERMANENT.has(errcode), reason: `errcode ${errcode}` }
  }

  async function trySend(message: Outgoing): Promise<SendOutcome> {
    // A template the server was not given cannot be sent, now or later.
    if (!message.template_id) return { ok: false, permanent: true, reason: 'no template configured for this message' }
    try {
      return await send(message)
    } catch (error) {
      return { ok: false, permanent: false, reason: (error as Error).message }
    }
  }

  return {
    sendPickupReady: (message) =>
      trySend({
        touser: message.openid,
        template_id: config.pickupTemplateId,
        page: `packages/buyer/pages/order/index?id=${encodeURIComponent(message.orderId)}`,
        data: { thing1: { value: thing(message.goods) }, character_string2: { value: message.code }, thing3: { value: thing(message.place) }, thing4: { value: '请凭取货码到县服务中心取货' } },
      }),
    sendSaleNotice: (message) =>
      trySend({
        touser: message.openid,
        template_id: config.saleTemplateId,
        page: 'packages/farmer/pages/sales/index',
        data: { thing1: { value: thing(message.goods) }, time2: { value: message.handInBy }, thing3: { value: thing(message.place) }, thing4: { value: '有人买了您的货，请按时交到服务站' } },
      }),
  }
}
