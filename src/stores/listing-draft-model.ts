/* The shapes of a listing draft and what it needs from the outside world (see
   listing-draft-store.ts); injected, so the store runs in jest without Taro or a server. */
import type { Listing, ListingInput, Photo } from '../api/types'
import type { DraftFields } from './listing-draft-validation'
import type { KeyValueStorage } from './session-store'

export type DraftPhotoState = 'waiting' | 'uploading' | 'uploaded' | 'refused'

export interface DraftPhoto {
  /** Stable while the photo is in the draft: the list's React key. */
  key: string
  /** Where the phone keeps it; null for a photo already on the listing being edited. */
  localPath: string | null
  photoId: string | null
  /** The server's thumbnail, once uploaded: what a restored draft shows if the file is gone. */
  thumbUrl: string | null
  /** What to show now: the file on the phone while we have it, else the server's thumbnail. */
  previewUrl: string
  state: DraftPhotoState
  /** 0–100 while uploading. */
  progress: number
  /** Why the server refused it (too large, not a photo): it will not be sent again. */
  refusal: string | null
}

export interface ListingDraftDeps {
  storage: KeyValueStorage
  uploadPhoto(localPath: string, onProgress: (percent: number) => void): Promise<Photo>
  createListing(input: ListingInput & { farmerId?: string }): Promise<Listing>
  editListing(id: string, input: Partial<ListingInput>): Promise<Listing>
  sleep(ms: number): Promise<void>
  /** False for files that die with the page (H5's blob: URLs): a restored draft drops those. */
  survivesRestart?(localPath: string): boolean
  /** The phone may delete its copy of a photo: removed from the draft, or the listing is sent. */
  releaseFile?(localPath: string): void
}

export interface DraftTarget {
  /** Where the draft is kept; one per user and per listing (or "new"). */
  storageKey: string
  /** Set when editing: the draft is sent as PATCH /listings/:id. */
  listingId?: string
  /** An operator listing for a farmer of the village: a farmer must be chosen. */
  forFarmer?: boolean
}

export type SubmitStatus = 'idle' | 'uploading' | 'submitting' | 'done' | 'failed'

export interface SavedDraft {
  v: 1
  fields: DraftFields
  photos: { localPath: string | null; photoId: string | null; thumbUrl: string | null }[]
}

/** 1 s, 2 s, 4 s … at most 30 s: soon enough when the signal is back, easy on a dead one. */
export function retryDelayMs(attempt: number): number {
  return Math.min(1000 * 2 ** attempt, 30_000)
}
