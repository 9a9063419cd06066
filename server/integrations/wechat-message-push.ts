import { createDecipheriv, createHash, timingSafeEqual } from 'node:crypto'

/* WeChat's message push (消息推送) to our server, JSON data format. Source: 小程序 消息推送
   服务器配置 and 消息加解密说明.
   - The URL is checked by a GET with signature, timestamp, nonce and echostr: signature is the
     SHA-1 of the token, timestamp and nonce sorted and joined; we answer echostr.
   - Plain mode: each POST carries the same signature in its query; the JSON event is the body.
   - Safe mode: the body is {ToUserName, Encrypt}; msg_signature is the SHA-1 of token, timestamp,
     nonce and Encrypt sorted and joined. Encrypt is base64 of AES-256-CBC (key: the
     EncodingAESKey + '=' base64-decoded; IV: the key's first 16 bytes; PKCS#7 padding to 32-byte
     blocks) of 16 random bytes, the message's length (4 bytes, big-endian), the message and the
     mini-program's appid. */

export function pushSignature(...parts: string[]): string {
  return createHash('sha1').update([...parts].sort().join('')).digest('hex')
}

/** Compares a signature in constant time; anything but 40 hex digits is simply wrong. */
export function signatureMatches(expected: string, given: unknown): boolean {
  if (typeof given !== 'string' || !/^[0-9a-f]{40}$/i.test(given)) return false
  return timingSafeEqual(Buffer.from(expected, 'hex'), Buffer.from(given.toLowerCase(), 'hex'))
}

export class PushDecryptionError extends Error {}

/** Opens a safe-mode message; refuses one whose padding, length or appid is wrong. */
export function decryptPush(encodingAesKey: string, encrypted: string, appId: string): string {
  const key = Buffer.from(`${encodingAesKey}=`, 'base64')
  if (key.length !== 32) throw new PushDecryptionError('the EncodingAESKey is not 32 bytes')
  let plain: Buffer
  try {
    const decipher = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16))
    // WeChat pads to 32-byte blocks, which Node's PKCS#7 (16-byte blocks) would refuse.
    decipher.setAutoPadding(false)
    plain = Buffer.concat([decipher.update(Buffer.from(encrypted, 'base64')), decipher.final()])
  } catch {
    throw new PushDecryptionError('the message cannot be decrypted')
  }
  const pad = plain[plain.length - 1]
  if (!pad || pad > 32 || pad > plain.length) throw new PushDecryptionError('bad padding')
  const body = plain.subarray(0, plain.length - pad)
  if (body.length < 20) throw new PushDecryptionError('too short')
  const length = body.readUInt32BE(16)
  if (20 + length > body.length) throw new PushDecryptionError('bad length')
  const from = body.subarray(20 + length).toString('utf8')
  if (from !== appId) throw new PushDecryptionError('the message is for another mini-program')
  return body.subarray(20, 20 + length).toString('utf8')
}
