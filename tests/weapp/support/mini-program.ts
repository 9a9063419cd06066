import fs from 'node:fs'
import http from 'node:http'
import path from 'node:path'

/* Runs the real compiled mini-program (dist/weapp) inside miniprogram-simulate, in jsdom:
   app.js is required as WeChat would, its App() options captured and launched; a page's
   Page() options are wrapped into a Component whose `attached` plays onLoad/onShow/onReady,
   which is how the page lifecycle starts on a phone. wx.request is answered by a real server
   over HTTP, whatever API base the build baked in. */

export const WEAPP_ROOT = path.resolve(__dirname, '..', '..', '..', 'dist', 'weapp')

type Callback = (result: Record<string, unknown>) => void
interface RequestOptions {
  url: string
  method?: string
  data?: unknown
  header?: Record<string, string>
  dataType?: string
  success?: Callback
  fail?: Callback
  complete?: Callback
}

/** wx.request over node:http to `serverUrl`, keeping the path and query the app asked for. */
export function requestVia(serverUrl: string) {
  return (options: RequestOptions) => {
    const asked = new URL(options.url)
    const url = new URL(asked.pathname + asked.search, serverUrl)
    const method = (options.method ?? 'GET').toUpperCase()
    let body: string | undefined
    if (method === 'GET' && options.data && typeof options.data === 'object') {
      for (const [key, value] of Object.entries(options.data)) {
        if (value !== undefined && value !== null) url.searchParams.set(key, String(value))
      }
    } else if (options.data !== undefined) {
      body = typeof options.data === 'string' ? options.data : JSON.stringify(options.data)
    }
    // Node sends a DELETE's body without a length unless told (POST and PATCH are chunked): WeChat says it.
    const length = body === undefined ? {} : { 'content-length': String(Buffer.byteLength(body)) }
    const request = http.request(url, { method, headers: { 'content-type': 'application/json', ...length, ...options.header } }, (response) => {
      const chunks: Buffer[] = []
      response.on('data', (chunk) => chunks.push(chunk))
      response.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8')
        let data: unknown = text
        // dataType 'json' (the default): WeChat tries to parse; any other: the text as it came.
        if ((options.dataType ?? 'json') === 'json') {
          try {
            data = JSON.parse(text)
          } catch {
            // not JSON: WeChat hands the text through as it is
          }
        }
        const result = { data, statusCode: response.statusCode, header: response.headers, errMsg: 'request:ok' }
        options.success?.(result)
        options.complete?.(result)
      })
    })
    request.on('error', (error) => {
      const result = { errMsg: `request:fail ${error.message}` }
      options.fail?.(result)
      options.complete?.(result)
    })
    if (body) request.write(body)
    request.end()
    return { abort: () => request.destroy(), onHeadersReceived() {}, offHeadersReceived() {} }
  }
}

export interface MiniProgram {
  simulate: any
  pages: any[]
  /** Loads a page as WeChat would open it with this query, rendered and attached. */
  open(pagePath: string, query?: Record<string, string>): any
}

/** Loads app.js once per test file (jsdom) with wx.request answered by `serverUrl`. */
export function launchMiniProgram(serverUrl: string, wxOverrides: Record<string, unknown> = {}): MiniProgram {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const simulate = require('miniprogram-simulate')
  const g = globalThis as any
  Object.assign(g.wx, { request: requestVia(serverUrl) }, wxOverrides)
  let appOptions: any
  const pages: any[] = []
  g.App = (options: any) => void (appOptions = options)
  g.getApp = () => appOptions
  g.getCurrentPages = () => pages
  require(path.join(WEAPP_ROOT, 'app.js'))
  appOptions?.onLaunch?.call(appOptions, { path: '', query: {}, scene: 1001 })
  appOptions?.onShow?.call(appOptions, { path: '', query: {}, scene: 1001 })

  // A page's chunk runs once (webpack remembers it), so its Page() is registered once per
  // path and each open renders a new instance with the query of that open.
  const loaded = new Map<string, string>()
  let opening: { pagePath: string; query: Record<string, string> } = { pagePath: '', query: {} }

  return {
    simulate,
    pages,
    open(pagePath, query = {}) {
      opening = { pagePath, query }
      let id = loaded.get(pagePath)
      if (!id) {
        g.Page = (options: Record<string, unknown>) => {
          const methods = Object.fromEntries(Object.entries(options).filter(([, value]) => typeof value === 'function'))
          g.Component({
            data: (options.data as object) ?? {},
            methods,
            lifetimes: {
              attached(this: any) {
                Object.assign(this, methods)
                this.route = opening.pagePath
                this.options = opening.query
                pages.push(this)
                this.onLoad?.(opening.query)
                this.onShow?.()
                this.onReady?.()
              },
            },
          })
        }
        id = simulate.load(path.join(WEAPP_ROOT, pagePath), { rootPath: WEAPP_ROOT }) as string
        loaded.set(pagePath, id)
      }
      const page = simulate.render(id)
      page.attach(document.createElement('parent-wrapper'))
      watchDepth(pages[pages.length - 1], pagePath)
      return page
    },
  }
}

/* base.wxml renders a view tree BASE_LEVEL levels deep (config/index.ts, baseLevel); a deeper
   node goes through Taro's `comp` component, where the page's own styles do not apply. Every
   page a test opens is watched, and every waitFor fails once one has rendered deeper. */
const BASE_LEVEL = Math.max(...[...fs.readFileSync(path.join(WEAPP_ROOT, 'base.wxml'), 'utf8').matchAll(/<template name="tmpl_(\d+)_/g)].map((m) => Number(m[1]) + 1))
const tooDeep: string[] = []

/** Nodes below the page's root container: the levels base.wxml must render. */
function levelsOf(node: ViewNode | undefined): number {
  return node?.cn?.length ? 1 + Math.max(...node.cn.map(levelsOf)) : 0
}

function watchDepth(instance: any, pagePath: string): void {
  const setData = instance.setData.bind(instance)
  instance.setData = (data: unknown, callback?: () => void) => {
    setData(data, callback)
    const levels = levelsOf(instance.data.root)
    if (levels > BASE_LEVEL) tooDeep.push(`${pagePath} renders ${levels} levels deep, beyond baseLevel ${BASE_LEVEL}`)
  }
}

/** Taro renders asynchronously: wait until the page shows what we look for. */
export async function waitFor<T>(probe: () => T | undefined | null | false, what: string, timeoutMs = 10_000): Promise<T> {
  const started = Date.now()
  for (;;) {
    if (tooDeep.length > 0) throw new Error(tooDeep.join('; '))
    const value = probe()
    if (value) return value
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

/** Taro's view tree as the page sent it to WeChat's view layer by setData. */
interface ViewNode {
  cl?: string
  cn?: ViewNode[]
  [prop: string]: unknown
}

/** The nodes of the page's view data whose class list has `className`. */
export function viewNodes(pageInstance: { data: { root?: ViewNode } }, className: string): ViewNode[] {
  const found: ViewNode[] = []
  const visit = (node: ViewNode) => {
    if (typeof node.cl === 'string' && node.cl.split(/\s+/).includes(className)) found.push(node)
    node.cn?.forEach(visit)
  }
  if (pageInstance.data.root) visit(pageInstance.data.root)
  return found
}

/** All the text a page (or a node of it) shows. */
export const text = (node: any) => node.dom.textContent as string

/** A tap on the first node of the page matching `selector`. */
export const tap = (page: any, selector: string) => page.querySelector(selector).dispatchEvent('tap')

/** Typing into an input: what Taro's onInput receives. */
export const type = (page: any, selector: string, value: string) => page.querySelector(selector).dispatchEvent('input', { detail: { value } })

/** An image node's src: Taro's base template binds <image src="{{i.p4}}">. */
export const imageSrc = (node: ViewNode) => String(node.p4 ?? '')

/** The app closed and opened again (WeChat dropped it from memory): every module is loaded anew,
 *  only what the phone keeps (storage, saved files) is still there. */
export function relaunchMiniProgram(serverUrl: string, wxOverrides: Record<string, unknown> = {}): MiniProgram {
  jest.resetModules()
  delete (globalThis as any).wx
  return launchMiniProgram(serverUrl, wxOverrides)
}
