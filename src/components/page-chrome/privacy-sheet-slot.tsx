/* Where the privacy sheet is drawn. In the mini-program it is part of the page (a subpackage page
   cannot wait for a script to arrive); on H5 (privacy-sheet-slot.h5.tsx) it is fetched only when
   it opens, so a returning visitor's first load does not carry it. */
export { PrivacySheet as PrivacySheetSlot } from '../privacy-sheet'
