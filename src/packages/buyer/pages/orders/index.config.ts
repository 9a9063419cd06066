import { zhCNBuyer } from '../../../../strings/zh-CN-buyer'

export default definePageConfig({
  navigationBarTitleText: zhCNBuyer.pageTitles.orders,
  enablePullDownRefresh: true,
})
