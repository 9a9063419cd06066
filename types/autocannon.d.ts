/* autocannon (the load generator of bench:scale) ships no types: the part we use. */
declare module 'autocannon' {
  interface Request {
    method?: string
    path?: string
    headers?: Record<string, string>
    body?: string
    setupRequest?: (request: Request, context: Record<string, unknown>) => Request
  }
  interface Options {
    url: string
    connections?: number
    duration?: number
    method?: string
    headers?: Record<string, string>
    requests?: Request[]
  }
  interface Result {
    requests: { average: number; total: number }
    latency: { p50: number; p99: number; average: number }
    '2xx': number
    non2xx: number
    errors: number
    timeouts: number
    duration: number
  }
  function autocannon(options: Options): Promise<Result>
  export default autocannon
}
