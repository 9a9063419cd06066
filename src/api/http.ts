import Taro from '@tarojs/taro'

/* One HTTP exchange, as request.ts needs it: the mini-program's is wx.request through Taro. The
   browser's is http.h5.ts (Taro picks a file by its platform suffix): fetch itself, which every
   browser we serve has, so Taro's request with its fetch, AbortController and JSONP polyfills
   stays out of the H5 first load. A failure rejects with `{errMsg}`, as wx does. */

export interface HttpExchange {
  url: string
  method: string
  header: Record<string, string>
  body: unknown
  /** The answer as text (a CSV report); else JSON where it parses. */
  text: boolean
  timeoutMs: number
}

export interface HttpAnswer {
  statusCode: number
  data: unknown
}

export async function send(exchange: HttpExchange): Promise<HttpAnswer> {
  const { statusCode, data } = await Taro.request({
    url: exchange.url,
    method: exchange.method as Taro.request.Option['method'],
    header: exchange.header,
    data: exchange.body as Taro.request.Option['data'],
    dataType: exchange.text ? 'text' : 'json',
    timeout: exchange.timeoutMs,
  })
  return { statusCode, data }
}
