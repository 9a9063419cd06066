import { randomBytes } from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'
import { promisify } from 'node:util'
import zlib from 'node:zlib'

/* A buyer on 3G waits for every byte of the H5 app's JavaScript, which brotli makes about a
   fifth. Compressing on every request would cost the server's CPU per buyer, so each file is
   compressed once, beside itself (`app.js.br`, `app.js.gz`), and @fastify/static sends the twin
   the browser accepts. A twin older than its file (a new build over an old one) is made again. */

const brotli = promisify(zlib.brotliCompress)
const gzip = promisify(zlib.gzip)

const COMPRESSIBLE = /\.(js|css|html|svg|json|txt|xml)$/
/** Below this, the headers weigh more than what compression would save. */
const SMALLEST_WORTH_COMPRESSING = 1024

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { withFileTypes: true })
  const nested = await Promise.all(entries.map((entry) => {
    const full = path.join(dir, entry.name)
    return entry.isDirectory() ? filesUnder(full) : Promise.resolve([full])
  }))
  return nested.flat()
}

async function isFresh(twin: string, mtimeMs: number): Promise<boolean> {
  const stat = await fs.stat(twin).catch(() => null)
  return stat !== null && stat.mtimeMs >= mtimeMs
}

/* Written aside and renamed into place: a request never reads half a twin, and two servers
   (or two test apps in one process) compressing the same build never write into one file. */
async function writeWhole(file: string, bytes: Buffer): Promise<void> {
  const partial = `${file}.${randomBytes(6).toString('hex')}.partial`
  await fs.writeFile(partial, bytes)
  await fs.rename(partial, file)
}

async function compressOne(file: string): Promise<boolean> {
  const stat = await fs.stat(file)
  if (stat.size < SMALLEST_WORTH_COMPRESSING) return false
  if ((await isFresh(`${file}.br`, stat.mtimeMs)) && (await isFresh(`${file}.gz`, stat.mtimeMs))) return false
  const bytes = await fs.readFile(file)
  const [br, gz] = await Promise.all([
    brotli(bytes, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } }),
    gzip(bytes, { level: 9 }),
  ])
  await writeWhole(`${file}.br`, br)
  await writeWhole(`${file}.gz`, gz)
  return true
}

/** Gives every compressible file of the folder its brotli and gzip twins; how many it made. */
export async function precompressFolder(dir: string): Promise<number> {
  const files = (await filesUnder(dir)).filter((file) => COMPRESSIBLE.test(file))
  let made = 0
  // Four at a time: zlib runs on libuv's four threads, and the server keeps answering meanwhile.
  for (let i = 0; i < files.length; i += 4) {
    const done = await Promise.all(files.slice(i, i + 4).map(compressOne))
    made += done.filter(Boolean).length
  }
  return made
}
