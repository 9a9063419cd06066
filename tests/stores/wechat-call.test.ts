import { ApiError } from '../../src/api/api-error'
import { openWeChatSheet, type WeChatCallbacks } from '../../src/stores/wechat-call'

/* A WeChat sheet opened with callbacks: its result, the user closing it, or WeChat's failure as
   an ApiError; a promise Taro may also return never rejects unhandled. */

describe('openWeChatSheet', () => {
  it('settles with the result, or cancelled when the sheet was closed', async () => {
    expect(await openWeChatSheet<{ result: string }>('SCAN_FAILED', ({ success }) => success({ result: 'XJPICKUP:1:ord_1:123456' }))).toEqual({ result: 'XJPICKUP:1:ord_1:123456' })
    expect(await openWeChatSheet('PAYMENT_FAILED', ({ fail }) => fail({ errMsg: 'requestPayment:fail cancel' }))).toBe('cancelled')
  })

  it('rejects any other failure as an ApiError of its code with WeChat’s message', async () => {
    const failing = openWeChatSheet('SAVE_FAILED', ({ fail }) => fail({ errMsg: 'shareFileMessage:fail no space left' }))
    await expect(failing).rejects.toBeInstanceOf(ApiError)
    await expect(failing).rejects.toMatchObject({ code: 'SAVE_FAILED', message: 'shareFileMessage:fail no space left' })
  })

  it('swallows the promise a Taro version may return alongside the callbacks', async () => {
    const unhandled = jest.fn()
    process.on('unhandledRejection', unhandled)
    try {
      const answer = await openWeChatSheet('SCAN_FAILED', ({ fail }: WeChatCallbacks<unknown>) => {
        fail({ errMsg: 'scanCode:fail cancel' })
        return Promise.reject(new Error('scanCode:fail cancel'))
      })
      expect(answer).toBe('cancelled')
      await new Promise((resolve) => setImmediate(resolve))
      expect(unhandled).not.toHaveBeenCalled()
    } finally {
      process.off('unhandledRejection', unhandled)
    }
  })
})
