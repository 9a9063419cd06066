import { readWeChatPayConfig } from '../../server/integrations/wxpay/config'
import { seedId } from '../../server/ids'
import { settleDueSales } from '../../server/services/ledger/settle-sales'
import { type DemoServer, startDemoServer } from './demo-server'

/* The demo server as its own process (see demo-server-main.ts), with WeChat Pay pointed at the
   test's fake and one scene readied before it says it listens: 王建国 (who signed in with WeChat
   once, so he has an openid) sold lamb chops that were picked up a day ago and settled, county
   staff drew up a payout run and a second clerk approved it, and the jobs sent his transfer bill
   to (the fake) WeChat Pay, which answered WAIT_USER_CONFIRM: his payout awaits his 确认收款.
   A second order of his is paid and not yet picked up: pending. Every step goes through the
   real routes and services; only the clock of the first pickup is moved back a day, as the
   server tests do (the server's clock stays WeChat Pay's, which signs with the real time). */

const WANG_OPENID = 'o-wang-jianguo-weapp'

/** Readies the scene; answers 王建国's session, made before WeChat knew him (dev login is for
 *  demo users without WeChat), as if he had signed in on this phone earlier. */
async function readyPayoutScene(server: DemoServer): Promise<string> {
  const { app } = server
  const { db, dialect } = server.database
  const call = async (token: string | null, method: 'GET' | 'POST', url: string, payload?: object, headers: Record<string, string> = {}) => {
    const response = await app.inject({ method, url: `/api/v1${url}`, headers: { ...headers, ...(token ? { authorization: `Bearer ${token}` } : {}) }, payload: payload ?? (method === 'POST' ? {} : undefined) })
    if (response.statusCode >= 400) throw new Error(`${method} ${url} → ${response.statusCode} ${response.body}`)
    return response.json()
  }
  const signIn = async (key: string) => (await call(null, 'POST', '/auth/dev', { userId: seedId('usr', key) })).token as string
  const [buyer, shebiya, gao, li, wang] = await Promise.all(['buyer-chenxiao', 'op-shebiya', 'staff-gao', 'staff-li', 'wang-jianguo'].map(signIn))
  await db.updateTable('users').set({ wechatOpenid: WANG_OPENID }).where('id', '=', seedId('usr', 'wang-jianguo')).execute()

  let keys = 0
  const paidLamb = async () => {
    const body = { lines: [{ listingId: seedId('lst', 'lamb-chops'), quantity: 2 }], pickupPointId: seedId('pup', 'horinger-center') }
    const order = await call(buyer, 'POST', '/orders', body, { 'idempotency-key': `payout-scene-${++keys}` })
    const { paymentId } = await call(buyer, 'POST', `/orders/${order.id}/payments`, { provider: 'sandbox' })
    await call(buyer, 'POST', `/payments/sandbox/${paymentId}/confirm`)
    return call(buyer, 'GET', `/orders/${order.id}`)
  }

  const sold = await paidLamb()
  const [parcel] = sold.parcels
  await call(shebiya, 'POST', `/parcels/${parcel.id}/collect`)
  await call(gao, 'POST', `/parcels/${parcel.id}/receive`)
  await call(gao, 'POST', '/pickups/verify', { code: (await call(buyer, 'GET', `/orders/${sold.id}`)).pickupCode })
  await db.updateTable('orders').set({ endedAt: new Date(Date.now() - 25 * 3600_000).toISOString() }).where('id', '=', sold.id).execute()
  await settleDueSales({ db, dialect, clock: () => new Date() })
  const run = await call(gao, 'POST', '/county/payout-runs')
  await call(li, 'POST', `/county/payout-runs/${run.id}/approve`)
  await app.orderJobs.runOnce()
  await paidLamb()
  return wang
}

startDemoServer({ wechatPay: readWeChatPayConfig(process.env) })
  .then(async (server) => {
    const wang = await readyPayoutScene(server)
    process.stdout.write(`WANG_SESSION ${wang}\n`)
    process.stdout.write(`LISTENING ${server.url} ${server.dataDir}\n`)
    process.once('SIGTERM', () => void server.close().then(() => process.exit(0)))
  })
  .catch((error) => {
    console.error(error)
    process.exit(1)
  })
