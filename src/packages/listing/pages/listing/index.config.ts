import { strings } from '../../../../strings'

export default definePageConfig({
  navigationBarTitleText: strings.pageTitles.listing,
})
