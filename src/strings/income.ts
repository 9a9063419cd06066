/* The words of 我的收入 (a farmer's or a cun xiao'er's statement, their payouts, 确认收款 and the
   printed statement): a file of its own so only the farmer and operator subpackages carry them. */
import type { PayoutStatus, StatementLineKind } from '../api/income-types'
import { formatYuan } from '../domain/money'

export type StatementHolder = 'farmer' | 'operator'

export const incomeStrings = {
  pageTitles: { myIncome: '我的收入', farmerIncome: '农户收入' },
  balances: {
    payable: '可提现',
    pending: '待结算（售后期内）',
    // The settlement rule (src/domain/settlement.ts), said the way a farmer hears it.
    pendingWhy: '收货后24小时售后期结束才能结算',
    inFlight: '转账中',
    paidOut: '已到账',
    paidOutWhy: '累计转给您的钱',
    owing: '负数：钱转出后买家又退了款，会从下次的收入里先扣',
  },
  kinds: {
    farmer: { sale: '货款', commission: '服务站佣金', after_sale: '售后扣款', refund: '退款', payout: '转账', payout_returned: '退回' },
    operator: { sale: '货款', commission: '佣金', after_sale: '售后扣款', refund: '退款', payout: '转账', payout_returned: '退回' },
  } satisfies Record<StatementHolder, Record<StatementLineKind, string>>,
  kindTotal: (kind: string, amount: string) => `${kind}合计 ${amount}`,
  order: (number: string) => `订单 ${number}`,
  payoutLine: '转给您的钱',
  returnedLine: '转账没成功，钱退回可提现',
  empty: '这个月没有收入记录',
  emptyHint: '买家付款后记货款；取货24小时后可以结算提现',
  payouts: {
    title: '转账记录',
    empty: '还没有转账',
    status: {
      drafted: '待审批',
      sending: '转账中',
      awaiting_confirmation: '等您确认收款',
      to_hand_over: '到服务中心领取',
      awaiting_offline_approval: '待复核',
      paid: '已到账',
      returned: '没转成，钱退回可提现',
      withdrawn: '已撤回',
    } satisfies Record<PayoutStatus, string>,
    wechat: '微信转账',
    offline: '线下支付（现金或银行转账）',
    reference: (reference: string) => `凭证：${reference}`,
  },
  confirm: {
    waiting: (amount: string) => `有一笔 ${amount} 的转账等您确认收款，24小时内有效`,
    button: '确认收款',
    confirming: '正在打开微信…',
    confirmed: '已确认收款，钱会转到您的微信零钱',
    cancelled: '您还没有确认，这笔钱还在等您，可以再点“确认收款”',
    failed: '微信没能完成确认收款，钱没有丢，请再点一次“确认收款”',
    onlyInWeChat: '请在微信小程序中确认收款',
    updateWeChat: '请把微信升级到最新版本，再来这里确认收款',
  },
  print: {
    button: '打印对账单',
    title: (month: string) => `${month}对账单`,
    who: (name: string, village: string) => `${village}  ${name}`,
    printedAt: (when: string) => `打印时间 ${when}`,
    signature: '农户签字：',
  },
  farmerLink: '收入',
  ofFarmer: (name: string) => `${name} 的收入`,
}

/** '+¥120.00' for money she is owed more, '-¥6.00' for less: the sign is always written. */
export const signedYuan = (fen: number) => (fen > 0 ? `+${formatYuan(fen)}` : formatYuan(fen))

export const statementKindLabel = (holder: StatementHolder, kind: StatementLineKind) => incomeStrings.kinds[holder][kind] ?? kind

export const payoutStatusLabel = (status: PayoutStatus) => incomeStrings.payouts.status[status] ?? status
