/* The words of the county staff's money pages (转账批次, 发货信息异常): a file of its own, like
   zh-CN-county.ts, so only the county subpackage carries them. */
import type { OfflinePayoutProblem, PayoutRunProblem } from '../api/county-money-types'
import type { OfflineReferenceRefusalReason, PayoutRunStatus, PayoutStatus } from '../domain/payouts'
import { OFFLINE_REFERENCE_MAX_LENGTH } from '../domain/payouts'
import { describeError } from './format'

export const countyMoneyStrings = {
  pageTitles: { payouts: '转账批次', shipping: '发货信息异常' },

  payouts: {
    hint: '把已过售后期的货款和佣金转给农户和村小二：一位县小二生成批次，另一位县小二批准后才会转账',
    draft: '生成转账批次',
    drafted: '已生成，请另一位县小二批准',
    empty: '还没有转账批次',
    emptyHint: '取货满 24 小时、没有售后的货款会变成可转账的款项',
    runStatus: { awaiting_approval: '待批准', approved: '已批准', rejected: '已驳回' } as Record<PayoutRunStatus, string>,
    summary: (total: string, payees: number) => `${total} · ${payees} 人`,
    createdBy: (name: string, at: string) => `${name} 生成于 ${at}`,
    decidedBy: (status: PayoutRunStatus, name: string, at: string) => `${name} ${status === 'rejected' ? '驳回' : '批准'}于 ${at}`,
    payeeKind: { farmer: '农户', operator: '村小二' } as Record<'farmer' | 'operator', string>,
    method: { wechat: '微信转账', offline: '线下付款' } as Record<'wechat' | 'offline', string>,
    status: {
      drafted: '待批准',
      sending: '转账中',
      awaiting_confirmation: '等待确认收款',
      to_hand_over: '待付款',
      awaiting_offline_approval: '待确认',
      paid: '已到账',
      returned: '失败已退回',
      withdrawn: '已撤回',
    } as Record<PayoutStatus, string>,
    failReason: (reason: string) => `原因：${reason}`,
    approve: '批准',
    reject: '驳回',
    // Not "转账开始": a run of cash payouts sends nothing; each payout's line says what comes next.
    approved: '已批准',
    rejected: '已驳回，款项留到下一批',
    secondClerk: '需另一位县小二批准',
    // Short enough to be read whole beside 记录线下付款 on a phone's width.
    referencePlaceholder: '收据号或银行流水号',
    record: '记录线下付款',
    recorded: '已记录，请另一位县小二确认',
    reference: (reference: string) => `付款凭据：${reference}`,
    confirm: '确认',
    confirmed: '已确认付款',
    secondClerkConfirm: '需另一位县小二确认',
  },

  shipping: {
    hint: '这些订单的发货信息微信一直没有接收，买家的货款会被微信冻结。请到小程序管理后台手动补录',
    empty: '全部已上传',
    emptyHint: '微信支付的订单核销后会自动上传发货信息',
    order: (number: string) => `订单号 ${number}`,
    noNumber: '（无订单号）',
    error: (code: string) => `微信错误码 ${code}`,
    attempts: (count: number) => `已尝试 ${count} 次`,
    lastAttempt: (at: string) => `最后一次：${at}`,
    since: (at: string) => `核销于 ${at}`,
  },

  problems: {
    nothingOwed: '没有可转账的款项',
    runWaiting: '还有一个批次等待批准，请先批准或驳回它',
    reference: {
      'payout.reference_empty': '请填写付款凭据（现金收据号或银行流水号）',
      'payout.reference_too_long': `付款凭据不能超过 ${OFFLINE_REFERENCE_MAX_LENGTH} 个字`,
      'payout.reference_not_plain': '付款凭据里有无法识别的字符，请重新输入',
    } as Record<OfflineReferenceRefusalReason, string>,
    changed: '已经被另一位县小二处理了，已刷新',
  },
}

export function describeRunProblem(problem: PayoutRunProblem): string {
  const p = countyMoneyStrings.problems
  if (problem.kind === 'nothing-owed') return p.nothingOwed
  if (problem.kind === 'run-waiting') return p.runWaiting
  if (problem.kind === 'second-clerk') return countyMoneyStrings.payouts.secondClerk
  return problem.error.code === 'INVALID_TRANSITION' ? p.changed : describeError(problem.error)
}

export function describeOfflineProblem(problem: OfflinePayoutProblem): string {
  const p = countyMoneyStrings.problems
  if (problem.kind === 'reference') return p.reference[problem.reason]
  if (problem.kind === 'second-clerk') return countyMoneyStrings.payouts.secondClerkConfirm
  return problem.error.code === 'INVALID_TRANSITION' ? p.changed : describeError(problem.error)
}

/** WeChat's error as the outbox keeps it ('errcode 10060004: order not found'): its code and message apart. */
export function weChatErrorParts(lastError: string | null): { code: string | null; message: string } {
  const match = /^errcode (-?\d+):\s*([\s\S]*)$/.exec(lastError ?? '')
  return match ? { code: match[1], message: match[2] } : { code: null, message: lastError ?? '' }
}
