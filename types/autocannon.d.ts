/* The part of autocannon (the load generator of bench:api and bench:scale), which ships no
   types, that the benchmarks use. */
declare module 'autocannon' {
  interface Request {
    method?: string
    path?: string
    headers?: Record<string, string>
    body?: string
    setupRequest?: (request: Request, context: Record<string, unknown>) => Request
    onResponse?: (status: number, body: string, context: Record<string, unknown>, headers: Record<string, string>) => void
  }
  interface Options {
    url: string
    connections?: number
    duration?: number
    method?: string
    headers?: Record<string, string>
    requests?: Request[]
  }
  interface Stats {
    average: number
    total: number
    p50: number
    p99: number
  }
  interface Result {
    requests: Stats
    latency: Stats
    '2xx': number
    non2xx: number
    errors: number
    timeouts: number
    duration: number
  }
  function autocannon(options: Options): Promise<Result>
  export default autocannon
}
