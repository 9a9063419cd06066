import type { S3PhotoConfig } from './s3-photo-storage'

/* Where photos live, read from the environment. The local disk needs nothing and suits one
   machine; several machines share a bucket. A half-filled S3 setting is refused at start: a
   server that quietly wrote photos to its own disk would show them on one machine only. */

export interface PhotoStoreConfig {
  s3: S3PhotoConfig | null
  /** Photo URLs start with this (a CDN in front of the bucket or of the servers), else /photos/ on the API's origin. */
  urlPrefix?: string
}

const S3_VARIABLES = ['XIANGJI_S3_BUCKET', 'XIANGJI_S3_ENDPOINT', 'XIANGJI_S3_REGION', 'XIANGJI_S3_ACCESS_KEY_ID', 'XIANGJI_S3_SECRET_ACCESS_KEY', 'XIANGJI_S3_FORCE_PATH_STYLE'] as const

export function readPhotoStoreConfig(env: NodeJS.ProcessEnv): PhotoStoreConfig {
  return { s3: s3ConfigOf(env), urlPrefix: urlPrefixOf(env.XIANGJI_PHOTO_URL_PREFIX) }
}

function s3ConfigOf(env: NodeJS.ProcessEnv): S3PhotoConfig | null {
  const set = S3_VARIABLES.filter((name) => env[name])
  if (set.length === 0) return null
  const missing = (['XIANGJI_S3_BUCKET', 'XIANGJI_S3_ACCESS_KEY_ID', 'XIANGJI_S3_SECRET_ACCESS_KEY'] as const).filter((name) => !env[name])
  if (missing.length > 0) throw new Error(`photos in S3: ${set.join(', ')} set, but ${missing.join(', ')} missing`)
  const endpoint = env.XIANGJI_S3_ENDPOINT || undefined
  if (endpoint && !isHttpUrl(endpoint)) throw new Error(`XIANGJI_S3_ENDPOINT must be an http(s) URL such as https://oss-cn-beijing.aliyuncs.com, not ${endpoint}`)
  return {
    bucket: env.XIANGJI_S3_BUCKET!,
    endpoint,
    region: env.XIANGJI_S3_REGION || 'us-east-1',
    accessKeyId: env.XIANGJI_S3_ACCESS_KEY_ID!,
    secretAccessKey: env.XIANGJI_S3_SECRET_ACCESS_KEY!,
    forcePathStyle: ['1', 'true', 'yes'].includes(env.XIANGJI_S3_FORCE_PATH_STYLE ?? ''),
  }
}

/** An http(s) URL a photo's key is appended to, after a slash; no query or fragment. */
function urlPrefixOf(value: string | undefined): string | undefined {
  if (!value) return undefined
  if (!isHttpUrl(value) || /[?#]/.test(value)) throw new Error(`XIANGJI_PHOTO_URL_PREFIX must be an http(s) URL such as https://cdn.example.cn/photos, not ${value}`)
  return value.replace(/\/+$/, '')
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value)
    return (url.protocol === 'https:' || url.protocol === 'http:') && !url.username && !url.password
  } catch {
    return false
  }
}
