import { TextSizeMeta } from '../text-size-meta'
import { PrivacySheetSlot } from './privacy-sheet-slot'

/* What every page carries whatever it shows, drawn once by each page frame (RoleGate, BuyerGate
   and the main package's pages): its 大字模式 (page-meta on weapp) and the privacy sheet, which
   opens on the page a privacy call was made from. */
export function PageChrome() {
  return (
    <>
      <TextSizeMeta />
      <PrivacySheetSlot />
    </>
  )
}
