import { type Server, STATUS_CODES } from 'node:http'
import type { Socket } from 'node:net'
import type { FastifyError, FastifyHttpOptions, FastifyReply, FastifyRequest } from 'fastify'
import type { ServerConfig } from '../config'
import { type ErrorCode, errorBody, sendFastifyRefusal, statusOf } from './errors'

/* What happens before a request reaches a route: which proxies are believed, how long a
   connection may dawdle, and the answers to requests that never became requests (a malformed
   message, headers too large, a URL that cannot be decoded). Every one of those still answers
   in the API's error shape. */

/** X-Forwarded-* are believed only from the configured proxies: from anyone else, a client
    could name the host our photo URLs point at (poisoning a cache in front) or the address the
    log blames. */
export function transportOptions(config: Pick<ServerConfig, 'trustProxy' | 'timeouts'>): FastifyHttpOptions<Server> {
  const { timeouts } = config
  return {
    trustProxy: config.trustProxy.length > 0 ? config.trustProxy : false,
    requestTimeout: timeouts.requestMs,
    connectionTimeout: timeouts.idleMs,
    keepAliveTimeout: timeouts.keepAliveMs,
    // Node checks the header and request deadlines on this beat (30 s by default, which would
    // let a slow sender overstay its deadline by that much).
    http: { headersTimeout: timeouts.headersMs, connectionsCheckingInterval: Math.min(2_000, timeouts.headersMs) },
    clientErrorHandler: answerClientError,
    frameworkErrors: answerFrameworkError,
  }
}

interface ClientError extends Error {
  code?: string
}

/** Node's parser refused the message (both Transfer-Encoding and Content-Length, garbage,
    headers too large) or its deadline passed: answer once in our shape, then close. */
function answerClientError(error: ClientError, socket: Socket): void {
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy()
    return
  }
  const [code, message] = clientErrorAnswer(error.code)
  const status = statusOf[code]
  const body = JSON.stringify(errorBody(code, message))
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  )
}

function clientErrorAnswer(code: string | undefined): [ErrorCode, string] {
  if (code === 'HPE_HEADER_OVERFLOW') return ['HEADERS_TOO_LARGE', 'the request headers are too large']
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') return ['REQUEST_TIMEOUT', 'the request took too long to arrive']
  // A control character in the path or a header, both Transfer-Encoding and Content-Length, garbage.
  return ['VALIDATION_FAILED', 'the request line or a header is not valid HTTP']
}

/** Errors the router raises before any route runs: a path parameter too long keeps its 414, a
    path that is no UTF-8 (%ED%A0%80) is a 400 like any other bad input. */
function answerFrameworkError(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    void reply.status(statusOf.URI_TOO_LONG).send(errorBody('URI_TOO_LONG', 'a part of the path is longer than 100 characters'))
    return
  }
  void sendFastifyRefusal(reply, error)
}
