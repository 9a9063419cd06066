import { zhCNWork } from '../../../../strings/zh-CN-work'

export default definePageConfig({
  navigationBarTitleText: zhCNWork.pageTitles.commissions,
  enablePullDownRefresh: true,
})
