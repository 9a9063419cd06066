/* The words of the buyer's checkout and order pages (the packages/buyer subpackage). A file of
   its own, like zh-CN-work.ts: on weapp every Chinese character costs six bytes (\uXXXX) of the
   package that carries it, so these stay out of the main package and out of the farmer's and
   the operator's subpackages. */
import type { OrderEventKind, OrderStatus, ParcelStatus } from '../api/order-types'

export const zhCNBuyer = {
  pageTitles: { checkout: '确认订单', orders: '我的订单', order: '订单详情' },

  gate: { signIn: '请先登录买家账号', toMe: '去登录' },

  orderStatus: {
    pending_payment: '待支付',
    paid: '已支付，备货中',
    ready_for_pickup: '可以取货了',
    picked_up: '已取货',
    expired: '已超时取消',
    cancelled: '已取消',
  } satisfies Record<OrderStatus, string>,

  parcelStatus: {
    awaiting_collection: '在农户家，等村服务站收货',
    collected: '已交到村服务站',
    received: '已到县城服务中心',
    cancelled: '已取消',
  } satisfies Record<ParcelStatus, string>,

  timeline: {
    placed: '下单',
    paid: '支付成功',
    parcel_collected: '包裹交到村服务站',
    parcel_received: '包裹到达县城服务中心',
    parcel_collect_undone: '村服务站撤销了收包裹登记',
    parcel_receive_undone: '县城服务中心撤销了到货登记',
    ready_for_pickup: '可以取货了',
    picked_up: '已取货',
    expired: '超时未支付，订单取消',
    cancelled: '订单已取消',
    refunded: '已退款',
  } satisfies Record<OrderEventKind, string>,

  pickup: {
    title: '自提点',
    phone: (phone: string) => `电话 ${phone}`,
    call: '拨打',
    hours: (opens: string, closes: string) => `营业时间 ${opens}–${closes}`,
    closedOn: (days: string) => `${days}休息`,
    weekdays: ['周日', '周一', '周二', '周三', '周四', '周五', '周六'],
    estimateTitle: '什么时候能取',
    window: (day: string, from: string, until: string) => `${day} ${from}–${until}`,
    ifPaidNow: '现在付款，预计',
    ready: '预计可取',
    day: (month: number, date: number, weekday: string) => `${month}月${date}日（${weekday}）`,
  },

  price: {
    title: '价格明细',
    line: (quantity: number, unit: string, unitPrice: string) => `${quantity} ${unit} × ${unitPrice}`,
    parcelsTitle: '包裹和运费',
    parcel: (village: string, farmer: string) => `${village} · ${farmer} 的包裹`,
    weight: (kg: string) => `约 ${kg} 公斤`,
    subtotal: '商品金额',
    shipping: '运费',
    subsidy: '县里补贴运费',
    total: '实付',
  },

  checkout: {
    notAvailable: '以下商品暂时买不了，不会下单',
    soldOut: '已售罄或已下架',
    short: (stock: number, unit: string) => `库存不够，只剩 ${stock} ${unit}`,
    nothingToBuy: '这些商品现在都买不了',
    backToCart: '回购物车',
    pay: (total: string) => `立即支付 ${total}`,
    placing: '正在下单…',
    confirmingOrder: '订单确认中…',
    paying: '正在支付…',
    confirming: '支付确认中…',
    continuePayment: '继续支付',
    viewOrder: '查看订单',
    cancelled: '支付没有完成，订单已保留，请在时限内继续支付',
    unconfirmed: '还没收到支付结果，稍后请在“我的订单”里查看',
    closed: '这个订单已经不能支付了，请重新下单',
    payBefore: (time: string) => `请在 ${time} 前支付，超时订单自动取消`,
    outOfStock: (title: string, left: number | null, unit: string) =>
      left === null || left <= 0 ? `「${title}」卖完了，已从结算中去掉` : `「${title}」库存不够，只剩 ${left} ${unit}，请修改数量`,
    unavailable: (title: string) => `「${title}」已下架，已从结算中去掉`,
    priceChanged: (titles: string[], from: string, to: string) =>
      `价格有变化：${titles.length > 0 ? `${titles.map((t) => `「${t}」`).join('、')}调了价，` : ''}实付由 ${from} 变为 ${to}，请确认新价格后再支付`,
    someItem: '有件商品',
    cartUpdated: '购物车已更新，没有丢东西',
  },

  orders: {
    empty: '还没有订单',
    emptyHint: '在购物车里挑好商品，去结算就能下单',
    placedAt: (when: string) => `下单时间 ${when}`,
    items: (count: number) => `共 ${count} 件商品`,
    number: (number: string) => `订单号 ${number}`,
    end: '没有更多订单了',
  },

  order: {
    number: (number: string) => `订单号 ${number}`,
    notFound: '没有找到这个订单',
    toOrders: '看全部订单',
    pickupCode: '取货码',
    pickupCodeHint: '到县城服务中心，出示取货码或二维码取货',
    qrLabel: '取货二维码',
    expiresAt: (time: string) => `请在 ${time} 前支付，超时订单自动取消`,
    expiredAt: (time: string) => `已于 ${time} 超时`,
    timelineTitle: '订单进度',
    parcelsTitle: '包裹',
    linesTitle: '商品',
    cancel: '取消订单',
    cancelConfirm: '确定取消这个订单吗？',
    cancelConfirmRefund: (amount: string) => `确定取消这个订单吗？已付的 ${amount} 会原路退回。`,
    cancelled: '订单已取消',
    refundPending: (amount: string) => `退款 ${amount} 处理中，一般 1–3 天到账`,
    refundDone: (amount: string) => `已退款 ${amount}`,
    paidToast: '支付成功',
  },

  errors: {
    OUT_OF_STOCK: '库存不够了',
    LISTING_UNAVAILABLE: '商品已下架',
    PRICE_CHANGED: '价格有变化，请确认新价格后再支付',
    IDEMPOTENCY_IN_PROGRESS: '订单还在确认中，请过一会儿再点支付，不会重复下单',
    IDEMPOTENCY_KEY_REUSED: '订单内容变了，请重新点支付',
    INVALID_TRANSITION: '订单状态已经变了，请刷新后再看',
    PAYMENT_UNAVAILABLE: '现在不能用这种方式支付，请在微信小程序里支付',
    PAYMENT_FAILED: '支付没有成功，请重试',
    UPSTREAM_UNAVAILABLE: '微信支付暂时没有响应，请稍后再试',
  } as Record<string, string>,
}

export type BuyerStrings = typeof zhCNBuyer
