import { createCipheriv, createHash, randomBytes } from 'node:crypto'

/* The fake WeChat's content security, as WeChat documents it: msgSecCheck v2 (a verdict per
   phrase the test sets, errcode 45009 past the minute's quota) and mediaCheckAsync v2 (a
   trace_id at once, the verdict pushed later to our message-push URL as a wxa_media_check event,
   signed with the token, encrypted in safe mode). The push can come now, be held (late), come
   twice, or never. The encryption here is written from WeChat's description, apart from the
   server's, so each checks the other. */

export type Suggestion = 'pass' | 'review' | 'risky'

export interface PushTarget {
  url: string
  token: string
  /** Set: safe mode (encrypted); empty: plain mode. */
  aesKey: string
}

export interface MediaCheck {
  traceId: string
  mediaUrl: string
  openid: string
  scene: number
}

export interface PushResult {
  traceId: string
  status: number
  body: string
}

export interface ContentSecurityFake {
  /** The text checks received, in order. */
  textChecks: { content: string; scene: number; openid: string }[]
  /** Text containing `phrase` gets this verdict (risky wins over review over pass). */
  setTextVerdict(phrase: string, suggest: Suggestion): void
  /** Lower the text checks' minute quota (WeChat's is 4,000) to see 45009. */
  setTextQuota(quota: number): void
  /** The photo checks received. */
  mediaChecks: MediaCheck[]
  /** A photo whose URL contains `urlPart` gets this verdict (default pass). */
  setPhotoVerdict(urlPart: string, suggest: Suggestion): void
  /** Where verdicts are pushed. */
  setPushTarget(target: PushTarget): void
  /** now: pushed at once; held: kept until releaseHeld (late); twice: pushed twice; never. */
  setPushTiming(timing: 'now' | 'held' | 'twice' | 'never'): void
  releaseHeld(): Promise<void>
  /** Every push's answer from our server. */
  pushes: PushResult[]
  /** Waits for the pushes under way. */
  settled(): Promise<void>
  /** The event WeChat would push for a check, signed for the target (a test may tamper with it). */
  signedPush(check: MediaCheck, options?: { suggest?: Suggestion }): { url: string; body: string }
  /** Answers a request of its API, or null when the path is not one of its own. */
  handle(path: string, body: Record<string, any>): object | null
}

export function signature(...parts: string[]): string {
  return createHash('sha1').update([...parts].sort().join('')).digest('hex')
}

/** WeChat's safe mode: random(16) + length(4, big-endian) + message + appid, PKCS#7 to 32 bytes. */
export function encryptForPush(aesKey: string, message: string, appId: string): string {
  const key = Buffer.from(`${aesKey}=`, 'base64')
  const msg = Buffer.from(message, 'utf8')
  const length = Buffer.alloc(4)
  length.writeUInt32BE(msg.length)
  const plain = Buffer.concat([randomBytes(16), length, msg, Buffer.from(appId, 'utf8')])
  const pad = 32 - (plain.length % 32)
  const padded = Buffer.concat([plain, Buffer.alloc(pad, pad)])
  const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16))
  cipher.setAutoPadding(false)
  return Buffer.concat([cipher.update(padded), cipher.final()]).toString('base64')
}

export function createContentSecurityFake(appId: string): ContentSecurityFake {
  const textVerdicts = new Map<string, Suggestion>()
  const photoVerdicts = new Map<string, Suggestion>()
  const textChecks: ContentSecurityFake['textChecks'] = []
  const mediaChecks: MediaCheck[] = []
  const pushes: PushResult[] = []
  const held: MediaCheck[] = []
  const underway = new Set<Promise<void>>()
  let textCallTimes: number[] = []
  let textQuota = 4000
  let target: PushTarget | null = null
  let timing: 'now' | 'held' | 'twice' | 'never' = 'now'
  const rank: Record<Suggestion, number> = { pass: 0, review: 1, risky: 2 }

  function photoVerdictOf(url: string): Suggestion {
    let verdict: Suggestion = 'pass'
    for (const [part, suggest] of photoVerdicts) if (url.includes(part) && rank[suggest] > rank[verdict]) verdict = suggest
    return verdict
  }

  function eventOf(check: MediaCheck, suggest: Suggestion) {
    return {
      ToUserName: 'gh_fake',
      FromUserName: check.openid,
      CreateTime: Math.floor(Date.now() / 1000),
      MsgType: 'event',
      Event: 'wxa_media_check',
      appid: appId,
      trace_id: check.traceId,
      version: 2,
      detail: [{ strategy: 'content_model', errcode: 0, suggest, label: suggest === 'pass' ? 100 : 20002, prob: 90 }],
      errcode: 0,
      errmsg: 'ok',
      result: { suggest, label: suggest === 'pass' ? 100 : 20002 },
    }
  }

  function signedPush(check: MediaCheck, options: { suggest?: Suggestion } = {}) {
    if (!target) throw new Error('no push target')
    const event = JSON.stringify(eventOf(check, options.suggest ?? photoVerdictOf(check.mediaUrl)))
    const timestamp = String(Math.floor(Date.now() / 1000))
    const nonce = randomBytes(6).toString('hex')
    const url = new URL(target.url)
    url.searchParams.set('timestamp', timestamp)
    url.searchParams.set('nonce', nonce)
    url.searchParams.set('signature', signature(target.token, timestamp, nonce))
    url.searchParams.set('openid', check.openid)
    if (!target.aesKey) return { url: url.toString(), body: event }
    const encrypted = encryptForPush(target.aesKey, event, appId)
    url.searchParams.set('encrypt_type', 'aes')
    url.searchParams.set('msg_signature', signature(target.token, timestamp, nonce, encrypted))
    return { url: url.toString(), body: JSON.stringify({ ToUserName: 'gh_fake', Encrypt: encrypted }) }
  }

  function push(check: MediaCheck): Promise<void> {
    const { url, body } = signedPush(check)
    const done = fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body })
      .then(async (response) => void pushes.push({ traceId: check.traceId, status: response.status, body: await response.text() }))
      .catch((error) => void pushes.push({ traceId: check.traceId, status: 0, body: String(error) }))
    underway.add(done)
    void done.finally(() => underway.delete(done))
    return done
  }

  function schedule(check: MediaCheck) {
    if (timing === 'never') return
    if (timing === 'held') return void held.push(check)
    // After the answer, as WeChat does: the verdict never arrives before the trace_id.
    setTimeout(() => {
      void push(check).then(() => (timing === 'twice' ? push(check) : undefined))
    }, 20)
  }

  return {
    textChecks,
    setTextVerdict: (phrase, suggest) => void textVerdicts.set(phrase, suggest),
    setTextQuota: (quota) => void (textQuota = quota),
    mediaChecks,
    setPhotoVerdict: (part, suggest) => void photoVerdicts.set(part, suggest),
    setPushTarget: (t) => void (target = t),
    setPushTiming: (t) => void (timing = t),
    async releaseHeld() {
      for (const check of held.splice(0)) await push(check)
    },
    pushes,
    async settled() {
      await new Promise((resolve) => setTimeout(resolve, 60))
      while (underway.size > 0) await Promise.all([...underway])
    },
    signedPush,
    handle(path, body) {
      if (path === '/wxa/msg_sec_check') {
        const now = Date.now()
        textCallTimes = textCallTimes.filter((t) => now - t < 60_000)
        textCallTimes.push(now)
        if (textCallTimes.length > textQuota) return { errcode: 45009, errmsg: 'reach max api daily quota limit' }
        if (body.version !== 2 || typeof body.content !== 'string' || ![1, 2, 3, 4].includes(body.scene)) return { errcode: 40097, errmsg: 'invalid args' }
        if (typeof body.openid !== 'string' || !body.openid) return { errcode: 40003, errmsg: 'invalid openid' }
        if ([...body.content].length > 2500) return { errcode: 87014, errmsg: 'content too long' }
        textChecks.push({ content: body.content, scene: body.scene, openid: body.openid })
        let suggest: Suggestion = 'pass'
        for (const [phrase, verdict] of textVerdicts) if (body.content.includes(phrase) && rank[verdict] > rank[suggest]) suggest = verdict
        const label = suggest === 'pass' ? 100 : 20001
        return { errcode: 0, errmsg: 'ok', trace_id: randomBytes(8).toString('hex'), result: { suggest, label }, detail: [{ strategy: 'content_model', errcode: 0, suggest, label, prob: 90 }] }
      }
      if (path === '/wxa/media_check_async') {
        // A wrong media_type would make WeChat pass everything: the fake refuses it instead.
        if (body.version !== 2 || body.media_type !== 2 || typeof body.media_url !== 'string' || typeof body.scene !== 'number') return { errcode: 40097, errmsg: 'invalid args' }
        if (typeof body.openid !== 'string' || !body.openid) return { errcode: 40003, errmsg: 'invalid openid' }
        const check = { traceId: `trace_${randomBytes(10).toString('hex')}`, mediaUrl: body.media_url, openid: body.openid, scene: body.scene }
        mediaChecks.push(check)
        schedule(check)
        return { errcode: 0, errmsg: 'ok', trace_id: check.traceId }
      }
      return null
    },
  }
}
