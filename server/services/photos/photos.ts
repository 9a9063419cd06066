import type { Kysely } from 'kysely'
import type { Clock } from '../../clock'
import type { DB, PhotoTable } from '../../db/schema'
import { newId, sha256Hex } from '../../ids'
import type { PhotoStorage } from '../../storage/photo-storage'
import { processPhoto } from './photo-processing'
import type { Photo } from '../../contract/common'

export type PhotoView = Photo

/** Processes and stores a photo, then records it. Stored names derive from the content. */
export async function storePhoto(
  deps: { db: Kysely<DB>; storage: PhotoStorage; clock: Clock },
  input: Buffer,
  uploadedBy: string | null,
  id: string = newId('pho'),
): Promise<PhotoTable> {
  const processed = await processPhoto(input)
  const digest = sha256Hex(processed.full).slice(0, 32)
  const storageKey = `${digest}.jpg`
  const thumbKey = `${digest}-thumb.jpg`
  await deps.storage.put(storageKey, processed.full)
  await deps.storage.put(thumbKey, processed.thumb)
  const row: PhotoTable = {
    id,
    storageKey,
    thumbKey,
    width: processed.width,
    height: processed.height,
    bytes: processed.full.length,
    uploadedBy,
    createdAt: deps.clock().toISOString(),
  }
  await deps.db.insertInto('photos').values(row).execute()
  return row
}

/** A photo named by its path on this server (`/photos/<key>`), the same whoever asks: the
 *  route layer puts the request's public origin in front (server/http/photo-urls.ts). */
export function toPhotoView(row: PhotoTable, storage: PhotoStorage): PhotoView {
  return {
    id: row.id,
    url: storage.pathFor(row.storageKey),
    thumbUrl: storage.pathFor(row.thumbKey),
    width: row.width,
    height: row.height,
  }
}
