/* Every word the buyer reads, in one place, so a second language is one more file of the
   same shape (see ./index.ts). Native config (tab bar, page titles) reads from here too. */
import type { Category } from '../domain/catalog'
import type { Unit } from '../domain/units'
import type { Role } from '../api/types'

export const zhCN = {
  appName: '乡集',

  tabs: { home: '首页', catalog: '商品', me: '我的' },
  pageTitles: {
    home: '乡集',
    catalog: '全部商品',
    listing: '商品详情',
    me: '我的',
    sell: '我要卖',
    edit: '修改商品',
    myListings: '我的商品',
    review: '审核队列',
    farmers: '本村农户',
    listForFarmer: '代农户上架',
    history: '商品记录',
  },

  categories: { lamb: '羊肉', dairy: '乳制品', grain: '粮食', other: '其他' } satisfies Record<Category, string>,
  // Short labels as on a market price card: ¥38.00/斤, 库存 12 斤.
  units: { kg: '公斤', jin: '斤', head: '只', liter: '升', bag: '袋', piece: '件' } satisfies Record<Unit, string>,
  roles: { buyer: '买家', farmer: '农户', operator: '村小二', county_staff: '县小二', admin: '管理员' } satisfies Record<Role, string>,

  states: {
    loading: '加载中…',
    failed: '加载失败',
    retry: '重试',
    empty: '这里还没有内容',
  },

  errors: {
    NETWORK: '网络不给力，请检查网络后重试',
    UNAUTHENTICATED: '登录已过期，请重新登录',
    FORBIDDEN: '没有权限查看',
    NOT_FOUND: '没有找到，可能已下架',
    RATE_LIMITED: '操作太频繁，请稍后再试',
    VALIDATION_FAILED: '填写的内容有误，请检查后再提交',
    INVALID_TRANSITION: '商品状态已变化，请刷新后再试',
    PAYLOAD_TOO_LARGE: '照片太大（超过 10 MB），请换一张',
    UNSUPPORTED_MEDIA_TYPE: '只能上传 JPG、PNG 或 WebP 照片',
    fallback: '出错了，请稍后重试',
  } as Record<string, string> & { fallback: string },

  home: {
    county: (name: string) => `${name} · 农家好物`,
    tagline: '村里直发，县城自提',
    categoriesTitle: '分类',
    listingCount: (count: number) => `${count} 件在售`,
    newestTitle: '新上架',
    seeAll: '查看全部',
    emptyNewest: '暂时还没有上架的商品',
  },

  catalog: {
    searchPlaceholder: '搜索：羊排、奶皮子、莜面…',
    searchButton: '搜索',
    allCategories: '全部',
    allVillages: '全部村',
    loadingMore: '正在加载更多…',
    end: '没有更多了',
    empty: '没有找到相关商品',
    emptyHint: '换个关键词或筛选条件试试',
    loadMoreFailed: '加载失败，点此重试',
  },

  listing: {
    pricePerUnit: (price: string, unit: string) => `${price}/${unit}`,
    stock: (stock: number, unit: string) => `库存 ${stock} ${unit}`,
    soldOut: '已售罄',
    farmer: '农户',
    village: '村庄',
    pickup: '县城服务中心自提',
    description: '商品介绍',
    noDescription: '农户还没有写介绍',
    listedBy: (name: string) => `${name} 代为上架`,
    noPhoto: '暂无照片',
    backToCatalog: '去逛逛其他商品',
    photoCount: (index: number, total: number) => `${index}/${total}`,
  },

  me: {
    signedOut: '未登录',
    signInPrompt: '登录后可以下单、查看订单和自提码',
    wechatLogin: '微信一键登录',
    signingIn: '正在登录…',
    signInFailed: '登录失败，请重试',
    signOut: '退出登录',
    chooseDemoUser: '选择演示用户',
    farmerTools: '我的店铺',
    operatorTools: '村服务站',
    demoHint: '演示环境：选择一个身份来体验乡集',
  },

  // The farmer's and the cun xiao'er's pages (subpackages); short sentences for older users.
  roleEntries: {
    sell: '我要卖',
    sellHint: '拍照上架自家产品',
    myListings: '我的商品',
    myListingsHint: '查看审核结果、修改、下架',
    review: '审核队列',
    reviewHint: '审核本村农户的商品',
    farmers: '本村农户',
    farmersHint: '查看和添加农户',
    listForFarmer: '代农户上架',
    listForFarmerHint: '帮没有手机的农户上架',
  },

}

export type Strings = typeof zhCN
