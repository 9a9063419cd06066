import { type SpawnedServer, spawnDemoServer } from '../support/spawn-demo-server'
import { type MiniProgram, launchMiniProgram, text, waitFor } from './support/mini-program'

/* 大字模式 in the compiled mini-program: a phone in WeChat's 关怀模式 (fontSizeScaleFactor 1.4)
   opens the pages with the large-text scale in their page-meta's page-style, and rem following
   the phone's font (root-font-size="system"); a work page (through RoleGate) carries it too. */

let server: SpawnedServer
let app: MiniProgram

beforeAll(async () => {
  server = await spawnDemoServer()
  app = launchMiniProgram(server.url, { getAppBaseInfo: () => ({ SDKVersion: '3.7.0', language: 'zh_CN', fontSizeScaleFactor: 1.4, fontSizeSetting: 24 }) })
}, 90_000)

afterAll(async () => {
  await server?.close()
})

/** What the page's page-meta was given: Taro keeps it in the page's data under `pageMeta`. */
const pageMetaOf = () => JSON.stringify(app.pages[app.pages.length - 1].data.pageMeta ?? {})

describe('大字模式 in the compiled mini-program', () => {
  it('follows the phone set to large type: the scale in page-meta on a main page', async () => {
    const page = app.open('pages/home/index')
    await waitFor(() => text(page).includes('新上架'), 'the home page')
    await waitFor(() => pageMetaOf().includes('--xj-font-size-body: 22px'), 'the large-text scale in page-meta')
    expect(pageMetaOf()).toContain('"system"')
    expect(pageMetaOf()).toContain('--xj-touch-target: 60px')
  })

  it('is on a work page too, through its gate, even signed out', async () => {
    const page = app.open('packages/county/pages/verify/index')
    await waitFor(() => text(page).length > 0, 'the desk page')
    await waitFor(() => pageMetaOf().includes('--xj-font-size-body: 22px'), 'the large-text scale in page-meta')
  })
})
