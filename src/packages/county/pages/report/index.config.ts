import { zhCNCounty } from '../../../../strings/zh-CN-county'

export default definePageConfig({
  navigationBarTitleText: zhCNCounty.pageTitles.report,
  enablePullDownRefresh: true,
})
