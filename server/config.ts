import path from 'node:path'
import { readWeChatPayConfig, type WeChatPayConfig } from './integrations/wxpay/config'

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
  tokenTtlHours: number
  logLevel: string
  wechat: WeChatConfig
  /** Keys the pickup codes' hashes and sealed copies; generated into dataDir when unset. */
  pickupCodeSecret?: string
  /** How often expiry, payment reconciliation and refund retries run. */
  jobsIntervalMs: number
  /** WeChat Pay, when WECHAT_PAY_MCHID and the rest are set. */
  wechatPay: WeChatPayConfig | null
}

export interface WeChatConfig {
  appId: string
  appSecret: string
  /** WeChat's API host; tests point it at a fake server on 127.0.0.1. */
  apiBase: string
  timeoutMs: number
  /** The subscribe-message template the buyer is told "ready for pickup" with; none: no message. */
  pickupTemplateId: string
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
    publicUrl: env.XIANGJI_PUBLIC_URL || undefined,
    tokenTtlHours: Number(env.XIANGJI_TOKEN_TTL_HOURS ?? 24 * 30),
    logLevel: env.LOG_LEVEL ?? 'info',
    pickupCodeSecret: env.XIANGJI_PICKUP_CODE_SECRET || undefined,
    jobsIntervalMs: Number(env.XIANGJI_JOBS_INTERVAL_MS ?? 15_000),
    wechatPay: readWeChatPayConfig(env),
    wechat: {
      appId: env.WECHAT_APP_ID ?? '',
      appSecret: env.WECHAT_APP_SECRET ?? '',
      apiBase: env.WECHAT_API_BASE ?? 'https://api.weixin.qq.com',
      timeoutMs: Number(env.WECHAT_TIMEOUT_MS ?? 5000),
      pickupTemplateId: env.WECHAT_PICKUP_TEMPLATE_ID ?? '',
    },
  }
}
