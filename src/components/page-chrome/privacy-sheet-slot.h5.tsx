import { observer } from 'mobx-react-lite'
import { lazy, Suspense } from 'react'
import { privacy } from '../../stores/privacy-gate'

/* The privacy sheet on H5, fetched the first time it opens (privacy-sheet-slot.tsx says why). */
const PrivacySheet = lazy(() => import('../privacy-sheet').then((module) => ({ default: module.PrivacySheet })))

export const PrivacySheetSlot = observer(function PrivacySheetSlot() {
  if (!privacy.asking) return null
  return (
    <Suspense fallback={null}>
      <PrivacySheet />
    </Suspense>
  )
})
