import { constants, publicEncrypt } from 'node:crypto'
import { createSignedCall, WeChatPayError } from './client'
import type { WeChatPayConfig } from './config'
import { NotificationRefused, openNotification } from './notification'

/* 商家转账 (WeChat Pay API v3 transfer bills): how a payout reaches a farmer's or a cun xiao'er's
   WeChat balance. We create a bill under our own number (out_bill_no); WeChat answers
   WAIT_USER_CONFIRM with a package the payee opens in the mini-program
   (wx.requestMerchantTransfer) to accept the money. The bill ends SUCCESS, FAIL or CANCELLED
   (not confirmed within 24 hours, or cancelled by us); we learn it from the notification
   (MCHTRANSFER.BILL.FINISHED) or by asking for the bill by our number. WeChat's rule: an answer
   that did not arrive is never retried under a new number, since the first may have gone
   through; the same number again is the same bill. */

export const TRANSFER_STATES = ['ACCEPTED', 'PROCESSING', 'WAIT_USER_CONFIRM', 'TRANSFERING', 'SUCCESS', 'FAIL', 'CANCELING', 'CANCELLED'] as const
export type TransferState = (typeof TRANSFER_STATES)[number]

/** The states a bill does not leave. */
export const FINAL_TRANSFER_STATES: readonly TransferState[] = ['SUCCESS', 'FAIL', 'CANCELLED']

/** WeChat requires the payee's real name, encrypted, from 2,000 yuan. */
export const USER_NAME_REQUIRED_FROM_FEN = 200_000
/** transfer_remark: at most 32 characters, shown to the payee. */
export const TRANSFER_REMARK_MAX = 32
/** out_bill_no: letters and digits, at most 32. */
export const OUT_BILL_NO_PATTERN = /^[0-9A-Za-z]{1,32}$/

export interface TransferScene {
  /** From the merchant platform's 商家转账 product settings, e.g. 1005 (佣金报酬). */
  sceneId: string
  /** What the scene requires to be reported, as WeChat names each item (info_type → info_content). */
  reportInfos: ReadonlyArray<{ infoType: string; infoContent: string }>
  /** What the payee sees as the reason (user_recv_perception); the scene's default when empty. */
  perception?: string
}

export interface TransferRequest {
  outBillNo: string
  openid: string
  amountFen: number
  remark: string
  /** The payee's real name: WeChat checks it against the account; required from 2,000 yuan. */
  userName?: string
  scene: TransferScene
}

export interface TransferBill {
  outBillNo: string
  transferBillNo: string | null
  state: TransferState
  /** While WAIT_USER_CONFIRM: what wx.requestMerchantTransfer opens. */
  packageInfo: string | null
  failReason: string | null
}

const stateOf = (value: unknown): TransferState => {
  if (!TRANSFER_STATES.includes(value as TransferState)) throw new WeChatPayError('transient', `WeChat Pay answered an unknown transfer state ${String(value)}`)
  return value as TransferState
}

const billOf = (json: any): TransferBill => ({
  outBillNo: String(json?.out_bill_no ?? ''),
  transferBillNo: json?.transfer_bill_no ? String(json.transfer_bill_no) : null,
  state: stateOf(json?.state),
  packageInfo: typeof json?.package_info === 'string' ? json.package_info : null,
  failReason: typeof json?.fail_reason === 'string' ? json.fail_reason : null,
})

/** Encrypts a sensitive field with WeChat Pay's public key (RSA-OAEP, SHA-1), as its API v3 asks. */
export function encryptForWeChatPay(config: WeChatPayConfig, text: string): { serial: string; ciphertext: string } {
  const [serial, key] = [...config.platformKeys][0] ?? []
  if (!serial || !key) throw new WeChatPayError('rejected', 'no WeChat Pay public key to encrypt with')
  const ciphertext = publicEncrypt({ key, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha1' }, Buffer.from(text, 'utf8')).toString('base64')
  return { serial, ciphertext }
}

/** A transfer bill's end as WeChat Pay notifies it (MCHTRANSFER.BILL.FINISHED), verified and decrypted. */
export interface TransferNotice {
  notificationId: string
  eventType: string
  mchid: string
  outBillNo: string
  transferBillNo: string
  state: TransferState
  amountFen: number
  failReason: string | null
}

export function readTransferNotification(config: WeChatPayConfig, headers: Record<string, string | string[] | undefined>, rawBody: string, now: Date): TransferNotice {
  const { notificationId, eventType, resource } = openNotification(config, headers, rawBody, now)
  if (!eventType.startsWith('MCHTRANSFER.') || typeof resource.out_bill_no !== 'string' || typeof resource.transfer_amount !== 'number' || !TRANSFER_STATES.includes(resource.state as TransferState)) {
    throw new NotificationRefused('unexpected_resource')
  }
  return {
    notificationId,
    eventType,
    // The transfer resource spells the merchant mch_id where payments and refunds say mchid.
    mchid: String(resource.mch_id ?? resource.mchid ?? ''),
    outBillNo: resource.out_bill_no,
    transferBillNo: String(resource.transfer_bill_no ?? ''),
    state: resource.state as TransferState,
    amountFen: resource.transfer_amount,
    failReason: typeof resource.fail_reason === 'string' ? resource.fail_reason : null,
  }
}

/** `notifyUrl`: where WeChat Pay tells us a bill ended (our transfer notification route, https). */
export function createTransferBillsClient(config: WeChatPayConfig, notifyUrl: string, now: () => Date = () => new Date()) {
  const call = createSignedCall(config, now)
  const billPath = (outBillNo: string) => `/v3/fund-app/mch-transfer/transfer-bills/out-bill-no/${encodeURIComponent(outBillNo)}`

  return {
    async send(request: TransferRequest): Promise<TransferBill> {
      if (!OUT_BILL_NO_PATTERN.test(request.outBillNo)) throw new WeChatPayError('rejected', 'out_bill_no is letters and digits, at most 32')
      if (!Number.isSafeInteger(request.amountFen) || request.amountFen < 1) throw new WeChatPayError('rejected', 'a transfer is a whole, positive number of fen')
      if (request.amountFen >= USER_NAME_REQUIRED_FROM_FEN && !request.userName) throw new WeChatPayError('rejected', 'a transfer of 2,000 yuan or more names its payee')
      const name = request.userName ? encryptForWeChatPay(config, request.userName) : null
      const { json } = await call(
        'POST',
        '/v3/fund-app/mch-transfer/transfer-bills',
        {
          appid: config.appId,
          out_bill_no: request.outBillNo,
          transfer_scene_id: request.scene.sceneId,
          openid: request.openid,
          ...(name ? { user_name: name.ciphertext } : {}),
          transfer_amount: request.amountFen,
          transfer_remark: [...request.remark].slice(0, TRANSFER_REMARK_MAX).join(''),
          notify_url: notifyUrl,
          ...(request.scene.perception ? { user_recv_perception: request.scene.perception } : {}),
          transfer_scene_report_infos: request.scene.reportInfos.map((info) => ({ info_type: info.infoType, info_content: info.infoContent })),
        },
        // The header names the key the sensitive field was encrypted with.
        name ? { 'wechatpay-serial': name.serial } : {},
      )
      return billOf(json)
    },

    /** The bill under our number; null when WeChat Pay has none (the request never arrived). */
    async query(outBillNo: string): Promise<TransferBill | null> {
      try {
        const { json } = await call('GET', billPath(outBillNo))
        return billOf(json)
      } catch (error) {
        if (error instanceof WeChatPayError && error.status === 404) return null
        throw error
      }
    },

    /** Withdraws a bill the payee has not confirmed; it ends CANCELLED (CANCELING first). */
    async cancel(outBillNo: string): Promise<TransferBill> {
      const { json } = await call('POST', `${billPath(outBillNo)}/cancel`)
      return billOf(json)
    },
  }
}

export type TransferBillsClient = ReturnType<typeof createTransferBillsClient>
