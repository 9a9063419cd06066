import Taro from '@tarojs/taro'
import { movedPage } from './listing-route'

/* A share card or code made before the listing moved into a subpackage names its old path:
   WeChat finds no page there and asks here. It honours only a redirect made in the callback
   itself. */
export function followMovedPages(): void {
  Taro.onPageNotFound((page) => {
    const url = movedPage(page.path, page.query as Record<string, string>)
    if (url) void Taro.redirectTo({ url })
  })
}
