import { ApiError } from '../../src/api/api-error'
import type { Payout, PayoutRun } from '../../src/api/county-money-types'
import { PayoutRunsStore } from '../../src/stores/payout-runs-store'
import { describeOfflineProblem, describeRunProblem, weChatErrorParts } from '../../src/strings/county-money'

/* 转账批次 against a fake server: a run drawn up by 高志强 is never offered to him for approval,
   and the server's 403 (the four-eyes rule) reads as the same hint; 李春梅 approves or rejects it;
   a cash payout's reference is checked as the server checks it before it leaves the phone. */

const GAO = 'usr_gao'
const LI = 'usr_li'

const payout = (overrides: Partial<Payout> = {}): Payout => ({
  id: 'pout_wang',
  runId: 'prun_1',
  payeeKind: 'farmer',
  payeeId: 'frm_wang',
  payeeName: '王建国',
  amountFen: 12800,
  status: 'drafted',
  method: 'wechat',
  transferBillNo: null,
  packageInfo: null,
  failReason: null,
  offlineReference: null,
  recordedBy: null,
  approvedBy: null,
  createdAt: '2026-12-01T02:00:00.000Z',
  updatedAt: '2026-12-01T02:00:00.000Z',
  endedAt: null,
  ...overrides,
})

const run = (overrides: Partial<PayoutRun> = {}): PayoutRun => ({
  id: 'prun_1',
  status: 'awaiting_approval',
  totalFen: 12800,
  payeeCount: 1,
  createdBy: GAO,
  createdByName: '县小二 高志强',
  decidedBy: null,
  decidedByName: null,
  decidedAt: null,
  createdAt: '2026-12-01T02:00:00.000Z',
  payouts: [payout()],
  ...overrides,
})

function setup(viewerId: string, runs: PayoutRun[]) {
  const calls: string[] = []
  let list = runs
  let refusal: ApiError | null = null
  const refusing = () => {
    const error = refusal
    refusal = null
    if (error) throw error
  }
  const store = new PayoutRunsStore(
    {
      fetchRuns: async () => ({ items: list }),
      draft: async () => {
        calls.push('draft')
        refusing()
        const drawn = run({ id: 'prun_2' })
        list = [drawn, ...list]
        return drawn
      },
      approve: async (id) => {
        calls.push(`approve ${id}`)
        refusing()
        list = list.map((r) => (r.id === id ? { ...r, status: 'approved', decidedBy: viewerId, decidedByName: '县小二 李春梅', payouts: r.payouts.map((p) => ({ ...p, status: 'sending' })) } : r))
        return list.find((r) => r.id === id)!
      },
      reject: async (id) => {
        calls.push(`reject ${id}`)
        refusing()
        list = list.map((r) => (r.id === id ? { ...r, status: 'rejected', decidedBy: viewerId, payouts: r.payouts.map((p) => ({ ...p, status: 'withdrawn' })) } : r))
        return list.find((r) => r.id === id)!
      },
      recordOffline: async (id, reference) => {
        calls.push(`record ${id} ${reference}`)
        refusing()
        return { ...list.flatMap((r) => r.payouts).find((p) => p.id === id)!, status: 'awaiting_offline_approval', offlineReference: reference, recordedBy: viewerId }
      },
      approveOffline: async (id) => {
        calls.push(`confirm ${id}`)
        refusing()
        return { ...list.flatMap((r) => r.payouts).find((p) => p.id === id)!, status: 'paid', approvedBy: viewerId }
      },
    },
    viewerId,
  )
  return { store, calls, refuse: (error: ApiError) => (refusal = error), setList: (next: PayoutRun[]) => (list = next) }
}

describe('PayoutRunsStore', () => {
  it('draws up a run, which then waits for a second clerk', async () => {
    const { store, calls } = setup(GAO, [])
    await store.load()
    expect(await store.draft()).toBe(true)
    expect(calls).toEqual(['draft'])
    expect(store.waiting?.id).toBe('prun_2')
    expect(store.canApprove(store.waiting!)).toBe(false)
  })

  it('says so when nobody is owed, or when a run already waits (and shows that run)', async () => {
    const { store, refuse, setList } = setup(GAO, [])
    await store.load()
    refuse(new ApiError(409, 'CONFLICT', 'nobody owed', { reason: 'payout.nothing_owed' }))
    expect(await store.draft()).toBe(false)
    expect(describeRunProblem(store.draftProblem!)).toBe('没有可转账的款项')

    setList([run({ createdBy: LI })])
    refuse(new ApiError(409, 'CONFLICT', 'a run waits', { reason: 'payout.run_waiting', runId: 'prun_1' }))
    expect(await store.draft()).toBe(false)
    expect(describeRunProblem(store.draftProblem!)).toBe('还有一个批次等待批准，请先批准或驳回它')
    expect(store.waiting?.id).toBe('prun_1')
  })

  it('never sends the approval of one’s own run: the hint says a second clerk approves it', async () => {
    const { store, calls } = setup(GAO, [run()])
    await store.load()
    expect(await store.approve('prun_1')).toBe(false)
    expect(calls).toEqual([])
    expect(describeRunProblem(store.runProblemOf('prun_1')!)).toBe('需另一位县小二批准')
    expect(store.items[0].status).toBe('awaiting_approval')
  })

  it('reads the server’s 403 for one’s own run as the same hint, and keeps the run on screen', async () => {
    // The page believed someone else drew it up (a list read before a sign-in switch): the server has the last word.
    const { store, refuse } = setup(LI, [run({ createdBy: 'usr_someone_else' })])
    await store.load()
    refuse(new ApiError(403, 'FORBIDDEN', 'A second clerk approves what the first drew up'))
    expect(await store.approve('prun_1')).toBe(false)
    expect(describeRunProblem(store.runProblemOf('prun_1')!)).toBe('需另一位县小二批准')
    expect(store.items.map((r) => r.id)).toEqual(['prun_1'])
    expect(store.busy).toBeNull()
  })

  it('a second clerk approves: the run and its payouts as the server answered', async () => {
    const { store, calls } = setup(LI, [run()])
    await store.load()
    expect(store.canApprove(store.items[0])).toBe(true)
    expect(await store.approve('prun_1')).toBe(true)
    expect(calls).toEqual(['approve prun_1'])
    expect(store.items[0]).toMatchObject({ status: 'approved', decidedByName: '县小二 李春梅' })
    expect(store.items[0].payouts[0].status).toBe('sending')
    expect(store.waiting).toBeNull()
  })

  it('rejects a run; one decided by the other clerk meanwhile is read again', async () => {
    const { store, refuse, setList } = setup(LI, [run()])
    await store.load()
    expect(await store.reject('prun_1')).toBe(true)
    expect(store.items[0].status).toBe('rejected')

    setList([run({ id: 'prun_3', status: 'approved', decidedBy: 'usr_third' })])
    store.items = [run({ id: 'prun_3' })]
    refuse(new ApiError(409, 'INVALID_TRANSITION', 'decided meanwhile'))
    expect(await store.reject('prun_3')).toBe(false)
    expect(describeRunProblem(store.runProblemOf('prun_3')!)).toBe('已经被另一位县小二处理了，已刷新')
    expect(store.items[0].status).toBe('approved')
  })

  it('checks a cash payout’s reference before sending it, and sends it trimmed', async () => {
    const cash = payout({ id: 'pout_li', payeeName: '李秀英', method: 'offline', status: 'to_hand_over' })
    const { store, calls } = setup(GAO, [run({ status: 'approved', decidedBy: LI, payouts: [cash] })])
    await store.load()
    for (const [typed, expected] of [
      ['   ', '请填写付款凭据（现金收据号或银行流水号）'],
      ['收'.repeat(101), '付款凭据不能超过 100 个字'],
      ['收据\n0012', '付款凭据里有无法识别的字符，请重新输入'],
    ]) {
      expect(await store.recordOffline('pout_li', typed)).toBe(false)
      expect(describeOfflineProblem(store.payoutProblemOf('pout_li')!)).toBe(expected)
    }
    expect(calls).toEqual([])
    expect(await store.recordOffline('pout_li', ' 现金 收据0012 ')).toBe(true)
    expect(calls).toEqual(['record pout_li 现金 收据0012'])
    expect(store.payoutProblemOf('pout_li')).toBeNull()
    const recorded = store.items[0].payouts[0]
    expect(recorded).toMatchObject({ status: 'awaiting_offline_approval', offlineReference: '现金 收据0012' })
    // The clerk who recorded it is not the one who confirms it.
    expect(store.canConfirm(recorded)).toBe(false)
    expect(await store.approveOffline('pout_li')).toBe(false)
    expect(describeOfflineProblem(store.payoutProblemOf('pout_li')!)).toBe('需另一位县小二确认')
    expect(calls).toHaveLength(1)
  })

  it('a second clerk confirms the cash payout; the server’s 403 reads as the hint', async () => {
    const recorded = payout({ id: 'pout_li', method: 'offline', status: 'awaiting_offline_approval', offlineReference: '收据0012', recordedBy: GAO })
    const { store, refuse } = setup(LI, [run({ status: 'approved', payouts: [recorded] })])
    await store.load()
    expect(store.canConfirm(store.items[0].payouts[0])).toBe(true)
    refuse(new ApiError(403, 'FORBIDDEN', 'same clerk'))
    expect(await store.approveOffline('pout_li')).toBe(false)
    expect(describeOfflineProblem(store.payoutProblemOf('pout_li')!)).toBe('需另一位县小二确认')
    expect(await store.approveOffline('pout_li')).toBe(true)
    expect(store.items[0].payouts[0].status).toBe('paid')
  })
})

describe('weChatErrorParts', () => {
  it('splits WeChat’s code from its message, and keeps anything else whole', () => {
    expect(weChatErrorParts('errcode 10060004: order not found')).toEqual({ code: '10060004', message: 'order not found' })
    expect(weChatErrorParts('errcode -1: system error')).toEqual({ code: '-1', message: 'system error' })
    expect(weChatErrorParts('the buyer has no WeChat account')).toEqual({ code: null, message: 'the buyer has no WeChat account' })
    expect(weChatErrorParts(null)).toEqual({ code: null, message: '' })
  })
})
