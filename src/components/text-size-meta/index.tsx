import { NavigationBar, PageMeta } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { useStores } from '../../stores'
import { textSizeStyle } from '../../theme/text-size'
import { colors } from '../../theme/tokens'

/* 大字模式 in the mini-program, rendered once per page (through components/page-chrome, which the
   page frames draw: RoleGate, BuyerGate and the main package's pages). `page` takes no class or style from a script; page-meta's
   page-style is WeChat's way to style it (base library ≥ 2.9.0), and the token properties set
   there reach every node of the page. root-font-size="system" makes rem follow WeChat's font
   setting (≥ 2.11.0), for anything sized in rem. Taro hoists page-meta to the top of the page's
   template wherever it sits in the tree, once config/page-meta.ts has enabled it for every page.
   H5 needs none of this: src/app.ts sets the properties on <html>. */
function TextSizeMetaTag() {
  const { textSize } = useStores()
  if (process.env.TARO_ENV !== 'weapp') return null
  // Taro's page-meta template always holds a navigation-bar, whose front colour defaults to
  // black: it is given the app's own bar (white on green, app.config.ts) so it changes nothing.
  return (
    <PageMeta rootFontSize='system' pageStyle={textSizeStyle(textSize.large)}>
      <NavigationBar frontColor='#ffffff' backgroundColor={colors.primary} />
    </PageMeta>
  )
}

export const TextSizeMeta = observer(TextSizeMetaTag)
