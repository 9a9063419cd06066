import { deleteMyAccount, exportMyData } from '../api/account-client'
import type { AccountDeletionDeps } from './account-deletion-store'
import { saveReportFile } from './report-file'

/* What 注销账号's store needs from Taro and the server, reached only from the account
   subpackage, so neither the calls nor the page are in the main package. */
export const accountDeletionDeps: Omit<AccountDeletionDeps, 'signOut'> = {
  deleteAccount: deleteMyAccount,
  exportData: exportMyData,
  saveFile: saveReportFile,
}
