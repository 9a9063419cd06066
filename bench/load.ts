import autocannon from 'autocannon'

/* One round of load with autocannon, and the median of several. */

export const CONNECTIONS = 20
export const SECONDS = Number(process.env.BENCH_SECONDS ?? 5)
export const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3)

export interface Round {
  perSecond: number
  p50: number
  p99: number
  /** Answers other than 2xx, 304 and a sold-out refusal. */
  other: number
  soldOut: number
  otherCodes: Record<string, number>
}

export interface OrderRequest {
  headers: Record<string, string>
  body: string
}

/** GETs of one URL for SECONDS: answers per second. */
export async function readRound(url: string, headers: Record<string, string> = {}): Promise<Round> {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: SECONDS, headers })
  const other = result.non2xx
  return { perSecond: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, other, soldOut: 0, otherCodes: other ? { non2xx: other } : {} }
}

/** POSTs made by `next` for SECONDS: orders placed per second; sold-out refusals counted apart. */
export async function orderRound(url: string, next: () => OrderRequest): Promise<Round> {
  let placed = 0
  let soldOut = 0
  const otherCodes: Record<string, number> = {}
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: SECONDS,
    requests: [
      {
        method: 'POST',
        setupRequest: (request) => {
          const { headers, body } = next()
          return { ...request, headers: { ...request.headers, 'content-type': 'application/json', ...headers }, body }
        },
        onResponse: (status: number, body: string) => {
          if (status === 201) placed++
          else if (status === 409 && body.includes('OUT_OF_STOCK')) soldOut++
          else {
            const code = `${status} ${/"code":"(\w+)"/.exec(body)?.[1] ?? ''}`
            otherCodes[code] = (otherCodes[code] ?? 0) + 1
          }
        },
      },
    ],
  })
  const other = Object.values(otherCodes).reduce((a, b) => a + b, 0)
  return { perSecond: placed / SECONDS, p50: result.latency.p50, p99: result.latency.p99, other, soldOut, otherCodes }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]

/** The round of median rate, with the problems of every round added up. */
export function medianRound(rounds: Round[]): Round {
  const rate = median(rounds.map((r) => r.perSecond))
  const middle = rounds.find((r) => r.perSecond === rate)!
  const otherCodes: Record<string, number> = {}
  for (const round of rounds) for (const [code, n] of Object.entries(round.otherCodes)) otherCodes[code] = (otherCodes[code] ?? 0) + n
  return { ...middle, other: rounds.reduce((a, r) => a + r.other, 0), soldOut: rounds.reduce((a, r) => a + r.soldOut, 0), otherCodes }
}
