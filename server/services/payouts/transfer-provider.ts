import { payoutStatusForTransfer, type PayoutStatus } from '../../../src/domain/payouts'
import { WeChatPayError } from '../../integrations/wxpay/client'
import type { TransferBillsClient, TransferScene } from '../../integrations/wxpay/transfer-bills'

/* The one interface payouts talk to, as payments have theirs (payments/payment-provider.ts).
   `wechat` sends WeChat Pay transfer bills the payee confirms in the mini-program; `sandbox`
   (only with dev login on and WeChat Pay not set up) pays at once, for the demo and the browser
   tests. Sending is safe to repeat: the payout's out_bill_no names the bill, and the same number
   again is the same bill. */

export interface TransferInput {
  outBillNo: string
  openid: string | null
  amountFen: number
  /** What the payee reads: '乡集 11月货款'. */
  remark: string
  userName: string | null
}

/** Where the payout stands after a send or a query; `unknown` when the provider did not answer. */
export type TransferResult =
  | { state: Extract<PayoutStatus, 'awaiting_confirmation' | 'paid' | 'returned'>; transferBillNo: string | null; packageInfo: string | null; failReason: string | null }
  | { state: 'working' }
  | { state: 'unknown'; error: string }
  | { state: 'not_found' }
  | { state: 'refused'; error: string }

export interface TransferProvider {
  readonly name: 'wechat' | 'sandbox'
  send(input: TransferInput): Promise<TransferResult>
  query(outBillNo: string): Promise<TransferResult>
}

export function createSandboxTransfers(): TransferProvider {
  return {
    name: 'sandbox',
    send: async (input) => ({ state: 'paid', transferBillNo: `sandbox-${input.outBillNo}`, packageInfo: null, failReason: null }),
    query: async (outBillNo) => ({ state: 'paid', transferBillNo: `sandbox-${outBillNo}`, packageInfo: null, failReason: null }),
  }
}

export function createWeChatTransfers(client: TransferBillsClient, scene: TransferScene): TransferProvider {
  const read = (bill: { state: string; transferBillNo: string | null; packageInfo: string | null; failReason: string | null }): TransferResult => {
    const status = payoutStatusForTransfer(bill.state)
    if (status === 'paid' || status === 'returned' || status === 'awaiting_confirmation') return { state: status, transferBillNo: bill.transferBillNo, packageInfo: bill.packageInfo, failReason: bill.failReason }
    return { state: 'working' }
  }
  return {
    name: 'wechat',
    async send(input) {
      if (!input.openid) return { state: 'refused', error: 'the payee has no WeChat account' }
      try {
        return read(await client.send({ outBillNo: input.outBillNo, openid: input.openid, amountFen: input.amountFen, remark: input.remark, userName: input.userName ?? undefined, scene }))
      } catch (error) {
        // A refusal of the bill itself is final for this send; anything else may have gone through.
        if (error instanceof WeChatPayError && error.kind === 'rejected') return { state: 'refused', error: error.message }
        return { state: 'unknown', error: (error as Error).message }
      }
    },
    async query(outBillNo) {
      try {
        const bill = await client.query(outBillNo)
        return bill ? read(bill) : { state: 'not_found' }
      } catch (error) {
        return { state: 'unknown', error: (error as Error).message }
      }
    },
  }
}
