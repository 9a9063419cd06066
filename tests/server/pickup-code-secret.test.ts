import { execFile } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { serverSecret } from '../../server/secrets'
import type { FakeWeChat } from './support/fake-wechat'
import { createPickupMessagesApp } from './support/pickup-messages-app'
import { paidOrder, readyOrder, type PickupCast } from './support/order-fixtures'
import { bearer, DATABASES, type TestApp } from './support/test-app'

/* Every server process must share the pickup codes' secret: a process with one of its own seals
   codes nobody else can open and cannot open anybody else's. On PostgreSQL (the database several
   processes share) a server refuses to start without it; a code a process cannot open is a
   clear 503, never a 500, and a message that needs it waits for a process that can. */

const run = promisify(execFile)
const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'xiangji-secret-'))

describe.each(DATABASES)('the pickup-code secret on %s', (dialect) => {
  let t: TestApp
  let cast: PickupCast
  let wechat: FakeWeChat

  beforeAll(async () => {
    ;({ wechat, t, cast } = await createPickupMessagesApp(dialect, 'pickup-ready'))
  }, 60_000)
  afterAll(async () => {
    await t?.close()
    await wechat?.close()
  })

  /** A second process that did not get the shared secret: its own data folder, its own key. */
  const stranger = () =>
    t.anotherServer(dialect === 'postgres' ? { dataDir: tempDir(), pickupCodeSecret: 'f'.repeat(64) } : { dataDir: tempDir(), pickupCodeSecret: undefined })

  if (dialect === 'postgres') {
    it('refuses to start a server without XIANGJI_PICKUP_CODE_SECRET', async () => {
      await expect(t.anotherServer({ dataDir: tempDir(), pickupCodeSecret: undefined })).rejects.toThrow(/XIANGJI_PICKUP_CODE_SECRET must be set/)
    })
  } else {
    it('starts without XIANGJI_PICKUP_CODE_SECRET, generating one into the data folder', async () => {
      const dir = tempDir()
      await t.anotherServer({ dataDir: dir, pickupCodeSecret: undefined })
      expect(fs.readFileSync(path.join(dir, 'secrets', 'pickup-code.key'), 'utf8')).toMatch(/^[0-9a-f]{64}$/)
    })
  }

  it('answers an order whose code it cannot open with 503 PICKUP_CODE_UNAVAILABLE, not a 500', async () => {
    const order = await paidOrder(t, cast.buyer, [['oat-flour', 1]])
    const other = await stranger()
    for (const url of [`/api/v1/orders/${order.id}`, '/api/v1/orders']) {
      const response = await other.inject({ method: 'GET', url, headers: bearer(cast.buyer) })
      expect(response.statusCode).toBe(503)
      expect(response.json()).toEqual({ error: { code: 'PICKUP_CODE_UNAVAILABLE', message: expect.any(String) } })
    }
    // The processes that share the secret still show it.
    const mine = await t.app.inject({ method: 'GET', url: `/api/v1/orders/${order.id}`, headers: bearer(cast.buyer) })
    expect(mine.json().pickupCode).toBe(order.pickupCode)
  })

  it('leaves the ready message for a process that can open the code, and that one sends it', async () => {
    const order = await readyOrder(t, cast)
    const other = await stranger()
    await other.orderJobs.runOnce()
    const waiting = await t.database.db.selectFrom('buyerMessages').selectAll().where('orderId', '=', order.id).executeTakeFirstOrThrow()
    expect(waiting).toMatchObject({ status: 'pending', lastError: expect.stringMatching(/cannot be opened/) })
    expect(wechat.messages.filter((m) => m.page.includes(order.id))).toHaveLength(0)

    await t.database.db.updateTable('buyerMessages').set({ nextAttemptAt: new Date(0).toISOString() }).where('orderId', '=', order.id).execute()
    await t.app.orderJobs.runOnce()
    const sent = wechat.messages.filter((m) => m.page.includes(order.id))
    expect(sent.map((m) => m.data.character_string2.value)).toEqual([order.pickupCode])
  })
})

describe('the generated secret file', () => {
  it('refuses an empty or cut-off file instead of keying codes with it', () => {
    const dir = tempDir()
    fs.mkdirSync(path.join(dir, 'secrets'))
    fs.writeFileSync(path.join(dir, 'secrets', 'pickup-code.key'), '')
    expect(() => serverSecret(undefined, dir, 'pickup-code')).toThrow(/damaged/)
    fs.writeFileSync(path.join(dir, 'secrets', 'pickup-code.key'), 'abcd')
    expect(() => serverSecret(undefined, dir, 'pickup-code')).toThrow(/damaged/)
  })

  it('is one secret for processes that start at the same moment', async () => {
    const dir = tempDir()
    const script = `const { serverSecret } = require(${JSON.stringify(path.resolve(__dirname, '../../server/secrets'))}); process.stdout.write(serverSecret(undefined, process.argv[1], 'pickup-code').toString('hex'))`
    const tsx = path.resolve(__dirname, '../../node_modules/.bin/tsx')
    const secrets = await Promise.all(Array.from({ length: 4 }, () => run(tsx, ['-e', script, dir]).then((r) => r.stdout)))
    expect(new Set(secrets).size).toBe(1)
    expect(secrets[0]).toMatch(/^[0-9a-f]{64}$/)
    expect(fs.readdirSync(path.join(dir, 'secrets'))).toEqual(['pickup-code.key'])
  }, 30_000)
})
