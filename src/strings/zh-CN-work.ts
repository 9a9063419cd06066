/* The words of the farmer's and the operator's pages. A file of its own beside zh-CN.ts,
   imported only from the role subpackages: on weapp every Chinese character costs six bytes
   (\uXXXX) of the buyer's main package, and on H5 a share of the first load. */
import type { ParcelStatus } from '../api/order-types'
import type { SaleEndReason, SaleLineStatus } from '../domain/farmer-sales'
import type { ListingAction, ListingStatus } from '../api/types'

export const zhCNWork = {
  pageTitles: { villageParcels: '今日待收包裹', commissions: '我的佣金', mySales: '我卖出的', farmerSales: '农户卖出的' },

  roleGate: {
    only: (role: string) => `请先以${role}身份登录`,
    toMe: '去登录',
  },

  listingStatus: {
    pending_review: '审核中',
    live: '在售',
    rejected: '未通过',
    withdrawn: '已下架',
    hidden: '已隐藏',
  } satisfies Record<ListingStatus, string>,

  sell: {
    photos: '商品照片',
    photosHint: '最多 9 张，第一张是封面。拍清楚肉的纹理、奶的颜色、粮食的颗粒',
    addPhoto: '拍照/相册',
    moveLeft: '左移',
    moveRight: '右移',
    remove: '删除',
    cover: '封面',
    uploading: (percent: number) => `上传中 ${percent}%`,
    waiting: '等待上传',
    uploaded: '已上传',
    retryIn: (seconds: number) => `网络不好，${seconds} 秒后重试`,
    retrying: '重新上传中…',
    uploadFailed: '上传失败',
    retryNow: '立即重试',
    title: '商品名称',
    titlePlaceholder: '例如：散养羊后腿肉',
    category: '分类',
    unit: '按什么卖',
    price: '单价（元）',
    pricePlaceholder: '例如：38.50',
    pricePer: (unit: string) => `每${unit}的价格`,
    // Before a unit is chosen: the hint's line is there already, so choosing one moves nothing.
    pricePerUnit: '每个单位的价格',
    unitWeight: '每份重量（克）',
    unitWeightFixed: (grams: number) => `${grams} 克（固定）`,
    unitWeightPlaceholder: '含包装，例如：2500',
    stock: '库存',
    stockPlaceholder: '能卖多少份',
    description: '介绍',
    descriptionPlaceholder: '怎么养的、什么时候收的、怎么吃好吃…',
    farmer: '替哪位农户上架',
    chooseFarmer: '请选择农户',
    submit: '提交审核',
    submitProxy: '直接上架',
    submitEdit: '保存并重新提交',
    submitting: '提交中…',
    waitingForPhotos: '照片上传中，传完自动提交…',
    draftRestored: '已恢复上次没填完的内容',
    submitted: '已提交，等待村小二审核',
    submittedProxy: '已上架',
    discard: '清空重填',
    discardConfirm: '确定清空已填写的内容吗？',
    offline: '网络断了，内容已保存在手机上，联网后会继续上传',
  },

  fieldErrors: {
    photosEmpty: '请至少拍一张照片',
    photosTooMany: '最多 9 张照片',
    photoFailed: '有照片上传失败，请删除后重新拍',
    titleEmpty: '请填写商品名称',
    titleTooLong: '商品名称不能超过 40 个字',
    titleUnreadable: '商品名称里有看不见的特殊字符，请删掉后重新输入',
    categoryEmpty: '请选择分类',
    unitEmpty: '请选择按什么卖',
    priceEmpty: '请填写单价',
    priceInvalid: '单价只能填数字，例如 38.50',
    priceTooManyDecimals: '单价最多两位小数（分）',
    priceTooLow: '单价不能是 0',
    priceTooHigh: '单价不能超过 10 万元',
    unitWeightInvalid: '请填写每份重量，整数克，例如 2500',
    unitWeightTooHigh: '每份重量不能超过 200 公斤',
    stockInvalid: '库存请填整数，例如 20',
    stockTooHigh: '库存不能超过 100 万',
    descriptionTooLong: '介绍不能超过 1000 个字',
    descriptionUnreadable: '介绍里有看不见的特殊字符，请删掉后重新输入',
    farmerEmpty: '请选择农户',
    server: '这一项没有通过检查，请修改',
    // WeChat's content security refused it (CONTENT_RISKY): what to do, not why.
    contentRisky: '这里的文字没有通过微信内容安全检测，请修改后再提交',
    photoRisky: '有照片没有通过微信内容安全检测，请删除后换一张',
  },

  myListings: {
    empty: '还没有上架的商品',
    emptyHint: '点“我要卖”拍照上架',
    rejectedReason: (reason: string) => `未通过原因：${reason}`,
    hiddenReason: (reason: string) => `已自动隐藏：${reason}，请换一张照片后重新提交`,
    edit: '修改',
    resubmit: '修改后重新提交',
    withdraw: '下架',
    withdrawConfirm: '下架后买家就看不到了，而且不能再上架。确定下架吗？',
    withdrawn: '已下架',
    history: '记录',
    listedBy: (name: string) => `${name} 代上架`,
  },

  review: {
    empty: '没有待审核的商品',
    emptyHint: '农户提交的新商品会出现在这里',
    approve: '通过',
    reject: '不通过',
    approved: '已通过，已上架',
    rejected: '已退回给农户',
    rejectTitle: '不通过的原因',
    rejectHint: '农户会看到这个原因',
    presetReasons: ['照片不清楚', '价格不合理', '描述不完整', '不是本村产品'],
    otherReason: '其他原因',
    reasonPlaceholder: '写下原因，例如：请拍一张带秤的照片',
    reasonEmpty: '请选择或填写原因',
    reasonUnreadable: '原因里有看不见的特殊字符，请删掉后重新输入',
    reasonRisky: '原因没有通过微信内容安全检测，请换个说法',
    confirmReject: '确定退回',
    cancel: '取消',
    submittedAt: (when: string) => `提交于 ${when}`,
    history: '记录',
    // Each photo's verdict from WeChat's content security; a pending one does not hold up approval.
    photoCheck: { pending: '图片审核中', pass: '图片通过', review: '图片需人工复核', risky: '图片违规', unchecked: '图片未检测' },
    textFlag: (fields: string) => `${fields}：微信内容安全提示需人工复核，请仔细看看`,
    textUnchecked: (fields: string) => `${fields}：微信暂时没能检测，请仔细看看`,
    fieldNames: { title: '商品名称', description: '介绍', reason: '原因', name: '姓名' },
    hidden: (reason: string) => `${reason}，买家已看不到。请让农户换一张照片（修改后重新审核），或下架`,
  },

  /** Why a listing was hidden, by the code the server records. */
  hiddenReasons: {
    'content.photo_risky': '照片没有通过微信内容安全检测',
  } as Record<string, string>,

  farmers: {
    empty: '本村还没有农户',
    noPhone: '没有手机',
    hasAccount: '已注册',
    listFor: '代上架',
    add: '添加农户',
    name: '姓名',
    namePlaceholder: '农户姓名',
    phone: '手机号（可不填）',
    phonePlaceholder: '没有手机可以不填',
    nameEmpty: '请填写姓名',
    nameTooLong: '姓名不能超过 20 个字',
    nameUnreadable: '姓名里有看不见的特殊字符，请删掉后重新输入',
    phoneInvalid: '手机号是 11 位数字，以 1 开头',
    nameRisky: '姓名没有通过微信内容安全检测，请核对后再填',
    save: '保存',
    added: (name: string) => `已添加 ${name}`,
    // 删除农户资料: only for a farmer without an account of her own, and only at her request.
    remove: '删除资料',
    removeTitle: '删除农户资料',
    removeConfirm: (name: string) => `应${name}本人要求删除她的资料？她的商品会全部下架，姓名和手机号会删除，订单和账目记录会保留但不再显示她的名字。删除后无法恢复。`,
    removeOk: '确认删除',
    removed: (name: string) => `已删除${name}的资料`,
    removeOpenOrders: (name: string, numbers: string) => `${name}还有没完成的订单（${numbers}），完成或取消后才能删除`,
    unpaidOrder: '未付款订单',
    removeOwed: (name: string, yuan: string) => `还有 ${yuan} 没结给${name}，转给她后才能删除`,
    removeHasAccount: (name: string) => `${name}有自己的账号，请她在自己手机上的「我的」里注销`,
  },

  // A day's collection run, as the cun xiao'er and the county center both read it.
  run: {
    today: '今天',
    tomorrow: '明天',
    dayAfter: '后天',
    pick: '选日期',
    day: (month: number, date: number, weekday: string) => `${month}月${date}日（${weekday}）`,
    weekdays: ['周日', '周一', '周二', '周三', '周四', '周五', '周六'],
    weight: (kg: string) => `约 ${kg} 公斤`,
    quantity: (quantity: number, unit: string) => `${quantity} ${unit}`,
    // The short number (1203-017) people read out; an order's id only where it has none.
    order: (number: string) => `订单号 ${number}`,
    parcelStatus: {
      awaiting_collection: '待收',
      collected: '已收到',
      received: '已到县城',
      cancelled: '已取消',
    } satisfies Record<ParcelStatus, string>,
    errors: {
      NOT_FOUND: '没有这个包裹了（订单可能已取消），列表已刷新',
      INVALID_TRANSITION: '这个包裹已经有人处理过了，列表已刷新',
      UNDO_REFUSED: '撤销不了了：已超过 10 分钟，或包裹已经到了下一步，列表已刷新',
      FORBIDDEN: '只有当时点的人才能撤销',
    } as Record<string, string>,
    // A mistaken tap taken back, for 10 minutes, by whoever made it.
    undo: '撤销',
    undoneToast: '已撤销',
  },

  parcels: {
    empty: '这一天没有要收的包裹',
    emptyHint: '买家付款后，包裹在第二天的批次里（16:00 以后付款是第三天），可以点“明天”看看',
    summary: (total: number, collected: number) => `共 ${total} 件包裹，已收 ${collected} 件`,
    waiting: (count: number) => `待收 ${count} 件`,
    allIn: '都收到了',
    collect: '已收到',
    collectedToast: '已记下：收到',
  },

  sales: {
    empty: '还没有卖出的东西',
    emptyHint: '买家付了款，这里就会告诉您交什么、交到哪、什么时候交',
    toHandIn: (count: number) => `还有 ${count} 样要交`,
    allHandedIn: '都交了',
    // 「12月2日（周三）晚上8点前交到新店子村服务站」
    handIn: (day: string, time: string, place: string) => `${day}${time}前交到${place}`,
    timeOfDay: (hour: number, minute: number) => {
      const part = hour < 12 ? '上午' : hour < 18 ? '下午' : '晚上'
      const h = hour > 12 ? hour - 12 : hour
      return `${part}${h}点${minute ? `${minute}分` : ''}`
    },
    runTitle: (day: string) => `${day}的集货车`,
    order: (number: string) => `订单号 ${number}`,
    amount: (yuan: string) => `货款 ${yuan}`,
    status: {
      to_hand_in: '待交货',
      at_village: '已交到服务站',
      at_county: '已到县城',
      picked_up: '买家已取货',
      cancelled: '已取消',
      refunded: '已退款',
    } satisfies Record<SaleLineStatus, string>,
    reasons: {
      buyer_cancelled: '买家在交货前取消了，货留在您手里',
      refunded_after_pickup: '买家取货后退了款，这笔不算钱',
    } satisfies Record<SaleEndReason, string>,
    runTotal: (count: number, kg: string, yuan: string) => `这车共 ${count} 样，约 ${kg} 公斤，货款 ${yuan}`,
    monthTotal: (label: string, count: number, yuan: string) => `${label}共卖出 ${count} 样，货款 ${yuan}`,
    more: '加载更早的',
    ofFarmer: (name: string) => `${name} 卖出的东西`,
    soldBy: '卖出的',
  },

  handInList: {
    print: '打印交货单',
    title: (day: string) => `${day}集货车 交货单`,
    by: (deadline: string) => `请在${deadline}前交到服务站`,
    line: (title: string, quantity: string) => `${title}  ${quantity}`,
    nothing: '这家的货都交了',
  },

  months: {
    label: (year: number, month: number) => `${year}年${month}月`,
    previous: '‹ 上个月',
    next: '下个月 ›',
  },

  commissions: {
    empty: '这个月还没有佣金',
    emptyHint: '买家在县城取货后，本村每件商品按比例记一笔佣金',
    lineTotal: (amount: string) => `货款 ${amount}`,
    rate: (percent: string) => `佣金比例 ${percent}`,
    reversal: '退款扣回',
    total: '本月合计',
    at: (when: string) => `记入时间 ${when}`,
  },

  history: {
    empty: '还没有记录',
    actions: {
      created: '提交',
      edited: '修改',
      approved: '审核通过',
      rejected: '审核不通过',
      withdrawn: '下架',
      hidden: '图片违规，自动隐藏',
    } satisfies Record<ListingAction, string>,
    by: (name: string) => `操作人：${name}`,
    reason: (reason: string) => `原因：${reason}`,
    move: (from: string, to: string) => `${from} → ${to}`,
  },
}

export type WorkStrings = typeof zhCNWork
