import { ApiError } from '../../src/api/api-error'
import type { MyPayouts, Payout, Statement } from '../../src/api/income-types'
import { IncomeStore, statementGroups, type IncomeDeps, type TransferToConfirm } from '../../src/stores/income-store'
import { openWeChatSheet } from '../../src/stores/wechat-call'
import { incomeStrings, signedYuan } from '../../src/strings/income'

/* 我的收入's store against a fake server and a fake WeChat: months switch without showing one
   month's figures as another's, a failed read keeps its error until the next, and 确认收款 opens
   WeChat's sheet with the server's mchId, appId and package: accepted, everything is read again;
   cancelled or failed, a message and nothing lost (the transfer still waits, the figures stay). */

const flush = () => new Promise((resolve) => setImmediate(resolve))

function statementOf(month: string, payableFen = 11400): Statement {
  return {
    month,
    payableFen,
    pendingFen: 6000,
    inFlightFen: 0,
    paidOutFen: 0,
    monthTotals: { sale: 13600, commission: -680, after_sale: -1200, refund: 0, payout: 0, payout_returned: 0 },
    lines: [
      { at: `${month}-02T04:00:00.000Z`, kind: 'sale', orderId: 'ord_1', orderNumber: '1203-017', payoutId: null, amountFen: 13600 },
      { at: `${month}-03T04:00:00.000Z`, kind: 'commission', orderId: 'ord_1', orderNumber: '1203-017', payoutId: null, amountFen: -680 },
      { at: `${month}-04T04:00:00.000Z`, kind: 'after_sale', orderId: 'ord_1', orderNumber: '1203-017', payoutId: null, amountFen: -1200 },
    ],
  }
}

const payout = (status: Payout['status'], packageInfo: string | null = null): Payout => ({
  id: `pout_${status}`,
  runId: 'prun_1',
  payeeKind: 'farmer',
  payeeId: 'frm_1',
  payeeName: '王建国',
  amountFen: 11400,
  status,
  method: 'wechat',
  transferBillNo: '1330abc',
  packageInfo,
  failReason: null,
  offlineReference: null,
  recordedBy: null,
  approvedBy: 'usr_li',
  createdAt: '2026-12-01T02:00:00.000Z',
  updatedAt: '2026-12-01T02:00:00.000Z',
  endedAt: null,
})

/** A server whose payouts change when WeChat Pay's notification lands (`paid()`). */
function fakeServer() {
  const server = {
    statements: [] as string[],
    payoutReads: 0,
    payouts: [payout('awaiting_confirmation', 'ABBQO+package')],
    paid() {
      server.payouts = [{ ...payout('paid'), endedAt: '2026-12-01T03:00:00.000Z' }]
    },
    fetchStatement: async (month: string) => (server.statements.push(month), statementOf(month, server.payouts[0].status === 'paid' ? 0 : 11400)),
    fetchPayouts: async (): Promise<MyPayouts> => (server.payoutReads++, { items: server.payouts, mchId: '1900000109', appId: 'wx-xiangji' }),
  }
  return server
}

/** WeChat's sheet as wx.requestMerchantTransfer answers it, through the same wrapper the app uses. */
function fakeWeChat(answer: (transfer: TransferToConfirm, callbacks: { success: (r: object) => void; fail: (e: { errMsg: string }) => void }) => void) {
  const opened: TransferToConfirm[] = []
  const confirmTransfer: IncomeDeps['confirmTransfer'] = (transfer) =>
    openWeChatSheet('TRANSFER_CONFIRM_FAILED', (callbacks) => {
      opened.push(transfer)
      answer(transfer, callbacks)
    }).then((result) => (result === 'cancelled' ? 'cancelled' : 'confirmed'))
  return { opened, confirmTransfer }
}

const storeWith = (server: ReturnType<typeof fakeServer>, confirmTransfer: IncomeDeps['confirmTransfer']) =>
  new IncomeStore({ fetchStatement: server.fetchStatement, fetchPayouts: server.fetchPayouts, confirmTransfer, thisMonth: () => '2026-12' })

describe('IncomeStore', () => {
  it('reads this month’s statement and the payouts, and groups the lines by kind with the server’s totals', async () => {
    const server = fakeServer()
    const store = storeWith(server, null)
    expect(store.statement.status).toBe('idle')
    const loading = store.load()
    expect(store.statement.status).toBe('loading')
    await loading
    expect(store.statement.value?.payableFen).toBe(11400)
    expect(store.groups.map((g) => [g.kind, g.totalFen, g.lines.map((l) => l.orderNumber)])).toEqual([
      ['sale', 13600, ['1203-017']],
      ['commission', -680, ['1203-017']],
      ['after_sale', -1200, ['1203-017']],
    ])
    expect(store.awaitingConfirmation?.packageInfo).toBe('ABBQO+package')
    // No WeChat here (H5): the page says to confirm in the mini-program instead of showing a button.
    expect(store.canConfirmHere).toBe(false)
    await store.confirm(store.awaitingConfirmation!)
    expect(store.confirmStatus).toBe('unsupported')
    expect(signedYuan(13600)).toBe('+¥136.00')
    expect(signedYuan(-680)).toBe('-¥6.80')
  })

  it('switches months without showing the last month’s figures as this one’s, and never goes ahead', async () => {
    const server = fakeServer()
    const store = storeWith(server, null)
    await store.load()
    expect(store.statement.canGoForward).toBe(false)
    const previous = store.statement.previousMonth()
    expect(store.statement.value).toBeNull()
    expect(store.groups).toEqual([])
    await previous
    expect(store.statement.value?.month).toBe('2026-11')
    expect(store.groups[0].lines[0].at.startsWith('2026-11')).toBe(true)
    await store.statement.nextMonth()
    await store.statement.nextMonth()
    expect(server.statements).toEqual(['2026-12', '2026-11', '2026-12'])
  })

  it('keeps a failed read’s error until the next read succeeds', async () => {
    let failing = true
    const store = new IncomeStore({
      fetchStatement: async (month) => {
        if (failing) throw new ApiError(503, 'DATABASE_UNAVAILABLE', 'away')
        return statementOf(month)
      },
      confirmTransfer: null,
      thisMonth: () => '2026-12',
    })
    await store.load()
    expect(store.statement.status).toBe('failed')
    expect(store.statement.error?.code).toBe('DATABASE_UNAVAILABLE')
    // A store given no payouts to read reads none.
    expect(store.payoutsStatus).toBe('idle')
    failing = false
    await store.load()
    expect(store.statement.error).toBeNull()
    expect(store.statement.value?.month).toBe('2026-12')
  })

  it('confirms in WeChat with the server’s mchId, appId and package, then reads everything again', async () => {
    const server = fakeServer()
    const wechat = fakeWeChat((_transfer, { success }) => {
      // WeChat Pay tells the server before the sheet closes (its notification).
      server.paid()
      setTimeout(() => success({ errMsg: 'requestMerchantTransfer:ok' }), 0)
    })
    const store = storeWith(server, wechat.confirmTransfer)
    await store.load()
    expect(store.canConfirmHere).toBe(true)
    const confirming = store.confirm(store.awaitingConfirmation!)
    expect(store.confirmStatus).toBe('confirming')
    await confirming
    expect(wechat.opened).toEqual([{ mchId: '1900000109', appId: 'wx-xiangji', package: 'ABBQO+package' }])
    expect(store.confirmStatus).toBe('confirmed')
    expect(server.payoutReads).toBe(2)
    expect(server.statements).toEqual(['2026-12', '2026-12'])
    expect(store.awaitingConfirmation).toBeNull()
    expect(store.payouts[0].status).toBe('paid')
    expect(store.statement.value?.payableFen).toBe(0)
  })

  it('an accepted transfer the server has not heard of yet is not offered again', async () => {
    const server = fakeServer()
    // WeChat Pay's notification is late: the server still says awaiting_confirmation.
    const wechat = fakeWeChat((_transfer, { success }) => setTimeout(() => success({ errMsg: 'requestMerchantTransfer:ok' }), 0))
    const store = storeWith(server, wechat.confirmTransfer)
    await store.load()
    await store.confirm(store.awaitingConfirmation!)
    expect(store.confirmStatus).toBe('confirmed')
    expect(server.payoutReads).toBe(2)
    expect(store.payouts[0].status).toBe('awaiting_confirmation')
    expect(store.awaitingConfirmation).toBeNull()
    expect(server.statements).toEqual(['2026-12', '2026-12'])
  })

  it('a closed sheet or WeChat’s failure says so, loses nothing, and the button works again', async () => {
    const server = fakeServer()
    const answers = ['requestMerchantTransfer:fail cancel', 'requestMerchantTransfer:fail system error']
    const wechat = fakeWeChat((_transfer, { fail }) => setTimeout(() => fail({ errMsg: answers.shift()! }), 0))
    const store = storeWith(server, wechat.confirmTransfer)
    await store.load()
    const waiting = store.awaitingConfirmation!

    await store.confirm(waiting)
    expect(store.confirmStatus).toBe('cancelled')
    expect(store.confirmError).toBeNull()
    expect(store.awaitingConfirmation?.id).toBe(waiting.id)
    expect(store.statement.value?.payableFen).toBe(11400)

    await store.confirm(waiting)
    expect(store.confirmStatus).toBe('failed')
    expect(store.confirmError).toMatchObject({ code: 'TRANSFER_CONFIRM_FAILED', message: 'requestMerchantTransfer:fail system error' })
    expect(store.awaitingConfirmation?.id).toBe(waiting.id)
    // Nothing was read again: no confirm happened, and the figures shown still stand.
    expect(server.payoutReads).toBe(1)
    expect(incomeStrings.confirm.failed).toContain('钱没有丢')
    expect(wechat.opened).toHaveLength(2)
  })

  it('a second tap while WeChat’s sheet is open opens nothing more', async () => {
    const server = fakeServer()
    let close: () => void = () => {}
    const wechat = fakeWeChat((_transfer, { fail }) => void (close = () => fail({ errMsg: 'requestMerchantTransfer:fail cancel' })))
    const store = storeWith(server, wechat.confirmTransfer)
    await store.load()
    const first = store.confirm(store.awaitingConfirmation!)
    await store.confirm(store.awaitingConfirmation!)
    close()
    await first
    await flush()
    expect(wechat.opened).toHaveLength(1)
    expect(store.confirmStatus).toBe('cancelled')
  })

  it('leaves out kinds with no line and keeps the kinds in reading order', () => {
    const statement = statementOf('2026-12')
    statement.lines = [
      { at: '2026-12-09T00:00:00.000Z', kind: 'payout', orderId: null, orderNumber: null, payoutId: 'pout_1', amountFen: -11400 },
      { at: '2026-12-01T00:00:00.000Z', kind: 'sale', orderId: 'ord_2', orderNumber: '1201-003', payoutId: null, amountFen: 5000 },
    ]
    expect(statementGroups(statement).map((g) => g.kind)).toEqual(['sale', 'payout'])
  })
})
