import { randomBytes } from 'node:crypto'
import zlib from 'node:zlib'
import sharp from 'sharp'

/* Images for the upload tests, made at test time (no binary fixtures in the repository). */

/** A noisy photo, so its encodings have a real size and the thumbnail is visibly smaller. */
export function photo(width: number, height: number) {
  return sharp({ create: { width, height, channels: 3, background: '#8a6', noise: { type: 'gaussian', mean: 128, sigma: 40 } } })
}

/** Text a GPS tag carries, to look for in the bytes of the stored copy. */
export const GPS_DATUM = 'WGS-84-HORINGER'

/** A JPEG with a farmer's position in its EXIF GPS directory (IFD3), as a phone camera writes it. */
export function jpegWithGps(): Promise<Buffer> {
  return photo(600, 400)
    .jpeg()
    .withExif({
      IFD0: { Make: 'Xiangji Test Phone', ImageDescription: 'lambs at the farm' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '40/1 22/1 4812/100', GPSLongitudeRef: 'E', GPSLongitude: '111/1 49/1 1200/100', GPSMapDatum: GPS_DATUM },
    })
    .toBuffer()
}

/** 400×200 landscape pixels marked orientation 6 ("rotate 90° clockwise"): a portrait photo. */
export function sidewaysJpeg(): Promise<Buffer> {
  return photo(400, 200).jpeg().withMetadata({ orientation: 6 }).toBuffer()
}

/** A real JPEG cut off half way, as a dropped 3G connection leaves it. */
export async function truncatedJpeg(): Promise<Buffer> {
  const whole = await photo(800, 600).jpeg().toBuffer()
  return whole.subarray(0, Math.floor(whole.length / 2))
}

/**
 * A valid 1-bit greyscale PNG of width × height black pixels. Black compresses to almost
 * nothing, so 30000×30000 (900 megapixels) is about 100 KB: a decompression bomb.
 */
export async function blackPng(width: number, height: number): Promise<Buffer> {
  const rowBytes = 1 + Math.ceil(width / 8) // filter byte + packed pixels
  const rowsPerWrite = 1000
  const rows = Buffer.alloc(rowBytes * rowsPerWrite)
  const deflate = zlib.createDeflate({ level: 9 })
  const compressed: Buffer[] = []
  deflate.on('data', (chunk: Buffer) => compressed.push(chunk))
  const finished = new Promise((resolve, reject) => deflate.on('end', resolve).on('error', reject))
  for (let done = 0; done < height; done += rowsPerWrite) deflate.write(rows.subarray(0, Math.min(rowsPerWrite, height - done) * rowBytes))
  deflate.end()
  await finished
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(width, 0)
  ihdr.writeUInt32BE(height, 4)
  ihdr[8] = 1 // bit depth
  ihdr[9] = 0 // greyscale
  return Buffer.concat([PNG_SIGNATURE, pngChunk('IHDR', ihdr), pngChunk('IDAT', Buffer.concat(compressed)), pngChunk('IEND', Buffer.alloc(0))])
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const typeAndData = Buffer.concat([Buffer.from(type, 'latin1'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(zlib.crc32(typeAndData))
  return Buffer.concat([length, typeAndData, crc])
}

export const svgWithScript = () =>
  Buffer.from('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100"><script>alert(document.cookie)</script><rect width="100" height="100"/></svg>')
export const htmlPage = () => Buffer.from('<!doctype html><html><body><script>fetch("/api/v1/me")</script>羊肉</body></html>')
export const textNote = () => Buffer.from('这不是照片，只是一段文字。\nnot a photo\n')

/** More than 10 MB, starting like a JPEG so only its size can refuse it. */
export const elevenMegabytes = () => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(11 * 1024 * 1024)])
