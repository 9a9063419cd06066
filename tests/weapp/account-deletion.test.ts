import fs from 'node:fs'
import { type SpawnedServer, spawnDemoServer } from '../support/spawn-demo-server'
import { type MiniProgram, launchMiniProgram, tap, text, waitFor } from './support/mini-program'
import { createJourney, demoUser } from './support/parcel-journey'
import { type Phone, createPhone, fetchJson, signInOnPhone } from './support/phone'

/* 注销账号 in the compiled mini-program against the real server: 我的 has the row; the page sends
   the export into a WeChat chat as the server's JSON; a deletion refused names the paid order by
   its number; once the order is cancelled, the deletion goes through, the phone forgets the
   sign-in and WeChat is sent to 首页; the old token is dead. */

const PAGE = 'packages/account/pages/delete/index'

let server: SpawnedServer
let phone: Phone
let app: MiniProgram
let token: string
let order: { id: string; number: string | null }
const shared: Array<{ fileName: string; text: string }> = []
const tabs: string[] = []

beforeAll(async () => {
  server = await spawnDemoServer()
  const journey = createJourney(server.url)
  order = await journey.paidOrder('buyer-chenxiao', [['milk-fresh', 1]])
  phone = createPhone(server.url)
  token = await signInOnPhone(server.url, phone, demoUser('buyer-chenxiao'))
  app = launchMiniProgram(server.url, {
    ...phone.wx,
    shareFileMessage(options: { filePath: string; fileName: string; success?: (r: object) => void }) {
      shared.push({ fileName: options.fileName, text: fs.readFileSync(options.filePath, 'utf8') })
      setTimeout(() => options.success?.({ errMsg: 'shareFileMessage:ok' }), 0)
    },
    switchTab(options: { url: string; success?: (r: object) => void }) {
      tabs.push(options.url)
      setTimeout(() => options.success?.({ errMsg: 'switchTab:ok' }), 0)
    },
  })
}, 90_000)

afterAll(async () => {
  await server?.close()
  phone?.close()
})

it('has 注销账号 on 我的', async () => {
  const me = app.open('pages/me/index')
  const row = await waitFor(() => me.querySelector('.role-entry--delete-account'), 'the 注销账号 row')
  expect(text(row)).toContain('注销账号')
}, 30_000)

it('sends her data into a chat as the server wrote it', async () => {
  const page = app.open(PAGE)
  await waitFor(() => page.querySelector('.export-data'), 'the export button')
  expect(text(page)).toContain('会保留，但不再和您有关')
  tap(page, '.export-data')
  await waitFor(() => page.querySelector('.export-summary'), 'the export summary')
  expect(shared).toHaveLength(1)
  expect(shared[0].fileName).toBe('xiangji-my-data.json')
  const data = JSON.parse(shared[0].text)
  expect(data.profile.id).toBe(demoUser('buyer-chenxiao'))
  expect(data.orders.map((o: { id: string }) => o.id)).toContain(order.id)
}, 30_000)

it('names the paid order when the server refuses, then deletes once it is cancelled', async () => {
  const page = app.open(PAGE)
  await waitFor(() => page.querySelector('.delete-account'), 'the delete button')
  tap(page, '.delete-account')
  await waitFor(() => page.querySelector('.confirm-delete'), 'the confirmation')
  tap(page, '.confirm-delete')
  const refused = await waitFor(() => page.querySelector('.open-order'), 'the open order')
  expect(text(refused)).toContain(`订单 ${order.number}`)
  expect(phone.storage.get('xiangji.token')).toBe(token)

  await fetchJson(`${server.url}/api/v1/orders/${order.id}/cancel`, 'POST', {}, token)
  tap(page, '.delete-account')
  await waitFor(() => page.querySelector('.confirm-delete'), 'the confirmation')
  tap(page, '.confirm-delete')
  await waitFor(() => tabs.length > 0, 'the way home')
  expect(tabs).toEqual(['/pages/home/index'])
  expect(phone.storage.has('xiangji.token')).toBe(false)
  await expect(fetchJson(`${server.url}/api/v1/me`, 'GET', undefined, token)).rejects.toThrow(/→ 401/)
}, 30_000)
