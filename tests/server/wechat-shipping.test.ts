import { createShippingUploader, ITEM_DESC_MAX } from '../../server/integrations/wechat-shipping'
import type { WeChatConfig } from '../../server/config'
import { startFakeWeChat, type FakeWeChat } from './support/fake-wechat'

/* The shipping upload against a fake api.weixin.qq.com that checks every field as WeChat does. */
describe('uploading shipping information to WeChat', () => {
  let wechat: FakeWeChat
  let config: WeChatConfig
  const at = new Date('2026-03-01T16:30:00.000Z')

  beforeEach(async () => {
    wechat = await startFakeWeChat()
    config = { appId: wechat.appId, appSecret: wechat.appSecret, apiBase: wechat.baseUrl, timeoutMs: 2000, pickupTemplateId: '', saleTemplateId: '' }
  })
  afterEach(() => wechat.close())

  it('sends a self-pickup, unified delivery with one item description, China time and the payer', async () => {
    const uploader = createShippingUploader(config, () => at)
    const outcome = await uploader.uploadSelfPickup({ orderKey: { transactionId: '4200000001' }, itemDesc: '手抓羊肉 2斤 等 3 件', payerOpenid: 'o_buyer', uploadedAt: at })
    expect(outcome).toEqual({ ok: true, alreadyShipped: false })
    expect(wechat.shippingUploads).toEqual([
      {
        order_key: { order_number_type: 2, transaction_id: '4200000001' },
        logistics_type: 4,
        delivery_mode: 1,
        shipping_list: [{ item_desc: '手抓羊肉 2斤 等 3 件' }],
        upload_time: '2026-03-02T00:30:00+08:00',
        payer: { openid: 'o_buyer' },
      },
    ])
  })

  it('names the order by merchant and out_trade_no when there is no transaction id, and cuts a long description', async () => {
    const uploader = createShippingUploader(config)
    const long = '奶'.repeat(ITEM_DESC_MAX + 30)
    expect(await uploader.uploadSelfPickup({ orderKey: { mchid: '1900000109', outTradeNo: 'XJ20260301A' }, itemDesc: long, payerOpenid: 'o_buyer', uploadedAt: at })).toEqual({ ok: true, alreadyShipped: false })
    const [sent] = wechat.shippingUploads
    expect(sent.order_key).toEqual({ order_number_type: 1, mchid: '1900000109', out_trade_no: 'XJ20260301A' })
    expect([...sent.shipping_list[0].item_desc!]).toHaveLength(ITEM_DESC_MAX)
  })

  it('a busy WeChat is a failure to try again; a malformed upload is permanent', async () => {
    const uploader = createShippingUploader(config)
    wechat.failShipping(1, -1)
    const upload = { orderKey: { transactionId: '4200000002' }, itemDesc: '小米', payerOpenid: 'o_buyer', uploadedAt: at }
    expect(await uploader.uploadSelfPickup(upload)).toEqual({ ok: false, permanent: false, errcode: -1, reason: 'errcode -1: system error' })
    expect(await uploader.uploadSelfPickup(upload)).toEqual({ ok: true, alreadyShipped: false })
    const refused = await uploader.uploadSelfPickup({ ...upload, orderKey: { transactionId: '' } })
    expect(refused).toMatchObject({ ok: false, permanent: true, errcode: 268485195 })
  })

  it('an order WeChat already has is done, not an error', async () => {
    const uploader = createShippingUploader(config)
    const upload = { orderKey: { transactionId: '4200000003' }, itemDesc: '小米', payerOpenid: 'o_buyer', uploadedAt: at }
    await uploader.uploadSelfPickup(upload)
    await uploader.uploadSelfPickup(upload)
    expect(await uploader.uploadSelfPickup(upload)).toEqual({ ok: true, alreadyShipped: true })
    expect(wechat.shippingUploads).toHaveLength(2)
  })

  it('WeChat out of reach is a failure to try again', async () => {
    await wechat.close()
    const uploader = createShippingUploader({ ...config, timeoutMs: 500 })
    const outcome = await uploader.uploadSelfPickup({ orderKey: { transactionId: '4200000004' }, itemDesc: '小米', payerOpenid: 'o_buyer', uploadedAt: at })
    expect(outcome).toMatchObject({ ok: false, permanent: false, errcode: null })
    wechat = await startFakeWeChat()
  })
})
