import { ApiError } from '../../src/api/api-error'
import type { AccountExport } from '../../src/api/account-types'
import { AccountDeletionStore, type AccountDeletionDeps, EXPORT_FILE_NAME } from '../../src/stores/account-deletion-store'
import { accountStrings } from '../../src/strings/account'
import { describeFarmerRemoveError } from '../../src/strings/work'

/* 注销账号 against a fake server: a refusal names the orders still under way (by their number, or
   as an unpaid order) or the money still owed, and nothing signs out; a deletion done signs out
   at once; 导出我的数据 saves the server's JSON as a file and says what was in it. */

const exported: AccountExport = {
  exportedAt: '2026-12-02T01:00:00.000Z',
  profile: { id: 'usr_1', role: 'buyer', name: '陈晓', villageId: null, countyId: null, farmerId: null, wechatLinked: true, createdAt: '2026-11-01T00:00:00.000Z' },
  farmer: null,
  sessions: [{ createdAt: '2026-12-01T00:00:00.000Z', expiresAt: '2026-12-31T00:00:00.000Z', revokedAt: null }],
  orders: [],
  cases: [],
  listings: [],
  photos: [],
  ledger: [],
  payouts: [],
}

function fake(answer: () => Promise<void>) {
  const calls = { deleted: 0, signedOut: 0, saved: [] as Array<{ name: string; text: string; type?: string }> }
  const deps: AccountDeletionDeps = {
    deleteAccount: async () => {
      calls.deleted++
      return answer()
    },
    exportData: async () => exported,
    saveFile: async (name, text, type) => {
      calls.saved.push({ name, text, type })
      return 'saved'
    },
    signOut: () => void calls.signedOut++,
  }
  return { store: new AccountDeletionStore(deps), calls }
}

describe('AccountDeletionStore', () => {
  it('deletes and signs out at once', async () => {
    const { store, calls } = fake(async () => undefined)
    expect(await store.deleteAccount()).toBe(true)
    expect(store.status).toBe('deleted')
    expect(calls).toMatchObject({ deleted: 1, signedOut: 1 })
    // Gone is gone: a second tap sends nothing.
    expect(await store.deleteAccount()).toBe(false)
    expect(calls.deleted).toBe(1)
  })

  it('lists the orders the server names when it refuses, and stays signed in', async () => {
    const orders = [
      { id: 'ord_2', number: '1203-017', status: 'ready_for_pickup' as const, createdAt: '2026-12-02T01:00:00.000Z' },
      { id: 'ord_1', number: null, status: 'pending_payment' as const, createdAt: '2026-12-02T00:30:00.000Z' },
    ]
    const { store, calls } = fake(async () => {
      throw new ApiError(409, 'ACCOUNT_HAS_OPEN_ORDERS', 'finish them', { orders })
    })
    expect(await store.deleteAccount()).toBe(false)
    expect(store.status).toBe('refused')
    expect(store.openOrders).toEqual(orders)
    expect(calls.signedOut).toBe(0)
    expect(store.openOrders.map(accountStrings.openOrder)).toEqual(['订单 1203-017 · 待取货', '未付款订单（2026-12-02 08:30 下单） · 待付款'])
    expect(store.canDelete).toBe(true)
  })

  it('says how much is still owed when money holds the account', async () => {
    const { store } = fake(async () => {
      throw new ApiError(409, 'ACCOUNT_HAS_BALANCE', 'owed', { pendingFen: 6800, payableFen: 0, inFlightFen: 1200 })
    })
    await store.deleteAccount()
    expect(store.owed).toEqual({ pendingFen: 6800, payableFen: 0, inFlightFen: 1200 })
    expect(accountStrings.owed(store.owed!)).toContain('待结算 ¥68.00')
    expect(store.openOrders).toEqual([])
  })

  it('keeps a network failure apart from a refusal, so the page offers to try again', async () => {
    const { store } = fake(async () => {
      throw new ApiError(0, 'NETWORK', 'offline')
    })
    await store.deleteAccount()
    expect(store.status).toBe('failed')
    expect(store.error?.code).toBe('NETWORK')
    expect(store.canDelete).toBe(true)
  })

  it('saves the export as a JSON file and counts what was in it', async () => {
    const { store, calls } = fake(async () => undefined)
    await store.exportMyData()
    expect(calls.saved).toHaveLength(1)
    expect(calls.saved[0]).toMatchObject({ name: EXPORT_FILE_NAME, type: 'application/json;charset=utf-8' })
    expect(JSON.parse(calls.saved[0].text)).toEqual(exported)
    expect(store.exportSummary).toEqual({ orders: 0, listings: 0, cases: 0, photos: 0, ledgerLines: 0, payouts: 0 })
    expect(store.exporting).toBe(false)
  })
})

describe("the cun xiao'er's words when a farmer's record cannot be deleted", () => {
  it('names the open orders, the money owed, or her own account', () => {
    const orders = new ApiError(409, 'ACCOUNT_HAS_OPEN_ORDERS', '', { orders: [{ number: '1203-017' }, { number: null }] })
    expect(describeFarmerRemoveError('张二牛', orders)).toBe('张二牛还有没完成的订单（1203-017、未付款订单），完成或取消后才能删除')
    const owed = new ApiError(409, 'ACCOUNT_HAS_BALANCE', '', { pendingFen: 3200, payableFen: 800, inFlightFen: 0 })
    expect(describeFarmerRemoveError('张二牛', owed)).toBe('还有 ¥40.00 没结给张二牛，转给她后才能删除')
    const account = new ApiError(409, 'CONFLICT', '', { reason: 'farmer.has_account' })
    expect(describeFarmerRemoveError('王建国', account)).toContain('请她在自己手机上')
  })
})
