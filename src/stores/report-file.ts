import Taro from '@tarojs/taro'
import { ApiError } from '../api/api-error'

/* Where a report file goes from the county center's phone or computer. In a browser it is a
   download. A mini-program has no downloads folder: the file is sent into a WeChat chat (文件传输
   助手 reaches the office computer), wx.shareFileMessage, which WeChat lets open only from a tap. */

function downloadInBrowser(fileName: string, text: string): Promise<'saved'> {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }))
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  document.body.appendChild(link)
  link.click()
  link.remove()
  // The browser reads the blob after this turn; let it go once it surely has.
  setTimeout(() => URL.revokeObjectURL(url), 60_000)
  return Promise.resolve('saved')
}

function sendInWeChat(fileName: string, text: string): Promise<'saved' | 'cancelled'> {
  const filePath = `${Taro.env.USER_DATA_PATH}/${fileName}`
  try {
    Taro.getFileSystemManager().writeFileSync(filePath, text, 'utf8')
  } catch (error) {
    return Promise.reject(new ApiError(0, 'SAVE_FAILED', (error as { errMsg?: string })?.errMsg ?? String(error)))
  }
  return new Promise((resolve, reject) => {
    // Callbacks, as for scanCode and requestPayment: the same on every base library.
    const task = Taro.shareFileMessage({
      filePath,
      fileName,
      success: () => resolve('saved'),
      fail: (error: { errMsg?: string }) => {
        const message = error?.errMsg ?? 'shareFileMessage:fail'
        if (/cancel/i.test(message)) resolve('cancelled')
        else reject(new ApiError(0, 'SAVE_FAILED', message))
      },
    })
    ;(task as unknown as Promise<unknown> | undefined)?.catch?.(() => {})
  })
}

export const saveReportFile = process.env.TARO_ENV === 'h5' ? downloadInBrowser : sendInWeChat
