import { orderBody } from './order-fixtures'

/* Buyers placing orders over HTTP without pause, as the app's checkout does: a buyer keeps the
   Idempotency-Key of an order until it has a final answer, so after a 503, a 409 "still being
   placed" or no answer at all the same order is asked for again; only then comes the next one.
   Every answer is kept, with when it came, for the test to judge. */

export interface Answer {
  /** Date.now() when the answer (or the failure) came. */
  at: number
  key: string
  /** 0: no HTTP answer at all (the connection dropped or was refused). */
  status: number
  code?: string
  message?: string
  retryAfter: string | null
  network?: string
}

export interface PlacedOrder {
  id: string
  token: string
  lines: [string, number][]
}

export interface OrderLoad {
  answers: Answer[]
  /** Every order answered 201, by id: what the buyers were told they have. */
  placed: Map<string, PlacedOrder>
  /** Stops asking for new orders; each buyer first gets a final answer for the one it is on,
   *  for at most `drainMs`. Resolves with the keys still without one. */
  stop(drainMs?: number): Promise<string[]>
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
// The app waits Retry-After; these buyers are impatient, to keep the server busy through an outage.
const RETRY_PAUSE_MS = 100
// Keys are the buyer's own for 48 hours: one sequence for every load of the test process.
let serial = 0

export function startOrderLoad(api: string, tokens: string[], pickLines: () => [string, number][], buyers = 8): OrderLoad {
  const answers: Answer[] = []
  const placed = new Map<string, PlacedOrder>()
  const unresolved: string[] = []
  let stopping = false
  let drainUntil = Infinity

  async function send(token: string, key: string, lines: [string, number][]): Promise<{ answer: Answer; id?: string }> {
    try {
      const response = await fetch(`${api}/orders`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'idempotency-key': key },
        body: JSON.stringify(orderBody(lines)),
      })
      const body = (await response.json()) as { id?: string; error?: { code: string; message: string } }
      const { code, message } = body.error ?? {}
      return { answer: { at: Date.now(), key, status: response.status, code, message, retryAfter: response.headers.get('retry-after') }, id: body.id }
    } catch (error) {
      return { answer: { at: Date.now(), key, status: 0, retryAfter: null, network: String((error as Error).cause ?? error) } }
    }
  }

  async function buyer(n: number) {
    const token = tokens[n % tokens.length]
    while (!stopping) {
      const key = `load-${process.pid}-${n}-${++serial}`
      const lines = pickLines()
      for (;;) {
        const { answer, id } = await send(token, key, lines)
        answers.push(answer)
        if (answer.status === 201 && id) placed.set(id, { id, token, lines })
        const again = answer.status === 0 || answer.status === 503 || answer.code === 'IDEMPOTENCY_IN_PROGRESS'
        if (!again) break
        if (Date.now() > drainUntil) {
          unresolved.push(key)
          return
        }
        await pause(RETRY_PAUSE_MS)
      }
    }
  }

  const running = Promise.all(Array.from({ length: buyers }, (_, n) => buyer(n)))
  return {
    answers,
    placed,
    async stop(drainMs = 10_000) {
      stopping = true
      drainUntil = Date.now() + drainMs
      await running
      return unresolved
    },
  }
}
