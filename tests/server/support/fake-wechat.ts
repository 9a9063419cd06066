import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { randomBytes } from 'node:crypto'
import { type ContentSecurityFake, createContentSecurityFake } from './fake-wechat-content'

/* A stand-in for api.weixin.qq.com on 127.0.0.1, speaking code2Session as WeChat does: a GET
   with appid, secret, js_code and grant_type; JSON answered as text/plain; errcode 40029 for an
   unknown code, 40163 for a used one, 45011 past the per-user minute quota, 40125 for a wrong
   secret. Tests hand out codes as wx.login would. It also hands out access tokens
   (client_credential) and takes subscribe messages, shipping information and content checks sent
   with them. */

export interface FakeWeChat {
  baseUrl: string
  appId: string
  appSecret: string
  /** What wx.login would return on the phone of the user with this openid. */
  issueCode(openid: string): string
  /** The calls it received, to check what our server sent. */
  calls: URLSearchParams[]
  /** Lower the per-user minute quota (WeChat's is 100) to test the rate limit. */
  setMinuteQuota(quota: number): void
  /** Answer errcode -1 (system busy) to every call until cleared. */
  setBusy(busy: boolean): void
  /** Subscribe messages it accepted (subscribeMessage.send). */
  messages: { touser: string; template_id: string; page: string; data: Record<string, { value: string }> }[]
  /** The next `count` subscribe sends fail with this errcode (default -1, system busy). */
  failSends(count: number, errcode?: number): void
  /** Shipping information it accepted (uploadShippingInfo), in order; a second upload of one order is WeChat's one re-shipment. */
  shippingUploads: ShippingInfo[]
  /** The next `count` shipping uploads fail with this errcode (default -1, system busy). */
  failShipping(count: number, errcode?: number): void
  /** Access tokens handed out (getAccessToken). */
  tokensIssued: number
  /** msgSecCheck and mediaCheckAsync, with the verdicts' message push (fake-wechat-content.ts). */
  content: ContentSecurityFake
  /** The next `count` content-security calls fail with this errcode (default -1, system busy). */
  failContent(count: number, errcode?: number): void
  close(): Promise<void>
}

export interface ShippingInfo {
  order_key: { order_number_type: number; transaction_id?: string; mchid?: string; out_trade_no?: string }
  logistics_type: number
  delivery_mode: number
  shipping_list: { item_desc?: string; tracking_no?: string; express_company?: string }[]
  upload_time: string
  payer: { openid: string }
}

/** What WeChat refuses in an upload, by its errcode; null when the upload is well formed. */
function shippingRefusal(body: ShippingInfo): number | null {
  const key = body.order_key
  if (!key || !body.payer?.openid || !Array.isArray(body.shipping_list) || typeof body.upload_time !== 'string') return 47001
  if (key.order_number_type === 2 ? !key.transaction_id : key.order_number_type !== 1 || !key.mchid || !key.out_trade_no) return 268485195
  if (![1, 2, 3, 4].includes(body.logistics_type)) return 10060005
  if (body.delivery_mode !== 1 && body.delivery_mode !== 2) return 268485224
  if (body.delivery_mode === 1 && body.shipping_list.length !== 1) return 268485228
  const item = body.shipping_list[0]
  if (!item.item_desc) return 10060008
  if ([...item.item_desc].length > 120) return 10060009
  if (body.logistics_type === 1 && (!item.tracking_no || !item.express_company)) return 268485226
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?[+-]\d{2}:\d{2}$/.test(body.upload_time)) return 268485216
  return null
}

const orderKeyOf = (key: ShippingInfo['order_key']) => (key.order_number_type === 2 ? `t:${key.transaction_id}` : `m:${key.mchid}:${key.out_trade_no}`)

export async function startFakeWeChat(): Promise<FakeWeChat> {
  const appId = 'wx' + randomBytes(8).toString('hex')
  const appSecret = randomBytes(16).toString('hex')
  const codes = new Map<string, { openid: string; used: boolean }>()
  const minuteCalls = new Map<string, number[]>()
  const calls: URLSearchParams[] = []
  let quota = 100
  let busy = false
  const messages: FakeWeChat['messages'] = []
  const accessTokens = new Set<string>()
  let tokensIssued = 0
  let failing = { count: 0, errcode: -1 }
  const shippingUploads: ShippingInfo[] = []
  let failingShipping = { count: 0, errcode: -1 }
  const content = createContentSecurityFake(appId)
  let failingContent = { count: 0, errcode: -1 }

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const answer = (body: object) => {
      res.writeHead(200, { 'content-type': 'text/plain' })
      res.end(JSON.stringify(body))
    }
    if (req.method === 'GET' && url.pathname === '/cgi-bin/token') {
      const q = url.searchParams
      if (q.get('appid') !== appId || q.get('secret') !== appSecret || q.get('grant_type') !== 'client_credential') return answer({ errcode: 40125, errmsg: 'invalid appsecret' })
      const token = randomBytes(24).toString('hex')
      accessTokens.add(token)
      tokensIssued++
      return answer({ access_token: token, expires_in: 7200 })
    }
    if (req.method === 'POST' && url.pathname === '/cgi-bin/message/subscribe/send') {
      const chunks: Buffer[] = []
      req.on('data', (chunk) => chunks.push(chunk))
      req.on('end', () => {
        if (!accessTokens.has(url.searchParams.get('access_token') ?? '')) return answer({ errcode: 40001, errmsg: 'invalid credential, access_token is invalid or not latest' })
        if (failing.count > 0) {
          failing.count--
          return answer({ errcode: failing.errcode, errmsg: 'system error' })
        }
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8'))
        if (!body.touser || !body.template_id || !body.data) return answer({ errcode: 47003, errmsg: 'argument invalid!' })
        messages.push(body)
        answer({ errcode: 0, errmsg: 'ok', msgid: Date.now() })
      })
      return
    }
    if (req.method === 'POST' && (url.pathname === '/wxa/msg_sec_check' || url.pathname === '/wxa/media_check_async')) {
      const chunks: Buffer[] = []
      req.on('data', (chunk) => chunks.push(chunk))
      req.on('end', () => {
        if (!accessTokens.has(url.searchParams.get('access_token') ?? '')) return answer({ errcode: 40001, errmsg: 'invalid credential, access_token is invalid or not latest' })
        if (failingContent.count > 0) {
          failingContent.count--
          return answer({ errcode: failingContent.errcode, errmsg: 'system error' })
        }
        let body: Record<string, any>
        try {
          body = JSON.parse(Buffer.concat(chunks).toString('utf8'))
        } catch {
          return answer({ errcode: 47001, errmsg: 'data format error' })
        }
        answer(content.handle(url.pathname, body)!)
      })
      return
    }
    if (req.method === 'POST' && url.pathname === '/wxa/sec/order/upload_shipping_info') {
      const chunks: Buffer[] = []
      req.on('data', (chunk) => chunks.push(chunk))
      req.on('end', () => {
        if (!accessTokens.has(url.searchParams.get('access_token') ?? '')) return answer({ errcode: 40001, errmsg: 'invalid credential, access_token is invalid or not latest' })
        if (failingShipping.count > 0) {
          failingShipping.count--
          return answer({ errcode: failingShipping.errcode, errmsg: 'system error' })
        }
        let body: ShippingInfo
        try {
          body = JSON.parse(Buffer.concat(chunks).toString('utf8'))
        } catch {
          return answer({ errcode: 47001, errmsg: 'data format error' })
        }
        const refusal = shippingRefusal(body)
        if (refusal !== null) return answer({ errcode: refusal, errmsg: 'invalid shipping info' })
        // One upload and one re-shipment per payment; a third is refused.
        const earlier = shippingUploads.filter((u) => orderKeyOf(u.order_key) === orderKeyOf(body.order_key)).length
        if (earlier >= 2) return answer({ errcode: 10060003, errmsg: '支付单已使用重新发货机会' })
        shippingUploads.push(body)
        answer({ errcode: 0, errmsg: 'ok' })
      })
      return
    }
    if (req.method !== 'GET' || url.pathname !== '/sns/jscode2session') {
      res.writeHead(404).end()
      return
    }
    const q = url.searchParams
    calls.push(q)
    const rid = randomBytes(6).toString('hex')
    if (q.get('appid') !== appId) return answer({ errcode: 40013, errmsg: `invalid appid, rid: ${rid}` })
    if (q.get('secret') !== appSecret) return answer({ errcode: 40125, errmsg: `invalid appsecret, rid: ${rid}` })
    if (q.get('grant_type') !== 'authorization_code') return answer({ errcode: 40002, errmsg: `invalid grant_type, rid: ${rid}` })
    if (busy) return answer({ errcode: -1, errmsg: `system error, rid: ${rid}` })
    const entry = codes.get(q.get('js_code') ?? '')
    if (!entry) return answer({ errcode: 40029, errmsg: `invalid code, rid: ${rid}` })
    const now = Date.now()
    const recent = (minuteCalls.get(entry.openid) ?? []).filter((t) => now - t < 60_000)
    recent.push(now)
    minuteCalls.set(entry.openid, recent)
    if (recent.length > quota) return answer({ errcode: 45011, errmsg: `api minute-quota reach limit, rid: ${rid}` })
    if (entry.used) return answer({ errcode: 40163, errmsg: `code been used, rid: ${rid}` })
    entry.used = true
    answer({ openid: entry.openid, session_key: randomBytes(16).toString('base64') })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    appId,
    appSecret,
    calls,
    issueCode(openid) {
      const code = randomBytes(16).toString('hex')
      codes.set(code, { openid, used: false })
      return code
    },
    setMinuteQuota: (q) => void (quota = q),
    setBusy: (b) => void (busy = b),
    messages,
    failSends: (count, errcode = -1) => void (failing = { count, errcode }),
    shippingUploads,
    failShipping: (count, errcode = -1) => void (failingShipping = { count, errcode }),
    get tokensIssued() {
      return tokensIssued
    },
    content,
    failContent: (count, errcode = -1) => void (failingContent = { count, errcode }),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}
