import { zhCNCounty } from '../../../../strings/zh-CN-county'

export default definePageConfig({
  navigationBarTitleText: zhCNCounty.reconciliation.title,
  enablePullDownRefresh: true,
})
