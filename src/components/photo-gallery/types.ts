import type { Photo } from '../../api/types'

export interface PhotoGalleryProps {
  photos: readonly Photo[]
  /** Shown when a listing has no photo (rare: a listing needs one to be approved). */
  emptyText?: string
  className?: string
}
