import { strings } from '../../strings'

export default definePageConfig({
  navigationBarTitleText: strings.pageTitles.catalog,
  // The list scrolls inside its own ScrollView, under the fixed search and filters.
  disableScroll: true,
})
