import { execFileSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'

/* What the phone around the mini-program does, done for real on this machine: its storage (kept
   across a restart of the app), photos the camera "takes" as real JPEG files, wx.saveFile copying
   them into the app's saved files, and wx.uploadFile sending a file as multipart/form-data to
   the real server with progress. The network can be switched off: uploads then fail as WeChat's
   do, with `uploadFile:fail`. */

type Callback = (result: Record<string, unknown>) => void
interface Callbacks {
  success?: Callback
  fail?: Callback
  complete?: Callback
}

/** Answers as wx does: by callbacks when given, else (base library ≥ 2.10) by a promise. */
function later(options: Callbacks, ok: boolean, result: Record<string, unknown>): Promise<Record<string, unknown>> | undefined {
  if (!options.success && !options.fail && !options.complete) return ok ? Promise.resolve(result) : Promise.reject(result)
  setTimeout(() => {
    ;(ok ? options.success : options.fail)?.(result)
    options.complete?.(result)
  }, 0)
  return undefined
}

export interface Phone {
  /** wx overrides for launchMiniProgram. */
  wx: Record<string, unknown>
  storage: Map<string, string>
  online: boolean
  /** The signal goes after this many more uploads have gone through (null: it stays). */
  dropSignalAfter: number | null
  /** Every upload the app started, by the file it sent. */
  uploads: string[]
  savedFiles(): string[]
  /** The camera takes these photos next (each a distinct real JPEG). */
  takePhotos(count: number): void
  /** WeChat's record of the privacy guide on this phone (用户隐私保护指引). */
  privacy: PhonePrivacy
  /** Times the camera or album opened (wx.chooseMedia got past WeChat's privacy check). */
  pickerOpened: number
  close(): void
}

export interface PhonePrivacy {
  agreed: boolean
  /** getPrivacySetting fails (a flaky base library): only WeChat's own hold protects the call. */
  settingFails: boolean
  /** Calls WeChat held until the app answered onNeedPrivacyAuthorization, by API name. */
  held: string[]
  /** Buttons of open-type agreePrivacyAuthorization the user tapped, by id. */
  tappedAgree: string[]
}

/** A distinct real JPEG on disk (drawn by sharp in a child process: jsdom cannot load it). */
function writeJpeg(file: string, seed: number): void {
  const script = `require('sharp')({ create: { width: 480, height: 360, channels: 3, background: { r: ${40 + (seed * 37) % 200}, g: ${90 + (seed * 11) % 100}, b: 60 } } }).jpeg().toFile(${JSON.stringify(file)}).catch((e) => { console.error(e); process.exit(1) })`
  execFileSync(process.execPath, ['-e', script], { cwd: path.resolve(__dirname, '..', '..', '..') })
}

type NeedPrivacyListener = (resolve: (option: { event: string; buttonId?: string }) => void) => void

/** As WeChat does with __usePrivacyCheck__: a privacy API runs only once the guide is agreed;
 *  until then the app's onNeedPrivacyAuthorization listener holds it and answers for the user. */
function privacyChecked(phone: Phone, listener: () => NeedPrivacyListener | null, api: string, options: Callbacks, run: () => unknown): unknown {
  if (phone.privacy.agreed) return run()
  const refusal = { errMsg: `${api}:fail privacy permission is not authorized`, errno: 104 }
  const held = listener()
  if (!held) return later(options, false, refusal)
  phone.privacy.held.push(api)
  // Called with callbacks, the answer goes to them; without, to the promise the call returned.
  let settle: (outcome: unknown, ok: boolean) => void = () => {}
  const answered = options.success || options.fail || options.complete ? undefined : new Promise((resolve, reject) => (settle = (outcome, ok) => (ok ? resolve(outcome) : reject(outcome))))
  held((option) => {
    if (option.event === 'exposureAuthorization') return
    // WeChat lets the call through only for an agree button the user really tapped.
    if (option.event === 'agree' && option.buttonId && phone.privacy.tappedAgree.includes(option.buttonId)) {
      phone.privacy.agreed = true
      const ran = run() as Promise<unknown> | undefined
      ran?.then((result) => settle(result, true), (error) => settle(error, false))
    } else if (answered) settle(refusal, false)
    else later(options, false, refusal)
  })
  return answered
}

export function createPhone(serverUrl: string, { privacyAgreed = true } = {}): Phone {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xiangji-phone-'))
  const savedDir = path.join(dir, 'saved')
  fs.mkdirSync(savedDir)
  // wx.env.USER_DATA_PATH: the files the app writes itself (a report to send on).
  const userDataDir = path.join(dir, 'usr')
  fs.mkdirSync(userDataDir)
  const storage = new Map<string, string>()
  let nextShot: string[] = []
  let shots = 0
  let needPrivacy: NeedPrivacyListener | null = null

  const phone: Phone = {
    storage,
    online: true,
    dropSignalAfter: null,
    uploads: [],
    privacy: { agreed: privacyAgreed, settingFails: false, held: [], tappedAgree: [] },
    pickerOpened: 0,
    savedFiles: () => fs.readdirSync(savedDir),
    takePhotos(count) {
      nextShot = Array.from({ length: count }, () => {
        const file = path.join(dir, `tmp_${++shots}.jpg`)
        writeJpeg(file, shots)
        return file
      })
    },
    close: () => fs.rmSync(dir, { recursive: true, force: true }),
    wx: {
      env: { USER_DATA_PATH: userDataDir },
      getStorageSync: (key: string) => storage.get(key) ?? '',
      setStorageSync: (key: string, value: string) => void storage.set(key, value),
      removeStorageSync: (key: string) => void storage.delete(key),
      getPrivacySetting(options: Callbacks) {
        if (phone.privacy.settingFails) return later(options, false, { errMsg: 'getPrivacySetting:fail' })
        return later(options, true, { needAuthorization: !phone.privacy.agreed, privacyContractName: '《乡集小程序隐私保护指引》', errMsg: 'getPrivacySetting:ok' })
      },
      onNeedPrivacyAuthorization: (listener: NeedPrivacyListener) => void (needPrivacy = listener),
      openPrivacyContract: (options: Callbacks) => later(options, true, { errMsg: 'openPrivacyContract:ok' }),
      chooseMedia(options: Callbacks & { count?: number }) {
        return privacyChecked(phone, () => needPrivacy, 'chooseMedia', options, () => {
          phone.pickerOpened++
          const taken = nextShot.slice(0, options.count ?? 9)
          nextShot = []
          if (taken.length === 0) return later(options, false, { errMsg: 'chooseMedia:fail cancel' })
          return later(options, true, { type: 'image', tempFiles: taken.map((tempFilePath) => ({ tempFilePath, size: fs.statSync(tempFilePath).size, fileType: 'image' })), errMsg: 'chooseMedia:ok' })
        })
      },
      getFileSystemManager: () => ({
        saveFile(options: Callbacks & { tempFilePath: string }) {
          const savedFilePath = path.join(savedDir, `store_${randomBytes(6).toString('hex')}.jpg`)
          fs.copyFileSync(options.tempFilePath, savedFilePath)
          later(options, true, { savedFilePath, errMsg: 'saveFile:ok' })
        },
        writeFileSync(filePath: string, data: string, encoding: BufferEncoding) {
          if (!filePath.startsWith(userDataDir + '/')) throw { errMsg: `writeFileSync:fail permission denied, open ${filePath}` }
          fs.writeFileSync(filePath, data, encoding)
        },
        removeSavedFile(options: Callbacks & { filePath: string }) {
          const ok = options.filePath.startsWith(savedDir) && fs.existsSync(options.filePath)
          if (ok) fs.rmSync(options.filePath)
          later(options, ok, { errMsg: ok ? 'removeSavedFile:ok' : 'removeSavedFile:fail file not found' })
        },
      }),
      uploadFile: (options: UploadOptions) => uploadVia(serverUrl, phone, options),
    },
  }
  return phone
}

interface UploadOptions extends Callbacks {
  url: string
  filePath: string
  name: string
  header?: Record<string, string>
  formData?: Record<string, string>
}

/** wx.uploadFile: the file at `filePath` as one multipart part named `name`, to the real server. */
function uploadVia(serverUrl: string, phone: Phone, options: UploadOptions) {
  const listeners: ((update: { progress: number; totalBytesSent: number; totalBytesExpectedToSend: number }) => void)[] = []
  const task = { onProgressUpdate: (listener: (typeof listeners)[number]) => void listeners.push(listener), abort() {} }
  phone.uploads.push(options.filePath)
  if (phone.dropSignalAfter !== null && phone.dropSignalAfter-- <= 0) phone.online = false
  if (!phone.online) {
    later(options, false, { errMsg: 'uploadFile:fail net::ERR_INTERNET_DISCONNECTED' })
    return task
  }
  const boundary = `----wxupload${randomBytes(8).toString('hex')}`
  const file = fs.readFileSync(options.filePath)
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${options.name}"; filename="${path.basename(options.filePath)}"\r\nContent-Type: image/jpeg\r\n\r\n`)
  const body = Buffer.concat([head, file, Buffer.from(`\r\n--${boundary}--\r\n`)])
  const asked = new URL(options.url)
  const request = http.request(new URL(asked.pathname + asked.search, serverUrl), {
    method: 'POST',
    headers: { ...options.header, 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': String(body.length) },
  })
  request.on('response', (response) => {
    const chunks: Buffer[] = []
    response.on('data', (chunk) => chunks.push(chunk))
    // WeChat hands the body back as a string, whatever its type.
    response.on('end', () => later(options, true, { data: Buffer.concat(chunks).toString('utf8'), statusCode: response.statusCode, errMsg: 'uploadFile:ok' }))
  })
  request.on('error', (error) => later(options, false, { errMsg: `uploadFile:fail ${error.message}` }))
  // Sent in quarters, reporting progress as WeChat does.
  const quarter = Math.ceil(body.length / 4)
  for (let sent = 0; sent < body.length; sent += quarter) {
    request.write(body.subarray(sent, sent + quarter))
    const total = Math.min(body.length, sent + quarter)
    setTimeout(() => listeners.forEach((l) => l({ progress: Math.round((total / body.length) * 100), totalBytesSent: total, totalBytesExpectedToSend: body.length })), 0)
  }
  request.end()
  return task
}

/** Signs a demo user in over HTTP and puts the session where the app keeps it, as if they had
 *  signed in on this phone earlier. */
export async function signInOnPhone(serverUrl: string, phone: Phone, userId: string): Promise<string> {
  const response = await fetchJson(serverUrl + '/api/v1/auth/dev', 'POST', { userId })
  phone.storage.set('xiangji.token', response.token)
  phone.storage.set('xiangji.user', JSON.stringify(response.user))
  return response.token
}

/** A call to the server from the test itself, JSON or a CSV report's text (node:http: jsdom's fetch is not there). */
export function fetchJson(url: string, method = 'GET', body?: unknown, token?: string, extraHeaders: Record<string, string> = {}): Promise<any> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body)
    const headers: Record<string, string> = { ...extraHeaders }
    if (payload) headers['content-type'] = 'application/json'
    if (token) headers.authorization = `Bearer ${token}`
    const request = http.request(url, { method, headers }, (response) => {
      const chunks: Buffer[] = []
      response.on('data', (chunk) => chunks.push(chunk))
      response.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8')
        if ((response.statusCode ?? 500) >= 400) reject(new Error(`${method} ${url} → ${response.statusCode} ${text}`))
        else if (!text) resolve(null)
        // A report comes as CSV: handed back as the text it is.
        else if (!String(response.headers['content-type'] ?? '').includes('json')) resolve(text)
        else resolve(JSON.parse(text))
      })
    })
    request.on('error', reject)
    if (payload) request.write(payload)
    request.end()
  })
}
