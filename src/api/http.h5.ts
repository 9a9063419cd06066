import type { HttpAnswer, HttpExchange } from './http'

/* The browser's HTTP exchange (http.ts says why it is not Taro's request). The answer is read as
   Taro's would be: JSON where it parses, else the text as it came; a network failure or the
   timeout rejects with `{errMsg}`. */
export async function send(exchange: HttpExchange): Promise<HttpAnswer> {
  const timeout = new AbortController()
  const timer = setTimeout(() => timeout.abort(), exchange.timeoutMs)
  try {
    const response = await fetch(exchange.url, {
      method: exchange.method,
      headers: exchange.header,
      body: exchange.body === undefined ? undefined : JSON.stringify(exchange.body),
      signal: timeout.signal,
    })
    const text = await response.text()
    return { statusCode: response.status, data: exchange.text ? text : parsed(text) }
  } catch (error) {
    throw { errMsg: timeout.signal.aborted ? 'request:fail timeout' : `request:fail ${(error as Error)?.message ?? error}` }
  } finally {
    clearTimeout(timer)
  }
}

function parsed(text: string): unknown {
  if (text === '') return text
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}
