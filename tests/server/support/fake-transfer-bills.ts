import { constants, type KeyObject, privateDecrypt, randomBytes } from 'node:crypto'
import type { Notification } from './fake-wechatpay-server'

/* The transfer-bill half of the fake WeChat Pay (商家转账): bills kept by out_bill_no, the same
   number again answered with the same bill (never a second transfer), the payee's name decrypted
   with the platform's private key as WeChat Pay does, and the payee's side played by tests:
   confirm in WeChat, let 24 hours pass, or have the bank fail it. Every end builds the signed,
   encrypted MCHTRANSFER.BILL.FINISHED notification. */

export interface FakeBill {
  outBillNo: string
  transferBillNo: string
  openid: string
  amountFen: number
  remark: string
  sceneId: string
  reportInfos: { info_type: string; info_content: string }[]
  userName: string | null
  state: 'WAIT_USER_CONFIRM' | 'SUCCESS' | 'FAIL' | 'CANCELLED'
  failReason: string | null
  notifyUrl: string
  packageInfo: string
  createdAt: string
}

export interface FakeTransferBills {
  bills: Map<string, FakeBill>
  /** How many create requests arrived for each out_bill_no (a resend of one number is the same bill). */
  createRequests: Map<string, number>
  /** The payee accepted in WeChat (wx.requestMerchantTransfer): SUCCESS, and its notification. */
  confirm(outBillNo: string): Notification
  /** WeChat Pay could not pay (the payee's account is restricted, say): FAIL, and its notification. */
  fail(outBillNo: string, reason?: string): Notification
  /** 24 hours passed without the payee confirming: CANCELLED, and its notification. */
  expire(outBillNo: string): Notification
  /** The notification of a bill's current state (to replay it). */
  notification(outBillNo: string): Notification
  notifyUrlOf(outBillNo: string): string
}

type Answer = [number, unknown]

interface DeskOptions {
  mchid: string
  appid: string
  publicKeyId: string
  platformPrivateKey: KeyObject
  sign: (eventType: string, summary: string, originalType: string, resource: object) => Notification
}

const paramError = (message: string): Answer => [400, { code: 'PARAM_ERROR', message }]

export function createFakeTransferBills(options: DeskOptions) {
  const bills = new Map<string, FakeBill>()
  const createRequests = new Map<string, number>()
  const billJson = (b: FakeBill) => ({
    out_bill_no: b.outBillNo,
    transfer_bill_no: b.transferBillNo,
    create_time: b.createdAt,
    state: b.state,
    ...(b.state === 'WAIT_USER_CONFIRM' ? { package_info: b.packageInfo } : {}),
    ...(b.failReason ? { fail_reason: b.failReason } : {}),
  })

  function create(body: any, headers: Record<string, string | string[] | undefined>): Answer {
    createRequests.set(body.out_bill_no, (createRequests.get(body.out_bill_no) ?? 0) + 1)
    if (body.appid !== options.appid) return paramError('appid 与商户号不匹配')
    if (typeof body.out_bill_no !== 'string' || !/^[0-9A-Za-z]{1,32}$/.test(body.out_bill_no)) return paramError('out_bill_no 格式错误')
    if (!body.transfer_scene_id || !body.openid || typeof body.transfer_remark !== 'string' || [...body.transfer_remark].length > 32) return paramError('参数错误')
    if (!Number.isInteger(body.transfer_amount) || body.transfer_amount < 10) return paramError('转账金额不能低于0.1元')
    if (!Array.isArray(body.transfer_scene_report_infos) || body.transfer_scene_report_infos.length === 0) return paramError('需传入转账场景报备信息,请检查')
    let userName: string | null = null
    if (body.user_name !== undefined) {
      if (headers['wechatpay-serial'] !== options.publicKeyId) return paramError('Wechatpay-Serial 与加密公钥不符')
      try {
        userName = privateDecrypt({ key: options.platformPrivateKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha1' }, Buffer.from(body.user_name, 'base64')).toString('utf8')
      } catch {
        return paramError('user_name 解密失败')
      }
    }
    if (body.transfer_amount >= 200_000 && !userName) return paramError('转账金额>=2000元时,收款用户姓名必填')
    const existing = bills.get(body.out_bill_no)
    if (existing) {
      // The same number is the same bill: resent as it was, it answers the bill; changed, it is refused.
      if (existing.amountFen !== body.transfer_amount || existing.openid !== body.openid) return [400, { code: 'INVALID_REQUEST', message: '商户单号重复,请核实' }]
      return [200, billJson(existing)]
    }
    const bill: FakeBill = {
      outBillNo: body.out_bill_no,
      transferBillNo: `1330${randomBytes(12).toString('hex')}`,
      openid: body.openid,
      amountFen: body.transfer_amount,
      remark: body.transfer_remark,
      sceneId: String(body.transfer_scene_id),
      reportInfos: body.transfer_scene_report_infos,
      userName,
      state: 'WAIT_USER_CONFIRM',
      failReason: null,
      notifyUrl: body.notify_url,
      packageInfo: `ABBQO+oYAAABAAAAAAB${randomBytes(12).toString('base64')}`,
      createdAt: new Date().toISOString().replace(/\.\d{3}Z$/, '+00:00'),
    }
    bills.set(bill.outBillNo, bill)
    return [200, billJson(bill)]
  }

  /** Answers a transfer-bill request, or null when the path is not one of them. */
  function route(method: string, pathname: string, body: any, headers: Record<string, string | string[] | undefined>): Answer | null {
    if (method === 'POST' && pathname === '/v3/fund-app/mch-transfer/transfer-bills') return create(body, headers)
    const match = /^\/v3\/fund-app\/mch-transfer\/transfer-bills\/out-bill-no\/([^/]+)(\/cancel)?$/.exec(pathname)
    if (!match) return null
    const bill = bills.get(decodeURIComponent(match[1]))
    if (!bill) return [404, { code: 'NOT_FOUND', message: '记录不存在' }]
    if (method === 'GET' && !match[2]) return [200, { mch_id: options.mchid, appid: options.appid, openid: bill.openid, transfer_amount: bill.amountFen, transfer_remark: bill.remark, update_time: bill.createdAt, ...billJson(bill) }]
    if (method === 'POST' && match[2]) {
      if (bill.state !== 'WAIT_USER_CONFIRM') return [400, { code: 'INVALID_REQUEST', message: '当前状态不支持撤销' }]
      bill.state = 'CANCELLED'
      return [200, { out_bill_no: bill.outBillNo, transfer_bill_no: bill.transferBillNo, state: 'CANCELING', update_time: new Date().toISOString() }]
    }
    return null
  }

  function notification(outBillNo: string): Notification {
    const bill = bills.get(outBillNo)
    if (!bill) throw new Error(`no transfer bill ${outBillNo}`)
    return options.sign('MCHTRANSFER.BILL.FINISHED', '商家转账单据终态通知', 'mch_payment', {
      out_bill_no: bill.outBillNo,
      transfer_bill_no: bill.transferBillNo,
      state: bill.state,
      mch_id: options.mchid,
      transfer_amount: bill.amountFen,
      openid: bill.openid,
      ...(bill.failReason ? { fail_reason: bill.failReason } : {}),
      create_time: bill.createdAt,
      update_time: new Date().toISOString().replace(/\.\d{3}Z$/, '+00:00'),
    })
  }

  function end(outBillNo: string, state: FakeBill['state'], failReason: string | null = null): Notification {
    const bill = bills.get(outBillNo)
    if (!bill) throw new Error(`no transfer bill ${outBillNo}`)
    if (bill.state !== 'WAIT_USER_CONFIRM') throw new Error(`transfer bill ${outBillNo} already ended ${bill.state}`)
    bill.state = state
    bill.failReason = failReason
    return notification(outBillNo)
  }

  const desk: FakeTransferBills = {
    bills,
    createRequests,
    confirm: (outBillNo) => end(outBillNo, 'SUCCESS'),
    fail: (outBillNo, reason = 'ACCOUNT_FROZEN') => end(outBillNo, 'FAIL', reason),
    expire: (outBillNo) => end(outBillNo, 'CANCELLED', 'TRANSFER_EXPIRED'),
    notification,
    notifyUrlOf: (outBillNo) => bills.get(outBillNo)?.notifyUrl ?? '',
  }
  return { route, desk }
}
