import { makeAutoObservable } from 'mobx'
// Only types from '../api': its client needs Taro, and this store is unit-tested without it.
import { type ApiError, toApiError } from '../api/api-error'
import type { Listing } from '../api/types'
import { LISTING_PHOTOS_MAX } from '../domain/listing-limits'
import { describeError } from '../strings/format'
import { workStrings } from '../strings/work'
import { checkDraft, contentRiskyFieldErrors, type DraftField, type DraftFields, EMPTY_FIELDS, type FieldErrors, serverFieldErrors } from './listing-draft-validation'
import { type DraftPhoto, type DraftTarget, type ListingDraftDeps, retryDelayMs, type SavedDraft, type SubmitStatus } from './listing-draft-model'
import { runInAction } from './run-in-action'

export { retryDelayMs, type DraftPhoto, type DraftPhotoState, type DraftTarget, type ListingDraftDeps, type SubmitStatus } from './listing-draft-model'

/* A listing being written on the farmer's phone. Village signal comes and goes, so everything
   typed is kept in the phone's storage at once, photos go up one by one in the background
   (each server id kept as soon as it arrives, so a photo is never sent twice), a failed upload
   waits longer each time before trying again, and the listing is sent only when every photo is
   in. Nothing is lost by going offline, closing the page or the app. */

let nextKey = 0
const newKey = () => `photo-${++nextKey}`

export class ListingDraftStore {
  fields: DraftFields = { ...EMPTY_FIELDS }
  photos: DraftPhoto[] = []
  errors: FieldErrors = {}
  submitStatus: SubmitStatus = 'idle'
  submitError: ApiError | null = null
  /** The wait before the next upload attempt, while the network is failing. */
  retryWaitMs: number | null = null
  /** An earlier draft was found on the phone and put back. */
  restored = false
  private uploadRun: Promise<void> | null = null
  private wake: (() => void) | null = null
  private disposed = false

  constructor(
    private readonly deps: ListingDraftDeps,
    readonly target: DraftTarget,
  ) {
    makeAutoObservable<this, 'deps' | 'uploadRun' | 'wake' | 'disposed'>(
      this,
      { deps: false, target: false, uploadRun: false, wake: false, disposed: false },
      { autoBind: true },
    )
  }

  get isEditing(): boolean {
    return this.target.listingId !== undefined
  }

  get allUploaded(): boolean {
    return this.photos.every((photo) => photo.photoId !== null)
  }

  get canAddPhotos(): number {
    return Math.max(0, LISTING_PHOTOS_MAX - this.photos.length)
  }

  get isBusy(): boolean {
    return this.submitStatus === 'uploading' || this.submitStatus === 'submitting'
  }

  /** Puts back what was kept on the phone; true if there was something. */
  restore(): boolean {
    let saved: SavedDraft | null = null
    try {
      saved = JSON.parse(this.deps.storage.get(this.target.storageKey) ?? 'null')
    } catch {
      saved = null
    }
    if (!saved || saved.v !== 1) return false
    const alive = this.deps.survivesRestart ?? (() => true)
    this.fields = { ...EMPTY_FIELDS, ...saved.fields }
    this.restored = true
    this.photos = saved.photos
      .filter((photo) => photo.photoId !== null || (photo.localPath !== null && alive(photo.localPath)))
      .map((photo) => this.newPhoto(photo.localPath, photo.photoId, photo.thumbUrl))
    if (!this.allUploaded) void this.uploadAll()
    return true
  }

  /** Editing: the listing as it is now, when no unfinished edit was kept. */
  startFrom(listing: Listing): void {
    this.fields = {
      title: listing.title,
      category: listing.category,
      unit: listing.unit,
      price: (listing.priceFen / 100).toFixed(2),
      unitWeight: String(listing.unitWeightGrams),
      stock: String(listing.stock),
      description: listing.description,
      farmerId: null,
    }
    this.photos = listing.photos.map((photo) => this.newPhoto(null, photo.id, photo.thumbUrl))
    // A photo WeChat found risky is marked at once: the listing comes back only without it.
    this.markRisky((listing.contentCheck?.photos ?? []).filter((check) => check.check === 'risky').map((check) => check.photoId))
    this.save()
  }

  setField<K extends keyof DraftFields>(name: K, value: DraftFields[K]): void {
    this.fields[name] = value
    this.clearError(name)
    this.save()
  }

  /** New photos from the camera or album, in the order chosen; they start uploading at once. */
  addPhotos(localPaths: readonly string[]): void {
    const room = this.canAddPhotos
    for (const path of localPaths.slice(0, room)) this.photos.push(this.newPhoto(path, null, null))
    this.clearError('photos')
    this.save()
    void this.uploadAll()
  }

  /** Moves a photo left (-1) or right (+1); the first is the cover buyers see. */
  movePhoto(index: number, step: -1 | 1): void {
    const to = index + step
    if (index < 0 || index >= this.photos.length || to < 0 || to >= this.photos.length) return
    const moved = this.photos.splice(index, 1)[0]
    this.photos.splice(to, 0, moved)
    this.save()
  }

  removePhoto(index: number): void {
    const [removed] = this.photos.splice(index, 1)
    if (removed?.localPath) this.deps.releaseFile?.(removed.localPath)
    this.save()
  }

  /** Uploads what is not yet on the server, one photo at a time; one run at a time. */
  uploadAll(): Promise<void> {
    if (!this.uploadRun) {
      this.uploadRun = this.runUploads().finally(() => {
        this.uploadRun = null
      })
    }
    return this.uploadRun
  }

  /** The signal is back (or the farmer tapped 立即重试): stop waiting out the backoff. */
  retryNow(): void {
    this.wake?.()
    if (!this.allUploaded) void this.uploadAll()
  }

  /** Checks everything, waits for the photos, sends the listing. Resolves to it, or null. */
  async submit(): Promise<Listing | null> {
    if (this.isBusy) return null
    this.submitError = null
    const refused = this.photos.some((photo) => photo.state === 'refused')
    const check = checkDraft(this.fields, { count: this.photos.length, anyRefused: refused }, this.target.forFarmer === true)
    if (!check.ok) {
      this.errors = check.errors
      return null
    }
    this.errors = {}
    this.submitStatus = 'uploading'
    await this.uploadAll()
    if (this.disposed) return null
    if (!this.allUploaded) return this.failSubmit(this.submitError, { photos: workStrings.fieldErrors.photoFailed })

    runInAction('startListingSubmit', () => {
      this.submitStatus = 'submitting'
    })
    const input = { ...check.input, photoIds: this.photos.map((photo) => photo.photoId!) }
    try {
      const { listingId } = this.target
      const farmerId = this.target.forFarmer ? this.fields.farmerId! : undefined
      const listing = listingId ? await this.deps.editListing(listingId, input) : await this.deps.createListing({ ...input, farmerId })
      runInAction('applyListingSubmitted', () => {
        this.submitStatus = 'done'
        this.deps.storage.remove(this.target.storageKey)
        this.releaseFiles()
      })
      return listing
    } catch (error) {
      const apiError = toApiError(error)
      const fieldErrors =
        apiError.code === 'VALIDATION_FAILED' ? serverFieldErrors(apiError.details) : apiError.code === 'CONTENT_RISKY' ? contentRiskyFieldErrors(apiError.details) : {}
      if (apiError.code === 'CONTENT_RISKY' && Array.isArray(apiError.details?.photoIds)) {
        runInAction('applyRiskyPhotos', () => {
          this.markRisky(apiError.details!.photoIds as string[])
          this.save()
        })
      }
      return this.failSubmit(apiError, fieldErrors)
    }
  }

  /** Starts again from an empty form and forgets the kept draft. */
  discard(): void {
    this.wake?.()
    this.releaseFiles()
    this.fields = { ...EMPTY_FIELDS, farmerId: this.fields.farmerId }
    this.photos = []
    this.errors = {}
    this.submitStatus = 'idle'
    this.submitError = null
    this.restored = false
    this.deps.storage.remove(this.target.storageKey)
  }

  /** Stops background uploads for good (the user signed out). The kept draft stays. */
  dispose(): void {
    this.disposed = true
    this.wake?.()
  }

  /** Photos WeChat's content check refused: shown as refused, to be removed, and never kept. */
  private markRisky(photoIds: readonly string[]): void {
    for (const photo of this.photos) {
      if (photo.photoId && photoIds.includes(photo.photoId)) {
        photo.state = 'refused'
        photo.refusal = workStrings.fieldErrors.photoRisky
      }
    }
  }

  private releaseFiles(): void {
    for (const photo of this.photos) if (photo.localPath) this.deps.releaseFile?.(photo.localPath)
  }

  private failSubmit(error: ApiError | null, fieldErrors: FieldErrors): null {
    runInAction('applyListingSubmitFailure', () => {
      this.submitStatus = 'failed'
      this.submitError = error
      this.errors = fieldErrors
    })
    return null
  }

  private async runUploads(): Promise<void> {
    let attempt = 0
    for (;;) {
      const photo = this.photos.find((p) => p.photoId === null && p.state !== 'refused' && p.localPath !== null)
      if (!photo || this.disposed) return
      runInAction('startPhotoUpload', () => {
        photo.state = 'uploading'
        photo.progress = 0
      })
      try {
        const uploaded = await this.deps.uploadPhoto(photo.localPath!, (percent) =>
          runInAction('applyUploadProgress', () => {
            photo.progress = Math.max(0, Math.min(100, Math.round(percent)))
          }),
        )
        attempt = 0
        runInAction('applyPhotoUploaded', () => {
          photo.photoId = uploaded.id
          photo.thumbUrl = uploaded.thumbUrl
          photo.state = 'uploaded'
          photo.progress = 100
          this.submitError = null
          // Kept at once: a restart from here on never sends this photo again.
          this.save()
        })
      } catch (error) {
        const apiError = toApiError(error)
        if (apiError.status === 401) {
          // Signed out: uploads cannot succeed until the user signs in again.
          runInAction('applyUploadUnauthenticated', () => {
            photo.state = 'waiting'
            this.submitError = apiError
          })
          return
        }
        if (!apiError.isTransient) {
          runInAction('applyPhotoRefused', () => {
            photo.state = 'refused'
            photo.refusal = describeError(apiError)
          })
          continue
        }
        const delay = retryDelayMs(attempt++)
        runInAction('applyUploadRetryWait', () => {
          photo.state = 'waiting'
          this.retryWaitMs = delay
        })
        await this.waitBeforeRetry(delay)
        runInAction('endUploadRetryWait', () => {
          this.retryWaitMs = null
        })
      }
    }
  }

  private waitBeforeRetry(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const done = () => {
        this.wake = null
        resolve()
      }
      this.wake = done
      void this.deps.sleep(ms).then(done)
    })
  }

  private newPhoto(localPath: string | null, photoId: string | null, thumbUrl: string | null): DraftPhoto {
    // A restored file path may be gone (WeChat clears temp files); the server's copy is not.
    const previewUrl = (this.restored || !localPath ? thumbUrl : localPath) ?? localPath ?? ''
    return { key: newKey(), localPath, photoId, thumbUrl, previewUrl, state: photoId ? 'uploaded' : 'waiting', progress: photoId ? 100 : 0, refusal: null }
  }

  private clearError(name: DraftField): void {
    if (this.errors[name]) {
      const { [name]: _cleared, ...rest } = this.errors
      this.errors = rest
    }
  }

  private save(): void {
    const saved: SavedDraft = {
      v: 1,
      fields: this.fields,
      // A refused photo is not worth keeping: it would be refused again.
      photos: this.photos.filter((p) => p.state !== 'refused').map(({ localPath, photoId, thumbUrl }) => ({ localPath, photoId, thumbUrl })),
    }
    this.deps.storage.set(this.target.storageKey, JSON.stringify(saved))
  }
}
