import { createCipheriv, createSign, createVerify, generateKeyPairSync, type KeyObject, randomBytes } from 'node:crypto'
import fs from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import type { AddressInfo } from 'node:net'
import { weChatPayConfig, type WeChatPayConfig } from '../../../server/integrations/wxpay/config'
import { createFakeTransferBills, type FakeTransferBills } from './fake-transfer-bills'

/* A fake WeChat Pay API v3 on 127.0.0.1, with real cryptography both ways: it makes a merchant
   key pair (the private half is "ours") and its own platform key pair, checks the signature of
   every request we send and answers 401 SIGN_ERROR when it is wrong, signs every answer, and
   sends payment notifications signed and AES-256-GCM encrypted as WeChat Pay does. It keeps
   transactions by out_trade_no and refunds by out_refund_no (a repeated refund request is the
   same refund, never a second one), and transfer bills (fake-transfer-bills.ts). Tests can slow an
   endpoint down or forge a notification. */

export const FAKE_MCHID = '1900000109'
export const FAKE_APPID = 'wxfakeapp000001'

interface Transaction {
  outTradeNo: string
  prepayId: string
  amountFen: number
  openid: string
  state: 'NOTPAY' | 'SUCCESS' | 'CLOSED' | 'REFUND'
  transactionId: string | null
  notifyUrl: string
}

interface Refund {
  outRefundNo: string
  outTradeNo: string
  refundId: string
  amountFen: number
  status: 'PROCESSING' | 'SUCCESS' | 'ABNORMAL'
  notifyUrl: string
}

export interface Notification {
  headers: Record<string, string>
  body: string
}

export interface Forgery {
  amountFen?: number
  mchid?: string
  signWithAnotherKey?: boolean
  serial?: string
  ageSeconds?: number
  /** Changes one byte of the body after it was signed. */
  tamper?: boolean
}

export interface FakeWeChatPay {
  url: string
  publicKeyId: string
  apiV3Key: string
  /** Our config for this fake: its URL, its public key, our merchant key. */
  config(notifyUrl: string): WeChatPayConfig
  /** The same as the environment of a server process (key files written into `dir`). */
  environment(notifyUrl: string, dir: string): Record<string, string>
  requests: { method: string; path: string; body: string; signatureValid: boolean }[]
  transactions: Map<string, Transaction>
  refunds: Map<string, Refund>
  /** The buyer pays in WeChat: the transaction succeeds and WeChat Pay builds its notification. */
  pay(outTradeNo: string): Notification
  /** A notification for a transaction, forged as asked. */
  notification(outTradeNo: string, forgery?: Forgery): Notification
  deliver(notification: Notification, url?: string): Promise<{ status: number; body: string }>
  outTradeNoOfPrepay(prepayId: string): string | undefined
  /** From now on a new refund answers PROCESSING, as WeChat Pay's usually do, until it is settled. */
  refundsTakeTime(): void
  /** The bank has answered: the refund is settled as asked and WeChat Pay builds its REFUND.* notification. */
  settleRefund(outRefundNo: string, status?: 'SUCCESS' | 'ABNORMAL', forgery?: Forgery): Notification
  /** Transfer bills (商家转账) and the payee's side of them. */
  transfers: FakeTransferBills
  /** The next `count` answers of requests whose path contains `pathPart` come `ms` late (the work is done at once). */
  slowDown(pathPart: string, ms: number, count?: number): void
  close(): Promise<void>
}

const pem = (key: KeyObject, type: 'pkcs8' | 'spki') => key.export({ format: 'pem', type }).toString()

export async function startFakeWeChatPay(): Promise<FakeWeChatPay> {
  const merchant = generateKeyPairSync('rsa', { modulusLength: 2048 })
  const platform = generateKeyPairSync('rsa', { modulusLength: 2048 })
  const impostor = generateKeyPairSync('rsa', { modulusLength: 2048 })
  const publicKeyId = `PUB_KEY_ID_0119${randomBytes(8).toString('hex').toUpperCase()}`
  const merchantSerial = randomBytes(20).toString('hex').toUpperCase()
  const apiV3Key = randomBytes(16).toString('hex')
  const transactions = new Map<string, Transaction>()
  const refunds = new Map<string, Refund>()
  const requests: FakeWeChatPay['requests'] = []
  const slow: { pathPart: string; ms: number; count: number }[] = []
  let lastNotifyUrl = ''
  let refundsSettleLater = false

  const sign = (key: KeyObject, message: string) => createSign('RSA-SHA256').update(message).sign(key, 'base64')
  const signedHeaders = (body: string, key = platform.privateKey, serial = publicKeyId, ageSeconds = 0) => {
    const timestamp = String(Math.floor(Date.now() / 1000) - ageSeconds)
    const nonce = randomBytes(16).toString('hex')
    return { 'wechatpay-timestamp': timestamp, 'wechatpay-nonce': nonce, 'wechatpay-signature': sign(key, `${timestamp}\n${nonce}\n${body}\n`), 'wechatpay-serial': serial }
  }

  /** Our request's Authorization, checked as WeChat Pay checks it. */
  function signatureValid(method: string, path: string, body: string, authorization: string | undefined): boolean {
    const match = /^WECHATPAY2-SHA256-RSA2048 (.*)$/.exec(authorization ?? '')
    if (!match) return false
    const fields = Object.fromEntries(match[1].split(',').map((pair) => /^(\w+)="(.*)"$/.exec(pair)?.slice(1) ?? []))
    if (fields.mchid !== FAKE_MCHID || fields.serial_no !== merchantSerial) return false
    if (Math.abs(Date.now() / 1000 - Number(fields.timestamp)) > 300) return false
    return createVerify('RSA-SHA256').update(`${method}\n${path}\n${fields.timestamp}\n${fields.nonce_str}\n${body}\n`).verify(merchant.publicKey, fields.signature ?? '', 'base64')
  }

  function transactionJson(t: Transaction, overrides: { amountFen?: number; mchid?: string } = {}) {
    return {
      appid: FAKE_APPID,
      mchid: overrides.mchid ?? FAKE_MCHID,
      out_trade_no: t.outTradeNo,
      transaction_id: t.transactionId,
      trade_type: 'JSAPI',
      trade_state: t.state,
      trade_state_desc: t.state === 'SUCCESS' ? '支付成功' : '未支付',
      success_time: t.state === 'SUCCESS' ? new Date().toISOString().replace(/\.\d{3}Z$/, '+00:00') : undefined,
      payer: { openid: t.openid },
      amount: { total: overrides.amountFen ?? t.amountFen, payer_total: overrides.amountFen ?? t.amountFen, currency: 'CNY', payer_currency: 'CNY' },
    }
  }

  function route(method: string, path: string, body: any, headers: http.IncomingHttpHeaders): [number, unknown] {
    const url = new URL(path, 'http://fake')
    const transfer = transferBills.route(method, url.pathname, body, headers)
    if (transfer) return transfer
    if (method === 'POST' && url.pathname === '/v3/pay/transactions/jsapi') {
      if (body.mchid !== FAKE_MCHID || body.appid !== FAKE_APPID || !body.payer?.openid || !Number.isInteger(body.amount?.total)) return [400, { code: 'PARAM_ERROR', message: '参数错误' }]
      const existing = transactions.get(body.out_trade_no)
      if (existing?.state === 'SUCCESS') return [400, { code: 'ORDER_PAID', message: '该订单已支付' }]
      if (existing) return [200, { prepay_id: existing.prepayId }]
      const t: Transaction = { outTradeNo: body.out_trade_no, prepayId: `wx${randomBytes(14).toString('hex')}`, amountFen: body.amount.total, openid: body.payer.openid, state: 'NOTPAY', transactionId: null, notifyUrl: body.notify_url }
      transactions.set(t.outTradeNo, t)
      lastNotifyUrl = body.notify_url
      return [200, { prepay_id: t.prepayId }]
    }
    let match = /^\/v3\/pay\/transactions\/out-trade-no\/([^/]+)$/.exec(url.pathname)
    if (method === 'GET' && match) {
      const t = transactions.get(decodeURIComponent(match[1]))
      return t ? [200, transactionJson(t)] : [404, { code: 'ORDER_NOT_EXIST', message: '订单不存在' }]
    }
    match = /^\/v3\/pay\/transactions\/out-trade-no\/([^/]+)\/close$/.exec(url.pathname)
    if (method === 'POST' && match) {
      const t = transactions.get(decodeURIComponent(match[1]))
      if (!t) return [404, { code: 'ORDER_NOT_EXIST', message: '订单不存在' }]
      if (t.state === 'SUCCESS') return [400, { code: 'ORDER_PAID', message: '订单已支付' }]
      t.state = 'CLOSED'
      return [204, null]
    }
    if (method === 'POST' && url.pathname === '/v3/refund/domestic/refunds') {
      const existing = refunds.get(body.out_refund_no)
      if (existing) return [200, { refund_id: existing.refundId, out_refund_no: existing.outRefundNo, status: existing.status, amount: { refund: existing.amountFen } }]
      const t = transactions.get(body.out_trade_no)
      if (!t || (t.state !== 'SUCCESS' && t.state !== 'REFUND')) return [400, { code: 'INVALID_REQUEST', message: '订单未支付' }]
      // As WeChat Pay does: several partial refunds of one payment, never more than was paid in all.
      const refundedBefore = [...refunds.values()].filter((r) => r.outTradeNo === t.outTradeNo).reduce((sum, r) => sum + r.amountFen, 0)
      if (body.amount?.total !== t.amountFen || !(body.amount?.refund > 0) || refundedBefore + body.amount.refund > t.amountFen) return [400, { code: 'PARAM_ERROR', message: '金额错误' }]
      const status = refundsSettleLater ? 'PROCESSING' : 'SUCCESS'
      const refund: Refund = { outRefundNo: body.out_refund_no, outTradeNo: t.outTradeNo, refundId: `50${randomBytes(12).toString('hex')}`, amountFen: body.amount.refund, status, notifyUrl: body.notify_url }
      refunds.set(refund.outRefundNo, refund)
      t.state = 'REFUND'
      return [200, { refund_id: refund.refundId, out_refund_no: refund.outRefundNo, status, amount: { refund: refund.amountFen } }]
    }
    match = /^\/v3\/refund\/domestic\/refunds\/([^/]+)$/.exec(url.pathname)
    if (method === 'GET' && match) {
      const refund = refunds.get(decodeURIComponent(match[1]))
      return refund ? [200, { refund_id: refund.refundId, out_refund_no: refund.outRefundNo, status: refund.status }] : [404, { code: 'RESOURCE_NOT_EXISTS', message: '退款单不存在' }]
    }
    return [404, { code: 'NOT_FOUND', message: 'no such API' }]
  }

  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk) => chunks.push(chunk))
    request.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8')
      const method = request.method ?? 'GET'
      const valid = signatureValid(method, request.url ?? '', raw, request.headers.authorization)
      requests.push({ method, path: request.url ?? '', body: raw, signatureValid: valid })
      let status: number
      let payload: unknown
      if (!valid) [status, payload] = [401, { code: 'SIGN_ERROR', message: '签名错误' }]
      else {
        try {
          ;[status, payload] = route(method, request.url ?? '', raw ? JSON.parse(raw) : {}, request.headers)
        } catch {
          ;[status, payload] = [400, { code: 'PARAM_ERROR', message: 'bad JSON' }]
        }
      }
      const body = payload === null ? '' : JSON.stringify(payload)
      const delay = slow.find((s) => s.count > 0 && (request.url ?? '').includes(s.pathPart))
      if (delay) delay.count--
      setTimeout(() => {
        response.writeHead(status, { 'content-type': 'application/json', ...signedHeaders(body) })
        response.end(body)
      }, delay?.ms ?? 0)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

  /** A notification as WeChat Pay sends one: the resource encrypted with our APIv3 key, the body signed. */
  function signedNotification(eventType: string, summary: string, originalType: string, resource: object, forgery: Forgery): Notification {
    const nonce = randomBytes(6).toString('hex')
    const cipher = createCipheriv('aes-256-gcm', Buffer.from(apiV3Key, 'utf8'), Buffer.from(nonce, 'utf8'))
    cipher.setAAD(Buffer.from(originalType, 'utf8'))
    const ciphertext = Buffer.concat([cipher.update(JSON.stringify(resource), 'utf8'), cipher.final(), cipher.getAuthTag()]).toString('base64')
    let body = JSON.stringify({
      id: randomBytes(16).toString('hex'),
      create_time: new Date().toISOString(),
      resource_type: 'encrypt-resource',
      event_type: eventType,
      summary,
      resource: { original_type: originalType, algorithm: 'AEAD_AES_256_GCM', ciphertext, associated_data: originalType, nonce },
    })
    const headers = signedHeaders(body, forgery.signWithAnotherKey ? impostor.privateKey : platform.privateKey, forgery.serial ?? publicKeyId, forgery.ageSeconds ?? 0)
    if (forgery.tamper) body = body.replace(summary, `${summary}!`)
    return { headers: { ...headers, 'content-type': 'application/json' }, body }
  }

  const transferBills = createFakeTransferBills({
    mchid: FAKE_MCHID,
    appid: FAKE_APPID,
    publicKeyId,
    platformPrivateKey: platform.privateKey,
    sign: (eventType, summary, originalType, resource) => signedNotification(eventType, summary, originalType, resource, {}),
  })

  function notification(outTradeNo: string, forgery: Forgery = {}): Notification {
    const t = transactions.get(outTradeNo)
    if (!t) throw new Error(`no transaction ${outTradeNo}`)
    return signedNotification('TRANSACTION.SUCCESS', '支付成功', 'transaction', transactionJson(t, forgery), forgery)
  }

  function settleRefund(outRefundNo: string, status: 'SUCCESS' | 'ABNORMAL' = 'SUCCESS', forgery: Forgery = {}): Notification {
    const refund = refunds.get(outRefundNo)
    if (!refund) throw new Error(`no refund ${outRefundNo}`)
    refund.status = status
    const t = transactions.get(refund.outTradeNo)!
    const amount = forgery.amountFen ?? refund.amountFen
    const resource = {
      mchid: forgery.mchid ?? FAKE_MCHID,
      out_trade_no: refund.outTradeNo,
      transaction_id: t.transactionId,
      out_refund_no: refund.outRefundNo,
      refund_id: refund.refundId,
      refund_status: status,
      success_time: status === 'SUCCESS' ? new Date().toISOString().replace(/\.\d{3}Z$/, '+00:00') : undefined,
      user_received_account: '招商银行信用卡0403',
      amount: { total: t.amountFen, refund: amount, payer_total: t.amountFen, payer_refund: amount },
    }
    return signedNotification(`REFUND.${status}`, status === 'SUCCESS' ? '退款成功' : '退款异常', 'refund', resource, forgery)
  }

  return {
    url,
    publicKeyId,
    apiV3Key,
    requests,
    transactions,
    refunds,
    transfers: transferBills.desk,
    config: (notifyUrl) =>
      weChatPayConfig({ mchid: FAKE_MCHID, appId: FAKE_APPID, merchantSerial, merchantKeyPem: pem(merchant.privateKey, 'pkcs8'), platformKeys: { [publicKeyId]: pem(platform.publicKey, 'spki') }, apiV3Key, apiBase: url, notifyUrl, timeoutMs: 1500 }),
    environment(notifyUrl, dir) {
      const keyFile = path.join(dir, 'merchant-key.pem')
      const publicKeyFile = path.join(dir, 'wechatpay-public-key.pem')
      fs.writeFileSync(keyFile, pem(merchant.privateKey, 'pkcs8'), { mode: 0o600 })
      fs.writeFileSync(publicKeyFile, pem(platform.publicKey, 'spki'))
      return {
        WECHAT_PAY_MCHID: FAKE_MCHID,
        WECHAT_PAY_APP_ID: FAKE_APPID,
        WECHAT_PAY_MERCHANT_SERIAL: merchantSerial,
        WECHAT_PAY_PRIVATE_KEY_FILE: keyFile,
        WECHAT_PAY_PUBLIC_KEY_ID: publicKeyId,
        WECHAT_PAY_PUBLIC_KEY_FILE: publicKeyFile,
        WECHAT_PAY_APIV3_KEY: apiV3Key,
        WECHAT_PAY_API_BASE: url,
        WECHAT_PAY_NOTIFY_URL: notifyUrl,
      }
    },
    pay(outTradeNo) {
      const t = transactions.get(outTradeNo)
      if (!t) throw new Error(`no transaction ${outTradeNo}`)
      t.state = 'SUCCESS'
      t.transactionId = `4200${randomBytes(12).toString('hex')}`
      return notification(outTradeNo)
    },
    notification,
    refundsTakeTime: () => void (refundsSettleLater = true),
    settleRefund,
    async deliver(n, to) {
      const response = await fetch(to ?? lastNotifyUrl, { method: 'POST', headers: n.headers, body: n.body })
      return { status: response.status, body: await response.text() }
    },
    outTradeNoOfPrepay: (prepayId) => [...transactions.values()].find((t) => t.prepayId === prepayId)?.outTradeNo,
    slowDown: (pathPart, ms, count = 1) => void slow.push({ pathPart, ms, count }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
