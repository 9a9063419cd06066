/* The part of autocannon (which ships no types) bench/load.ts uses. */
declare module 'autocannon' {
  interface Request {
    method?: string
    path?: string
    headers?: Record<string, string>
    body?: string
    setupRequest?: (request: Request, context: object) => Request
    onResponse?: (status: number, body: string, context: object, headers: Record<string, string>) => void
  }
  interface Options {
    url: string
    connections?: number
    duration?: number
    headers?: Record<string, string>
    requests?: Request[]
  }
  interface Stats {
    average: number
    p50: number
    p99: number
  }
  interface Result {
    requests: Stats
    latency: Stats
    non2xx: number
  }
  function autocannon(options: Options): Promise<Result>
  export default autocannon
}
