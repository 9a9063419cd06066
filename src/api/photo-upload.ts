import Taro from '@tarojs/taro'
import { ApiError } from './api-error'
import { currentBearerToken, failure } from './request'
import type { Photo } from './types'

/* POST /photos goes through Taro.uploadFile, not Taro.request: the mini-program can only send a
   file from its local path that way, and only uploadFile reports progress. */

// A 3 MB photo on village 3G can take a minute; give up later than a JSON call would.
const UPLOAD_TIMEOUT_MS = 120_000

export function uploadPhoto(localPath: string, onProgress?: (percent: number) => void): Promise<Photo> {
  const tokenSent = currentBearerToken()
  return new Promise<Photo>((resolve, reject) => {
    const task = Taro.uploadFile({
      url: API_BASE_URL + '/photos',
      filePath: localPath,
      name: 'file',
      header: tokenSent ? { Authorization: `Bearer ${tokenSent}` } : {},
      timeout: UPLOAD_TIMEOUT_MS,
      success: ({ statusCode, data }) => {
        // uploadFile hands back the body as text, whatever its type.
        let body: unknown = data
        try {
          body = typeof data === 'string' ? JSON.parse(data) : data
        } catch {
          body = null
        }
        if (statusCode === 201 || statusCode === 200) resolve(body as Photo)
        else reject(failure(statusCode, body, tokenSent))
      },
      fail: (error) => reject(new ApiError(0, 'NETWORK', (error as { errMsg?: string })?.errMsg ?? 'upload failed')),
    })
    // H5's stand-in may return no task (or one without progress): progress is a nicety.
    task?.onProgressUpdate?.((update) => onProgress?.(update.progress))
    // Taro's task is also a promise that rejects on failure; `fail` above has handled it, so
    // it must not surface as an unhandled rejection when the signal drops.
    ;(task as unknown as Promise<unknown> | undefined)?.catch?.(() => {})
  })
}
