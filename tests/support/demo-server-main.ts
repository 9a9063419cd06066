import { readWeChatPayConfig } from '../../server/integrations/wxpay/config'
import { startDemoServer } from './demo-server'

/* The demo server as its own process, for test environments that cannot host Fastify
   themselves (the mini-program tests run in jsdom). Prints its URL, stops on SIGTERM. */
startDemoServer({ wechatApiBase: process.env.WECHAT_API_BASE, appId: process.env.WECHAT_APP_ID, appSecret: process.env.WECHAT_APP_SECRET, wechatPay: readWeChatPayConfig(process.env), jobsIntervalMs: Number(process.env.XIANGJI_JOBS_INTERVAL_MS) || undefined })
  .then((server) => {
    process.stdout.write(`LISTENING ${server.url} ${server.dataDir}\n`)
    process.once('SIGTERM', () => void server.close().then(() => process.exit(0)))
  })
  .catch((error) => {
    console.error(error)
    process.exit(1)
  })
