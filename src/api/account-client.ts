/* Deleting one's account and exporting one's data. Imported only by the account subpackage's
   store, so the main package does not carry it. */
import type { AccountExport } from './account-types'
import { request } from './request'

export const deleteMyAccount = () => request<void>('DELETE', '/me')
export const exportMyData = () => request<AccountExport>('GET', '/me/export')
