import { workStrings } from '../../../../strings/work'

export default definePageConfig({
  navigationBarTitleText: workStrings.pageTitles.mySales,
  enablePullDownRefresh: true,
})
