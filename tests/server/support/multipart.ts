import { randomBytes } from 'node:crypto'

/* A multipart/form-data body built by hand, so a test controls every byte: the file name and
   declared type a client claims, extra parts, a part with no file. */

export interface FormPart {
  name: string
  /** Present for a file part. */
  filename?: string
  contentType?: string
  data: Buffer | string
}

export function multipartForm(parts: FormPart[]): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----xiangji${randomBytes(8).toString('hex')}`
  const chunks: Buffer[] = []
  for (const part of parts) {
    let head = `--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"`
    if (part.filename !== undefined) head += `; filename="${part.filename}"`
    head += '\r\n'
    if (part.contentType) head += `Content-Type: ${part.contentType}\r\n`
    chunks.push(Buffer.from(`${head}\r\n`), Buffer.from(part.data), Buffer.from('\r\n'))
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`))
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } }
}

/** The usual upload: one file in the field `file`, named and typed as the client likes. */
export const photoForm = (data: Buffer, filename = 'photo.jpg', contentType = 'image/jpeg') =>
  multipartForm([{ name: 'file', filename, contentType, data }])
