import { DeleteObjectCommand, GetObjectCommand, NoSuchKey, PutObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3'
import { isPhotoKey, type PhotoStorage } from './photo-storage'

/* Photos in an S3-compatible bucket (AWS S3, Aliyun OSS, Tencent COS, MinIO), so that every server
   process, on any machine, reads and writes the same photos. Objects are written whole by the
   store itself (a PUT is atomic), and keys name their content, so an object never changes: the
   same photo put twice is the same object, and a CDN may cache it for a year. */

export interface S3PhotoConfig {
  bucket: string
  /** An S3-compatible endpoint (https://oss-cn-beijing.aliyuncs.com, http://127.0.0.1:9000); AWS's own when empty. */
  endpoint?: string
  region: string
  accessKeyId: string
  secretAccessKey: string
  /** bucket in the path (MinIO, most self-hosted stores) rather than in the host name. */
  forcePathStyle: boolean
}

const YEAR_SECONDS = 365 * 24 * 3600

export function createS3PhotoStorage(config: S3PhotoConfig): PhotoStorage & { destroy(): void } {
  const client = new S3Client({
    region: config.region,
    endpoint: config.endpoint || undefined,
    forcePathStyle: config.forcePathStyle,
    credentials: { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey },
    // Checksums only where S3 demands them: many S3-compatible stores refuse or ignore the
    // newer flexible-checksum headers the SDK would otherwise add to every PUT.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  })
  const Bucket = config.bucket
  return {
    async put(key, bytes) {
      if (!isPhotoKey(key)) throw new Error(`bad photo key ${key}`)
      await client.send(
        new PutObjectCommand({ Bucket, Key: key, Body: bytes, ContentType: 'image/jpeg', CacheControl: `public, max-age=${YEAR_SECONDS}, immutable` }),
      )
    },
    async get(key) {
      if (!isPhotoKey(key)) return null
      try {
        const object = await client.send(new GetObjectCommand({ Bucket, Key: key }))
        return object.Body ? Buffer.from(await object.Body.transformToByteArray()) : null
      } catch (error) {
        if (isMissing(error)) return null
        throw error
      }
    },
    async remove(key) {
      if (!isPhotoKey(key)) return
      // S3 answers 204 for a key that is not there: removing twice is fine.
      await client.send(new DeleteObjectCommand({ Bucket, Key: key }))
    },
    pathFor: (key) => `/photos/${key}`,
    destroy: () => client.destroy(),
  }
}

function isMissing(error: unknown): boolean {
  if (error instanceof NoSuchKey) return true
  // By name, not by status: a missing bucket is a 404 too, and is a fault, not a photo never stored.
  return error instanceof S3ServiceException && (error.name === 'NoSuchKey' || error.name === 'NotFound')
}
