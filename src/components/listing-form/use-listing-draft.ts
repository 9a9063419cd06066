import Taro from '@tarojs/taro'
import { useEffect, useMemo, useState } from 'react'
import { api, type ApiError, toApiError, type User } from '../../api'
import type { ListingDraftStore } from '../../stores/listing-draft-store'
import { openDraft } from '../../stores/work-stores'

export interface ListingDraftHandle {
  draft: ListingDraftStore
  /** Editing: the listing is being fetched to fill the form, or could not be. */
  loading: boolean
  error: ApiError | null
  reload: () => void
}

/** The draft behind a form page: the one kept on the phone, else (editing) the listing as it
 *  is now. Uploads waiting out a backoff start again as soon as the phone is back online. */
export function useListingDraft(user: User, listingId?: string): ListingDraftHandle {
  const draft = useMemo(() => openDraft(user, listingId), [user.id, listingId])
  const needsListing = !!listingId && !draft.restored && draft.photos.length === 0 && draft.fields.title === ''
  const [loading, setLoading] = useState(needsListing)
  const [error, setError] = useState<ApiError | null>(null)

  const reload = () => {
    if (!listingId) return
    setLoading(true)
    setError(null)
    api.listing(listingId).then(
      (listing) => {
        draft.startFrom(listing)
        setLoading(false)
      },
      (failure) => {
        setError(toApiError(failure))
        setLoading(false)
      },
    )
  }

  useEffect(() => {
    if (needsListing) reload()
  }, [draft])

  useEffect(() => {
    const onChange = (result: { isConnected: boolean }) => {
      if (result.isConnected) draft.retryNow()
    }
    Taro.onNetworkStatusChange(onChange)
    // In a browser Taro listens to navigator.connection, which not every browser has and which
    // does not fire when only the signal comes back; the window's `online` event does.
    const onOnline = () => draft.retryNow()
    if (process.env.TARO_ENV === 'h5') window.addEventListener('online', onOnline)
    return () => {
      Taro.offNetworkStatusChange?.(onChange)
      if (process.env.TARO_ENV === 'h5') window.removeEventListener('online', onOnline)
    }
  }, [draft])

  return { draft, loading, error, reload }
}
