import Taro from '@tarojs/taro'
import { ApiError } from '../api/api-error'
import { openWeChatSheet } from './wechat-call'

/* Where a report file goes from the county center's phone or computer. In a browser it is a
   download. A mini-program has no downloads folder: the file is sent into a WeChat chat (文件传输
   助手 reaches the office computer), wx.shareFileMessage, which WeChat lets open only from a tap. */

function downloadInBrowser(fileName: string, text: string, type = 'text/csv;charset=utf-8'): Promise<'saved'> {
  const url = URL.createObjectURL(new Blob([text], { type }))
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

async function sendInWeChat(fileName: string, text: string, _type?: string): Promise<'saved' | 'cancelled'> {
  const filePath = `${Taro.env.USER_DATA_PATH}/${fileName}`
  try {
    Taro.getFileSystemManager().writeFileSync(filePath, text, 'utf8')
  } catch (error) {
    throw new ApiError(0, 'SAVE_FAILED', (error as { errMsg?: string })?.errMsg ?? String(error))
  }
  const answer = await openWeChatSheet('SAVE_FAILED', (callbacks) => Taro.shareFileMessage({ filePath, fileName, ...callbacks }))
  return answer === 'cancelled' ? 'cancelled' : 'saved'
}

export const saveReportFile = process.env.TARO_ENV === 'h5' ? downloadInBrowser : sendInWeChat
