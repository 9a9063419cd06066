import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import S3rver from 's3rver'
import type { S3PhotoConfig } from '../../../server/storage/s3-photo-storage'
import { freePort } from '../../../support/free-port'

/* An S3-compatible server on 127.0.0.1 (s3rver, objects in a temp folder), the way WeChat is
   faked: the S3 photo store is tested against the protocol, not a mock of the SDK. */

export interface LocalS3 {
  config: S3PhotoConfig
  /** The environment a server process needs to keep its photos there. */
  env: Record<string, string>
  close(): Promise<void>
}

export async function startLocalS3(bucket = 'xiangji-photos'): Promise<LocalS3> {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'xiangji-s3-'))
  const port = await freePort()
  const server = new S3rver({ address: '127.0.0.1', port, directory, silent: true, configureBuckets: [{ name: bucket }] })
  await server.run()
  // s3rver's own fixed credentials.
  const config: S3PhotoConfig = { bucket, endpoint: `http://127.0.0.1:${port}`, region: 'us-east-1', accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER', forcePathStyle: true }
  return {
    config,
    env: {
      XIANGJI_S3_BUCKET: bucket,
      XIANGJI_S3_ENDPOINT: config.endpoint!,
      XIANGJI_S3_REGION: config.region,
      XIANGJI_S3_ACCESS_KEY_ID: config.accessKeyId,
      XIANGJI_S3_SECRET_ACCESS_KEY: config.secretAccessKey,
      XIANGJI_S3_FORCE_PATH_STYLE: '1',
    },
    async close() {
      await server.close()
      fs.rmSync(directory, { recursive: true, force: true })
    },
  }
}
