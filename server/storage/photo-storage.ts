import { randomBytes } from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'

/* Where photo bytes live. Routes and services see only this interface, so an S3-compatible
   store can replace the local disk without touching them. Keys are content-derived, so a
   stored object never changes and may be cached for a year. */
export interface PhotoStorage {
  put(key: string, bytes: Buffer): Promise<void>
  get(key: string): Promise<Buffer | null>
  /** Removes the object if it is there (a deleted account's photo). */
  remove(key: string): Promise<void>
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
      // A key names its content: when the object is there, this put is already done. A double
      // tap or a retry after a lost answer sends the same photo twice at once.
      if (await isComplete(file, bytes.length)) return
      // Write then rename: a reader never sees half a photo. The temporary name is unique to
      // this one write (not to the process and millisecond), so two writes of the same photo
      // never share it, and renaming over an object of the same content is harmless.
      const temp = `${file}.${randomBytes(8).toString('hex')}.tmp`
      try {
        await fs.writeFile(temp, bytes, { flag: 'wx' })
        await fs.rename(temp, file)
      } catch (error) {
        await fs.rm(temp, { force: true })
        throw error
      }
    },
    async get(key) {
      if (!isPhotoKey(key)) return null
      try {
        return await fs.readFile(path.join(dir, key))
      } catch {
        return null
      }
    },
    async remove(key) {
      if (!isPhotoKey(key)) return
      await fs.rm(path.join(dir, key), { force: true })
    },
    pathFor: (key) => `/photos/${key}`,
  }
}

async function isComplete(file: string, size: number): Promise<boolean> {
  const stat = await fs.stat(file).catch(() => null)
  return stat !== null && stat.size === size
}

/** Photo URLs on a CDN (or any host serving the same objects) instead of this server's /photos/. */
export function withPhotoUrlPrefix(storage: PhotoStorage, prefix: string): PhotoStorage {
  return { ...storage, pathFor: (key) => `${prefix}/${key}` }
}
