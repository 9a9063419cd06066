/* The words of after-sale cases (售后), for the buyer's order page and the county's desk and case
   list: a file of its own so only those two subpackages carry them. */
import type { AfterSaleCase } from '../api/case-types'
import type { CaseDecisionProblem, CaseReportProblem } from '../api/problems'
import { CASE_KIND_LABELS, CASE_REPORT_WINDOW_HOURS, type CaseKind } from '../domain/after-sale'
import { formatYuan } from '../domain/money'
import type { CaseFault } from '../domain/order-ledger'
import type { YuanParseRefusal } from '../domain/money'
import { describeError } from './format'

export const afterSaleStrings = {
  report: '申请售后',
  record: '登记问题',
  kindTitle: '问题类型',
  noteTitle: '说明（选填）',
  notePlaceholder: '例如：称了只有 1.5 斤',
  addPhoto: '拍照或选图',
  photos: (count: number, max: number) => `照片 ${count}/${max}`,
  submit: '提交',
  submitting: '提交中…',
  cancel: '取消',
  reported: '已提交，县城服务中心会尽快处理',
  recorded: '已登记',
  casesTitle: '售后',
  window: (hours: number) => `取货后 ${hours} 小时内可以申请售后`,
  status: { reported: '处理中', refunded: '已退款', declined: '不退款' } as const,
  refunded: (amount: string) => `退款 ${amount}`,
  refundPending: (amount: string) => `退款 ${amount} 处理中，一般 1–3 天到账`,
  declined: (reason: string) => `不退款：${reason}`,
  byDesk: '服务中心登记',
  // The county's case list.
  pageTitle: '售后处理',
  empty: '没有售后申请',
  emptyHint: '买家取货后 24 小时内申请的售后、核销时登记的问题都会出现在这里',
  openTitle: (count: number) => `待处理（${count}）`,
  decidedTitle: '已处理',
  line: (title: string, quantity: string, total: string) => `${title} × ${quantity} · ${total}`,
  buyer: (name: string) => `买家：${name}`,
  refundable: (amount: string) => `最多可退 ${amount}`,
  refundLabel: '退款（元）',
  refundAction: '退款',
  // Who bears a refund: the farmer's goods (her share pays it) or the transport (the county pays).
  fault: { farmer: '农户责任', transport: '运输责任' } as Record<CaseFault, string>,
  faultHint: { farmer: '退款从农户货款中扣除', transport: '退款由县里承担，不扣农户货款' } as Record<CaseFault, string>,
  declineLabel: '不退款理由',
  declineAction: '不退款',
  decided: '已处理',
  problems: {
    noKind: '请选择问题类型',
    noteTooLong: '说明太长了，请控制在 500 字以内',
    windowClosed: `取货已超过 ${CASE_REPORT_WINDOW_HOURS} 小时，不能再申请售后`,
    notPickedUp: '取货后才能申请售后',
    notAtDesk: '订单到服务中心后才能登记问题',
    photoNotYours: '照片没有上传成功，请重新选择',
    amount: { 'money.empty': '请输入退款金额', 'money.invalid_format': '请输入金额，例如 12.50', 'money.too_many_decimals': '金额最多两位小数', 'money.too_large': '金额太大了' } as Record<YuanParseRefusal, string>,
    zero: '退款金额要大于 0；不退款请选“不退款”并写明理由',
    tooLarge: (amount: string) => `这一项最多还能退 ${amount}`,
    noReason: '请写明不退款的理由',
    alreadyDecided: '这个售后已经处理过了',
  },
}

export const caseKindLabel = (kind: CaseKind): string => CASE_KIND_LABELS[kind] ?? kind

/** '已退款 · 退款 ¥34.00', '不退款：称重无误', '处理中'. */
export function caseOutcome(item: AfterSaleCase): string {
  const s = afterSaleStrings
  if (item.status === 'refunded' && item.refundFen !== null) {
    return item.refund?.status === 'pending' ? s.refundPending(formatYuan(item.refundFen)) : s.refunded(formatYuan(item.refundFen))
  }
  if (item.status === 'declined') return s.declined(item.declineReason ?? '')
  return s.status.reported
}

export function describeCaseProblem(problem: CaseReportProblem): string {
  const p = afterSaleStrings.problems
  if (problem.kind === 'no-kind') return p.noKind
  if (problem.kind === 'note-too-long') return p.noteTooLong
  const reason = problem.error.details?.reason
  if (reason === 'case.window_closed') return p.windowClosed
  if (reason === 'case.not_picked_up') return p.notPickedUp
  if (reason === 'case.not_at_desk') return p.notAtDesk
  if (problem.error.code === 'VALIDATION_FAILED' && problem.error.details?.photoIds) return p.photoNotYours
  return describeError(problem.error)
}

export function describeDecisionProblem(problem: CaseDecisionProblem): string {
  const p = afterSaleStrings.problems
  if (problem.kind === 'amount') return p.amount[problem.reason]
  if (problem.kind === 'zero') return p.zero
  if (problem.kind === 'too-large') return p.tooLarge(formatYuan(problem.refundableFen))
  if (problem.kind === 'no-reason') return p.noReason
  const { error } = problem
  if (error.code === 'REFUND_TOO_LARGE' && typeof error.details?.refundableFen === 'number') return p.tooLarge(formatYuan(error.details.refundableFen))
  if (error.code === 'INVALID_TRANSITION') return p.alreadyDecided
  return describeError(error)
}
