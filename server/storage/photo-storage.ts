import fs from 'node:fs/promises'
import path from 'node:path'

/* Where photo bytes live. Routes and services see only this interface, so an S3-compatible
   store can replace the local disk without touching them. Keys are content-derived, so a
   stored object never changes and may be cached for a year. */
export interface PhotoStorage {
  put(key: string, bytes: Buffer): Promise<void>
  get(key: string): Promise<Buffer | null>
  /** The path under which the server publishes the object. */
  pathFor(key: string): string
}

const safeKey = /^[a-z0-9][a-z0-9._-]{0,127}$/

export function isPhotoKey(key: string): boolean {
  return safeKey.test(key) && !key.includes('..')
}

export function createLocalPhotoStorage(dir: string): PhotoStorage {
  return {
    async put(key, bytes) {
      if (!isPhotoKey(key)) throw new Error(`bad photo key ${key}`)
      await fs.mkdir(dir, { recursive: true })
      const file = path.join(dir, key)
      // Write then rename: a reader never sees half a photo, and a repeat put is harmless.
      const temp = `${file}.${process.pid}.${Date.now()}.tmp`
      await fs.writeFile(temp, bytes)
      await fs.rename(temp, file)
    },
    async get(key) {
      if (!isPhotoKey(key)) return null
      try {
        return await fs.readFile(path.join(dir, key))
      } catch {
        return null
      }
    },
    pathFor: (key) => `/photos/${key}`,
  }
}
