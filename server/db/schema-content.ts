import type { PhotoCheck } from '../../src/domain/content-check'

/*
 * WeChat's content checks of photos (migration 011). Conventions as in schema.ts.
 */

/** One photo's content check at WeChat (mediaCheckAsync), asked by the jobs, answered by the message push. */
export interface PhotoCheckTable {
  photoId: string
  status: PhotoCheck
  /** 1 once this try was sent to WeChat; 0 while it waits for the jobs. */
  submitted: number
  label: number | null
  mediaUrl: string
  openid: string | null
  tries: number
  nextAttemptAt: string
  lastError: string | null
  createdAt: string
  decidedAt: string | null
}

/** Every trace id WeChat gave for a photo, so a verdict for an earlier try still finds it. */
export interface PhotoCheckTraceTable {
  traceId: string
  photoId: string
  submittedAt: string
}

export interface ContentCheckTables {
  catalogVersions: CatalogVersionTable
  photoChecks: PhotoCheckTable
  photoCheckTraces: PhotoCheckTraceTable
}

/** What a catalog or listing answer shows has changed when the sum of these grows (migration
 *  013): triggers bump them in the writing transaction itself, whatever code path writes. */
export interface CatalogVersionTable {
  slot: number
  version: number
}
