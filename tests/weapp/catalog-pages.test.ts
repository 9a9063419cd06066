import { seedId } from '../../server/ids'
import { type SpawnedServer, spawnDemoServer } from '../support/spawn-demo-server'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { type MiniProgram, imageSrc, launchMiniProgram, text, viewNodes, waitFor, WEAPP_ROOT } from './support/mini-program'

/* The real compiled mini-program (npm run build:weapp) in miniprogram-simulate, its wx.request
   answered by the real server with the demo county: what renders is what a buyer would see. */

let server: SpawnedServer
let app: MiniProgram
// What the app asked of WeChat when a page could not be found.
let pageNotFound: ((page: { path: string; query: Record<string, string>; isEntryPage: boolean }) => void) | undefined
const redirects: string[] = []

beforeAll(async () => {
  server = await spawnDemoServer()
  app = launchMiniProgram(server.url, {
    onPageNotFound: (listener: typeof pageNotFound) => void (pageNotFound = listener),
    redirectTo: (options: { url: string; success?: (result: object) => void }) => {
      redirects.push(options.url)
      options.success?.({ errMsg: 'redirectTo:ok' })
    },
  })
}, 90_000)

afterAll(async () => {
  await server?.close()
})

const all = (page: any, selector: string) => Array.from(page.dom.querySelectorAll(selector)) as HTMLElement[]

describe('the compiled catalog page', () => {
  it('lists live listings from the server with price per unit and stock', async () => {
    const page = app.open('pages/catalog/index')
    await waitFor(() => text(page).includes('和林莜面'), 'the catalog to show listings')
    const cards = all(page, '.main--listing-card, .listing-card')
    expect(cards.length).toBeGreaterThanOrEqual(3)
    expect(text(page)).toContain('¥6.50/斤')
    expect(text(page)).not.toContain('羔羊肉 羊肉卷') // still under review: not in the catalog
    // The simulator does not model <image>, so read the src the page handed to the view layer.
    const thumbs = viewNodes(app.pages[app.pages.length - 1], 'listing-card__photo').map(imageSrc)
    expect(thumbs.length).toBe(cards.length)
    expect(thumbs.every((src) => new RegExp(`^${server.url}/photos/[0-9a-f]+-thumb\\.jpg$`).test(src))).toBe(true)
  })
})

describe('the compiled listing page', () => {
  it('lives in a subpackage of its own, and an old share card of its former path still opens it', () => {
    const config = JSON.parse(readFileSync(path.join(WEAPP_ROOT, 'app.json'), 'utf8'))
    expect(config.pages).not.toContain('pages/listing/index')
    expect(config.subPackages).toContainEqual({ root: 'packages/listing', pages: ['pages/listing/index'] })
    expect(config.preloadRule['pages/home/index'].packages).toContain('packages/listing')
    expect(pageNotFound).toBeDefined()
    pageNotFound!({ path: 'pages/listing/index', query: { id: 'lst_abc' }, isEntryPage: true })
    expect(redirects).toEqual(['/packages/listing/pages/listing/index?id=lst_abc'])
  })

  it('shows the gallery, price, stock, farmer and village of one listing', async () => {
    const page = app.open('packages/listing/pages/listing/index', { id: seedId('lst', 'milk-skin') })
    await waitFor(() => text(page).includes('奶皮子') && text(page).includes('李秀英'), 'the listing to load')
    expect(text(page)).toContain('¥60.00/斤')
    expect(text(page)).toContain('15')
    expect(text(page)).toContain('新店子村')
    expect(text(page)).toContain('手工熬制')
    const photos = viewNodes(app.pages[app.pages.length - 1], 'gallery-photo').map(imageSrc)
    expect(photos).toHaveLength(2)
    expect(photos.every((src) => new RegExp(`^${server.url}/photos/[0-9a-f]+\\.jpg$`).test(src))).toBe(true)
  })

  it('shows 已售罄 for a sold-out listing', async () => {
    const page = app.open('packages/listing/pages/listing/index', { id: seedId('lst', 'lamb-tripe') })
    await waitFor(() => text(page).includes('羊杂'), 'the sold-out listing to load')
    expect(text(page)).toContain('已售罄')
  })

  it('shows a not-found state for a listing that is not live, not a crash', async () => {
    const page = app.open('packages/listing/pages/listing/index', { id: seedId('lst', 'lamb-new') })
    await waitFor(() => all(page, '.main--state-view--error, .state-view--error, .main--state-view--empty, .state-view--empty').length > 0 || /不存在|找不到|下架/.test(text(page)), 'the not-found state')
    expect(text(page)).not.toContain('羔羊肉 羊肉卷')
  })
})
