import { NotificationRefused } from '../../server/integrations/wxpay/notification'
import { WeChatPayError } from '../../server/integrations/wxpay/client'
import { createTransferBillsClient, readTransferNotification, USER_NAME_REQUIRED_FROM_FEN, type TransferScene } from '../../server/integrations/wxpay/transfer-bills'
import { FAKE_APPID, startFakeWeChatPay, type FakeWeChatPay } from './support/fake-wechatpay-server'

/* Transfer bills (商家转账) against a fake WeChat Pay with real keys both ways. */
describe('WeChat Pay transfer bills', () => {
  let fake: FakeWeChatPay
  const notifyUrl = 'https://xiangji.example/api/v1/payouts/wechat/notify'
  const scene: TransferScene = {
    sceneId: '1005',
    reportInfos: [
      { infoType: '岗位类型', infoContent: '农产品供货' },
      { infoType: '报酬说明', infoContent: '2026年11月货款' },
    ],
    perception: '劳务报酬',
  }
  const transfer = { openid: 'o_farmer', amountFen: 12_345, remark: '乡集 11月货款', scene }

  beforeAll(async () => {
    fake = await startFakeWeChatPay()
  })
  afterAll(() => fake.close())

  const client = () => createTransferBillsClient(fake.config('https://unused.example/notify'), notifyUrl)
  const errorOf = (promise: Promise<unknown>) => promise.then(() => null, (e) => e)

  it('creates a bill the payee confirms in WeChat, with the scene, its report and our notify URL', async () => {
    const bill = await client().send({ ...transfer, outBillNo: 'PO1A' })
    expect(bill).toMatchObject({ outBillNo: 'PO1A', state: 'WAIT_USER_CONFIRM', failReason: null })
    expect(bill.packageInfo).toEqual(expect.any(String))
    expect(bill.transferBillNo).toMatch(/^1330/)
    const stored = fake.transfers.bills.get('PO1A')!
    expect(stored).toMatchObject({ openid: 'o_farmer', amountFen: 12_345, remark: '乡集 11月货款', sceneId: '1005', notifyUrl, userName: null })
    expect(stored.reportInfos).toEqual([
      { info_type: '岗位类型', info_content: '农产品供货' },
      { info_type: '报酬说明', info_content: '2026年11月货款' },
    ])
    const request = fake.requests.find((r) => r.path === '/v3/fund-app/mch-transfer/transfer-bills')!
    expect(request.signatureValid).toBe(true)
    expect(JSON.parse(request.body)).toMatchObject({ appid: FAKE_APPID, user_recv_perception: '劳务报酬' })
  })

  it('the same number sent again is the same bill, never a second transfer', async () => {
    const first = await client().send({ ...transfer, outBillNo: 'PO2A' })
    const again = await client().send({ ...transfer, outBillNo: 'PO2A' })
    expect(again.transferBillNo).toBe(first.transferBillNo)
    expect(fake.transfers.createRequests.get('PO2A')).toBe(2)
    expect([...fake.transfers.bills.keys()].filter((k) => k === 'PO2A')).toHaveLength(1)
  })

  it('from 2,000 yuan the payee is named, encrypted with WeChat Pay’s public key', async () => {
    const big = { ...transfer, amountFen: USER_NAME_REQUIRED_FROM_FEN }
    const refused = await errorOf(client().send({ ...big, outBillNo: 'PO3A' }))
    expect(refused).toBeInstanceOf(WeChatPayError)
    expect(refused.kind).toBe('rejected')
    expect(fake.transfers.createRequests.get('PO3A')).toBeUndefined()
    await client().send({ ...big, outBillNo: 'PO3B', userName: '阿依古丽' })
    expect(fake.transfers.bills.get('PO3B')!.userName).toBe('阿依古丽')
    expect(JSON.parse(fake.requests.filter((r) => r.body.includes('PO3B')).at(-1)!.body).user_name).not.toContain('阿依古丽')
  })

  it('an answer lost on the way is found by asking for the bill, not by sending it again', async () => {
    fake.slowDown('/v3/fund-app/mch-transfer/transfer-bills', 2500)
    const lost = await errorOf(client().send({ ...transfer, outBillNo: 'PO4A' }))
    expect(lost).toMatchObject({ kind: 'transient' })
    expect(await client().query('PO4A')).toMatchObject({ outBillNo: 'PO4A', state: 'WAIT_USER_CONFIRM' })
    expect(await client().query('PO4NEVER')).toBeNull()
  })

  it('the end of a bill comes as a verified notification, the same however often it is replayed', async () => {
    await client().send({ ...transfer, outBillNo: 'PO5A' })
    const notice = fake.transfers.confirm('PO5A')
    const config = fake.config('https://unused.example/notify')
    const read = readTransferNotification(config, notice.headers, notice.body, new Date())
    expect(read).toMatchObject({ outBillNo: 'PO5A', state: 'SUCCESS', amountFen: 12_345, mchid: '1900000109', eventType: 'MCHTRANSFER.BILL.FINISHED' })
    const replay = fake.transfers.notification('PO5A')
    expect(readTransferNotification(config, replay.headers, replay.body, new Date())).toMatchObject({ outBillNo: 'PO5A', state: 'SUCCESS' })
    expect(await client().query('PO5A')).toMatchObject({ state: 'SUCCESS' })
    const forged = replay.body.replace('"resource"', '"resource" ')
    expect(() => readTransferNotification(config, replay.headers, forged, new Date())).toThrow(NotificationRefused)
  })

  it('failed and unconfirmed bills end FAIL and CANCELLED; an unconfirmed bill can be withdrawn once', async () => {
    await client().send({ ...transfer, outBillNo: 'PO6A' })
    await client().send({ ...transfer, outBillNo: 'PO6B' })
    await client().send({ ...transfer, outBillNo: 'PO6C' })
    const config = fake.config('https://unused.example/notify')
    const failed = fake.transfers.fail('PO6A')
    expect(readTransferNotification(config, failed.headers, failed.body, new Date())).toMatchObject({ state: 'FAIL', failReason: 'ACCOUNT_FROZEN' })
    const expired = fake.transfers.expire('PO6B')
    expect(readTransferNotification(config, expired.headers, expired.body, new Date())).toMatchObject({ state: 'CANCELLED' })
    expect(await client().cancel('PO6C')).toMatchObject({ state: 'CANCELING' })
    expect(await client().query('PO6C')).toMatchObject({ state: 'CANCELLED' })
    expect(await errorOf(client().cancel('PO6C'))).toMatchObject({ kind: 'rejected', status: 400 })
  })
})
