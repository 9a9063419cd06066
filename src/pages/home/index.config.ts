import { strings } from '../../strings'

export default definePageConfig({
  navigationBarTitleText: strings.pageTitles.home,
  // A pull refreshes the counts and the newest listings: what a buyer tries first on bad signal.
  enablePullDownRefresh: true,
})
