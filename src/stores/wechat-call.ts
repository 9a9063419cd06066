import { ApiError } from '../api/api-error'

/* The WeChat sheets a store opens (pay, scan, subscribe, send a file) are called with callbacks,
   not Taro's promise: Taro 4 hands these APIs straight to wx, whose promise form depends on the
   base library the phone has. */

export type WeChatCallbacks<R> = { success: (result: R) => void; fail: (error: { errMsg?: string }) => void }

/**
 * Opens a sheet through `open`, which passes the callbacks on to the wx API. Settles with its
 * result, or with 'cancelled' when the user closed the sheet; any other failure rejects with an
 * ApiError of `code` carrying WeChat's errMsg.
 */
export function openWeChatSheet<R>(code: string, open: (callbacks: WeChatCallbacks<R>) => unknown): Promise<R | 'cancelled'> {
  return new Promise((resolve, reject) => {
    const task = open({
      success: resolve,
      fail: (error) => {
        const message = error?.errMsg ?? `${code}: fail`
        if (/cancel/i.test(message)) resolve('cancelled')
        else reject(new ApiError(0, code, message))
      },
    })
    // Should a Taro version promisify it too, `fail` above has handled the rejection.
    ;(task as Promise<unknown> | undefined)?.catch?.(() => {})
  })
}
