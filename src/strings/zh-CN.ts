/* Every word the buyer reads, in one place, so a second language is one more file of the
   same shape (see ./index.ts). Native config (tab bar, page titles) reads from here too. */
import type { Category } from '../domain/catalog'
import type { Unit } from '../domain/units'
import type { Role } from '../api/types'

export const zhCN = {
  appName: '乡集',

  tabs: { home: '首页', catalog: '商品', cart: '购物车', me: '我的' },
  pageTitles: {
    home: '乡集',
    catalog: '全部商品',
    listing: '商品详情',
    cart: '购物车',
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
    // The server's own short outages (a database restart, a misconfigured second server).
    DATABASE_UNAVAILABLE: '系统正在维护，请过几秒再试，填写的内容不会丢',
    PICKUP_CODE_UNAVAILABLE: '取货码暂时显示不了，请稍后刷新再看',
    REQUEST_TIMEOUT: '网络太慢，没有传完，请到信号好的地方再试',
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

  // The H5 sub-pages' bar (components/page-header); WeChat draws its own in the mini-program.
  pageHeader: { back: '返回' },

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
    quantity: '数量',
    addToCart: '加入购物车',
    buyNow: '立即购买',
    added: '已加入购物车',
    goToCart: '去购物车',
    signInFirst: '请先登录，商品已放进购物车',
    buyersOnly: '请用买家账号登录后购买',
  },

  // The quantity stepper's buttons, read out by screen readers.
  stepper: { minus: '减少', plus: '增加' },

  // The cart tab; checkout and orders are in the buyer subpackage (zh-CN-buyer.ts).
  cart: {
    empty: '购物车是空的',
    emptyHint: '去看看村里的羊肉、奶食和杂粮吧',
    browse: '去逛逛',
    group: (village: string, farmer: string) => `${village} · ${farmer}`,
    parcel: '同一农户的商品打成一个包裹',
    remove: '删除',
    removeConfirm: '从购物车删除这件商品吗？',
    soldOut: '已售罄',
    gone: '已下架，买不了了',
    short: (stock: number, unit: string) => `库存不够，只剩 ${stock} ${unit}`,
    fitToStock: (stock: number, unit: string) => `改成 ${stock} ${unit}`,
    priceChanged: (before: string, now: string) => `价格变了：加入时 ${before}，现在 ${now}`,
    subtotal: '商品金额',
    shipping: '运费',
    subsidy: '县里补贴运费',
    total: '合计（预估）',
    estimating: '正在算价格…',
    quoteFailed: '价格没算出来',
    signInForTotal: '登录买家账号后，算出运费和合计',
    signIn: '去登录',
    buyersOnly: '只有买家账号可以下单',
    goCheckout: '去结算',
    leftOut: (count: number) => `${count} 件商品暂时买不了，不会结算`,
  },

  me: {
    signedOut: '未登录',
    signInPrompt: '登录后可以下单、查看订单和取货码',
    wechatLogin: '微信一键登录',
    signingIn: '正在登录…',
    signInFailed: '登录失败，请重试',
    signOut: '退出登录',
    chooseDemoUser: '选择演示用户',
    farmerTools: '我的店铺',
    operatorTools: '村服务站',
    countyTools: '县城服务中心',
    buyerTools: '我的购物',
    demoHint: '演示环境：选择一个身份来体验乡集',
  },

  // The doors into subpackage pages from 我的, per role; short sentences for older users.
  roleEntries: {
    sell: '我要卖',
    sellHint: '拍照上架自家产品',
    myListings: '我的商品',
    myListingsHint: '查看审核结果、修改、下架',
    mySales: '我卖出的',
    mySalesHint: '交什么、交到哪、什么时候交',
    myIncome: '我的收入',
    myIncomeHint: '可提现、待结算、已到账，确认收款',
    operatorIncomeHint: '佣金可提现、待结算、已到账，确认收款',
    toHandInBadge: (count: number) => `${count} 样待交`,
    review: '审核队列',
    reviewHint: '审核本村农户的商品',
    farmers: '本村农户',
    farmersHint: '查看和添加农户',
    listForFarmer: '代农户上架',
    listForFarmerHint: '帮没有手机的农户上架',
    villageParcels: '今日待收包裹',
    villageParcelsHint: '收农户交来的包裹，交给集货车',
    commissions: '我的佣金',
    commissionsHint: '每月按取货的商品记佣金',
    manifest: '集货清单',
    manifestHint: '各村送来的包裹，逐件收货',
    pickups: '待取订单',
    pickupsHint: '包裹到齐、等买家来取的订单',
    verify: '核销取货',
    verifyHint: '扫买家二维码或输入取货码',
    subsidyReport: '运费补贴月报',
    subsidyReportHint: '每月的订单、运费和补贴，用来申报',
    reconciliation: '月度对账',
    reconciliationHint: '每个村每月的收支，分毫对平',
    countyCases: '售后处理',
    countyCasesHint: '买家申请的售后和核销时登记的问题：退款或说明理由',
    payoutRuns: '转账批次',
    payoutRunsHint: '把货款和佣金转给农户和村小二，两人审批',
    shippingUploads: '发货信息异常',
    shippingUploadsHint: '微信没有接收发货信息的订单',
    orders: '我的订单',
    ordersHint: '查看订单、取货时间和取货码',
  },

}

export type Strings = typeof zhCN
