import { accountStrings } from '../../../../strings/account'

export default definePageConfig({
  navigationBarTitleText: accountStrings.pageTitle,
})
