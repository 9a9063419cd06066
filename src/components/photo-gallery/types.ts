import type { Photo } from '../../api/types'

export interface PhotoGalleryProps {
  photos: readonly Photo[]
  /** The listing's title: each photo's alt text names it and the photo's place. */
  title: string
  /** Shown when a listing has no photo (rare: a listing needs one to be approved). */
  emptyText?: string
  className?: string
}
