import { ApiError } from '../../src/api/api-error'
import type { DeskOrder, PickupVerifyInput } from '../../src/api/parcel-types'
import { pickupQrText } from '../../src/domain/pickup-qr'
import { PickupDeskStore } from '../../src/stores/pickup-desk-store'
import { describeDeskProblem } from '../../src/strings/county'

/* The county center's desk: the buyer's QR code or six typed digits go to the server, which
   hands the order over once; what comes back is what to give the buyer. Anything that is not
   our QR code or not six digits never leaves the phone, and each refusal reads as what to do. */

const ORDER = 'ord_4f2k9c'
const CODE = '482913'

const deskOrder: DeskOrder = {
  id: ORDER,
  number: '1203-017',
  status: 'picked_up',
  buyer: { id: 'usr_chen', name: '陈晓（呼和浩特）' },
  lines: [{ listingId: 'lst_a', title: '草原羔羊肉 羊排', quantity: 2, unit: 'jin' }],
  parcels: [],
  totalFen: 14400,
  paidAt: '2026-11-28T02:00:00.000Z',
}

function setup(scans: (string | null | Error)[] = []) {
  const sent: PickupVerifyInput[] = []
  let refusal: ApiError | null = null
  const store = new PickupDeskStore({
    verify: async (input) => {
      sent.push(input)
      if (refusal) throw refusal
      if (input.code !== CODE || (input.orderId && input.orderId !== ORDER)) throw new ApiError(404, 'NOT_FOUND', 'no order at this center is waiting with that code')
      return deskOrder
    },
    scanCode: async () => {
      const next = scans.shift() ?? null
      if (next instanceof Error) throw next
      return next
    },
  })
  return { store, sent, refuse: (error: ApiError) => (refusal = error) }
}

const problemText = (store: PickupDeskStore) => describeDeskProblem(store.problem!, store.waitMinutes)

describe('PickupDeskStore', () => {
  it('hands over by the QR code: order id and code to the server, the order back, 完成 for the next', async () => {
    const { store, sent } = setup([pickupQrText(ORDER, CODE)])
    expect(await store.scan()).toBe(true)
    expect(sent).toEqual([{ orderId: ORDER, code: CODE }])
    expect(store.handover?.lines).toEqual(deskOrder.lines)
    expect(store.busy).toBe(false)
    store.finish()
    expect(store.handover).toBeNull()
    expect(store.problem).toBeNull()
  })

  it('hands over by the six typed digits', async () => {
    const { store, sent } = setup()
    expect(await store.verifyTyped(` ${CODE} `)).toBe(true)
    expect(sent).toEqual([{ code: CODE }])
    expect(store.handover?.buyer.name).toBe('陈晓（呼和浩特）')
  })

  it('sends nothing for a closed scanner, a QR code that is not ours, or not six digits', async () => {
    const { store, sent } = setup([null, 'https://u.wechat.com/contact', `XJPICKUP:2:${ORDER}:${CODE}`])
    expect(await store.scan()).toBe(false)
    expect(store.problem).toBeNull()
    expect(await store.scan()).toBe(false)
    expect(problemText(store)).toContain('不是乡集的取货二维码')
    expect(await store.scan()).toBe(false)
    expect(store.problem).toEqual({ kind: 'not-pickup-qr' })
    for (const typed of ['', '48291', '4829130', '48291a']) {
      expect(await store.verifyTyped(typed)).toBe(false)
      expect(problemText(store)).toBe('请输入 6 位数字的取货码')
    }
    expect(sent).toEqual([])
    expect(store.busy).toBe(false)
  })

  it('explains each refusal of the server in Chinese', async () => {
    const { store, refuse } = setup()
    await store.verifyTyped('000000')
    expect(problemText(store)).toContain('取货码不对')

    refuse(new ApiError(409, 'NOT_READY', 'not all arrived', { orderId: ORDER }))
    await store.verifyTyped(CODE)
    expect(problemText(store)).toContain('还没有全部到县城服务中心')

    refuse(new ApiError(409, 'INVALID_TRANSITION', 'already picked up'))
    await store.verifyTyped(CODE)
    expect(problemText(store)).toContain('已经取过货了')

    refuse(new ApiError(429, 'RATE_LIMITED', 'too many wrong codes', { retryAfterSeconds: 900 }))
    await store.verifyTyped(CODE)
    expect(store.waitMinutes).toBe(15)
    expect(problemText(store)).toBe('取货码输错太多次，请等 15 分钟再试')

    refuse(new ApiError(429, 'RATE_LIMITED', 'too many wrong codes', { retryAfterSeconds: 61 }))
    await store.verifyTyped(CODE)
    expect(store.waitMinutes).toBe(2)

    // The center's limit: typing is shut, scanning the buyer's QR code still hands over.
    refuse(new ApiError(429, 'RATE_LIMITED', 'too many wrong codes', { retryAfterSeconds: 600, scope: 'center' }))
    await store.verifyTyped(CODE)
    expect(problemText(store)).toBe('本服务中心取货码输错太多次，10 分钟内不能手输取货码。请扫买家的取货二维码取货')

    refuse(new ApiError(0, 'NETWORK', 'request:fail'))
    await store.verifyTyped(CODE)
    expect(problemText(store)).toContain('网络')
    expect(store.handover).toBeNull()
  })

  it('says when the camera failed, and takes the next try', async () => {
    const { store } = setup([new ApiError(0, 'SCAN_FAILED', 'scanCode:fail camera'), pickupQrText(ORDER, CODE)])
    expect(await store.scan()).toBe(false)
    expect(problemText(store)).toContain('扫码没有成功')
    expect(await store.scan()).toBe(true)
    expect(store.problem).toBeNull()
  })
})
