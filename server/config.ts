import path from 'node:path'
import { readWeChatPayConfig, type WeChatPayConfig } from './integrations/wxpay/config'
import { readPhotoStoreConfig, type PhotoStoreConfig } from './storage/photo-store-config'

/** Everything the server reads from the environment, read once, in one place. */
export interface ServerConfig {
  port: number
  host: string
  databaseUrl: string
  /** Switches on /auth/dev* and (later) the sandbox payment provider. Never on in production. */
  devLogin: boolean
  dataDir: string
  h5Dir: string
  /** Origin put in front of photo URLs; by default the origin the request came to. */
  publicUrl?: string
  /** The proxies whose X-Forwarded-* headers are believed (addresses or CIDRs); none by default. */
  trustProxy: string[]
  timeouts: HttpTimeouts
  tokenTtlHours: number
  logLevel: string
  wechat: WeChatConfig
  /** Keys the pickup codes' hashes and sealed copies; generated into dataDir when unset. */
  pickupCodeSecret?: string
  /** How often expiry, payment reconciliation and refund retries run. */
  jobsIntervalMs: number
  /** How long a process answers the catalog it rendered before asking whether it changed: a
      change made through another process shows within this time (0: ask on every request). */
  catalogRecheckMs: number
  /** WeChat Pay, when WECHAT_PAY_MCHID and the rest are set. */
  wechatPay: WeChatPayConfig | null
  contentSecurity: ContentSecurityConfig
  /** Where photos live: the data folder's photos/ (one machine) or an S3-compatible bucket. */
  photoStore: PhotoStoreConfig
  /** How many worker processes `npm run server` starts (Node's cluster), from WEB_CONCURRENCY. */
  workers: number
}

/* WeChat's content security: with the mini-program's credentials and a message-push token, text
   and photos are checked at WeChat; otherwise (the demo, the tests) by a local checker that
   refuses only the block-list, so the flow can be seen and tested. */
export interface ContentSecurityConfig {
  /** The message push's Token (消息推送 → Token); WeChat's checks are on only with it. */
  msgPushToken: string
  /** The EncodingAESKey of safe mode (43 characters); empty: plain mode. */
  msgPushAesKey: string
  /** The local checker's words: text holding one is risky. */
  blocklist: string[]
}

/** The demo's block-list, so a tester can see a risky text refused. */
export const DEFAULT_CONTENT_BLOCKLIST = ['违禁测试词']

/* How long a connection may take to say what it wants. A village phone on 3G sends a photo
   slowly but steadily; a connection that trickles a few bytes now and then only holds a socket
   that an honest buyer needs. */
export interface HttpTimeouts {
  /** The request line and headers, whole. */
  headersMs: number
  /** The whole request, body included (a photo of a few MB on 3G fits). */
  requestMs: number
  /** No byte either way for this long closes the connection (every upstream we wait on while
      answering gives up sooner: WeChat 5 s, WeChat Pay 10 s, the database pool 5 s). */
  idleMs: number
  /** An idle keep-alive connection between requests. */
  keepAliveMs: number
}

export interface WeChatConfig {
  appId: string
  appSecret: string
  /** WeChat's API host; tests point it at a fake server on 127.0.0.1. */
  apiBase: string
  timeoutMs: number
  /** The subscribe-message template the buyer is told "ready for pickup" with; none: no message. */
  pickupTemplateId: string
  /** The farmer's "someone bought your goods, hand them in by …" template; none: no message. */
  saleTemplateId: string
}

const root = path.resolve(__dirname, '..')

function flag(value: string | undefined): boolean {
  return value === '1' || value === 'true' || value === 'yes'
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const dataDir = path.resolve(env.XIANGJI_DATA_DIR ?? path.join(root, 'data'))
  return {
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? '127.0.0.1',
    databaseUrl: env.DATABASE_URL ?? path.join(dataDir, 'xiangji.db'),
    devLogin: flag(env.XIANGJI_DEV_LOGIN),
    dataDir,
    h5Dir: path.resolve(env.XIANGJI_H5_DIR ?? path.join(root, 'dist', 'h5')),
    publicUrl: publicUrlOf(env.XIANGJI_PUBLIC_URL),
    trustProxy: (env.XIANGJI_TRUST_PROXY ?? '').split(',').map((entry) => entry.trim()).filter(Boolean),
    timeouts: {
      headersMs: Number(env.XIANGJI_HEADERS_TIMEOUT_MS ?? 15_000),
      requestMs: Number(env.XIANGJI_REQUEST_TIMEOUT_MS ?? 120_000),
      idleMs: Number(env.XIANGJI_IDLE_TIMEOUT_MS ?? 15_000),
      keepAliveMs: Number(env.XIANGJI_KEEP_ALIVE_TIMEOUT_MS ?? 10_000),
    },
    tokenTtlHours: Number(env.XIANGJI_TOKEN_TTL_HOURS ?? 24 * 30),
    logLevel: env.LOG_LEVEL ?? 'info',
    pickupCodeSecret: env.XIANGJI_PICKUP_CODE_SECRET || undefined,
    jobsIntervalMs: Number(env.XIANGJI_JOBS_INTERVAL_MS ?? 15_000),
    catalogRecheckMs: Number(env.XIANGJI_CATALOG_RECHECK_MS ?? 250),
    wechatPay: readWeChatPayConfig(env),
    contentSecurity: {
      msgPushToken: env.WECHAT_MSG_PUSH_TOKEN ?? '',
      msgPushAesKey: aesKeyOf(env.WECHAT_MSG_PUSH_AES_KEY),
      blocklist: env.XIANGJI_CONTENT_BLOCKLIST === undefined ? DEFAULT_CONTENT_BLOCKLIST : env.XIANGJI_CONTENT_BLOCKLIST.split(',').map((word) => word.trim()).filter(Boolean),
    },
    photoStore: readPhotoStoreConfig(env),
    workers: workersOf(env.WEB_CONCURRENCY),
    wechat: {
      appId: env.WECHAT_APP_ID ?? '',
      appSecret: env.WECHAT_APP_SECRET ?? '',
      apiBase: env.WECHAT_API_BASE ?? 'https://api.weixin.qq.com',
      timeoutMs: Number(env.WECHAT_TIMEOUT_MS ?? 5000),
      pickupTemplateId: env.WECHAT_PICKUP_TEMPLATE_ID ?? '',
      saleTemplateId: env.WECHAT_SALE_TEMPLATE_ID ?? '',
    },
  }
}

function workersOf(value: string | undefined): number {
  if (value === undefined || value === '') return 1
  const workers = Number(value)
  if (!Number.isInteger(workers) || workers < 1 || workers > 64) throw new Error(`WEB_CONCURRENCY must be a whole number of worker processes from 1 to 64, not ${value}`)
  return workers
}

/** WeChat's EncodingAESKey is 43 base64 characters (32 bytes with the '=' WeChat leaves off). */
function aesKeyOf(value: string | undefined): string {
  if (!value) return ''
  if (!/^[A-Za-z0-9+/]{43}$/.test(value)) throw new Error('WECHAT_MSG_PUSH_AES_KEY must be the 43-character EncodingAESKey of the message push')
  return value
}

/** An origin to put in front of photo URLs: http(s), a host, maybe a port, and no path. */
function publicUrlOf(value: string | undefined): string | undefined {
  if (!value) return undefined
  const url = new URL(value)
  if (!['http:', 'https:'].includes(url.protocol) || url.pathname !== '/' || url.search || url.hash || url.username) {
    throw new Error(`XIANGJI_PUBLIC_URL must be an origin such as https://xiangji.example.cn, not ${value}`)
  }
  return url.origin
}
