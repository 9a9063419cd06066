/* The words of the county center's pages (the packages/county subpackage: 县小二). A file of
   its own, like zh-CN-buyer.ts: on weapp every Chinese character costs six bytes (\uXXXX) of
   the package that carries it, and only county staff download these. */

import type { OrderStatus } from '../domain/order-status'

export const zhCNCounty = {
  pageTitles: { manifest: '集货清单', pickups: '待取订单', verify: '核销取货', report: '运费补贴月报' },

  manifest: {
    empty: '这一天的集货批次还没有包裹',
    emptyHint: '村小二收下农户的包裹后，会出现在这里；今天付款的包裹在明天的批次里',
    summary: (villages: number, parcels: number, kg: string) => `${villages} 个村 · ${parcels} 件 · 约 ${kg} 公斤`,
    village: (parcels: number, kg: string) => `${parcels} 件 · 约 ${kg} 公斤`,
    title: (day: string) => `${day} 集货清单`,
    farmer: (name: string) => `农户：${name}`,
    receive: '收货',
    received: '已收货',
    receivedToast: '已收货',
    print: '打印清单',
  },

  pickups: {
    empty: '现在没有等待取货的订单',
    emptyHint: '一个订单的包裹全部到齐后，会出现在这里',
    buyer: (name: string) => `买家：${name}`,
    parcels: (count: number) => `${count} 个包裹，已全部到齐`,
    toVerify: '核销取货',
    findTitle: '按订单号查找',
    findPlaceholder: '订单号，如 1203-017',
    find: '查找',
    clear: '返回待取列表',
    notFound: (number: string) => `本服务中心没有订单号 ${number} 的订单`,
    format: '订单号是 4 位日期加序号，如 1203-017',
    // What the desk can do with a found order: finding it never hands it over.
    state: {
      paid: '包裹还没有全部到县城服务中心，暂时不能取货',
      ready_for_pickup: '等待取货：请买家出示取货码后核销',
      picked_up: '已经取过货了',
      cancelled: '订单已取消',
    } as Record<string, string>,
  },

  verify: {
    scan: '扫买家的取货二维码',
    scanHint: '请买家打开“订单详情”里的取货二维码',
    // After the scanner (weapp) it reads as the other way; alone (H5 has no scanner) it stands whole.
    typeTitle: '或者输入 6 位取货码',
    typeTitleAlone: '输入买家的 6 位取货码',
    codePlaceholder: '6 位数字',
    verify: '核销',
    checking: '正在核对…',
    handoverTitle: '核销成功，请把以下商品交给买家',
    number: (number: string) => `订单号 ${number}`,
    buyer: (name: string) => `买家：${name}`,
    linesTitle: '商品',
    parcelsTitle: '包裹',
    parcel: (village: string, farmer: string) => `${village} · ${farmer} 的包裹`,
    done: '完成，接待下一位',
  },

  report: {
    // The status column of the CSV (server/services/reports): a clerk's words, not the buyer's.
    orderStatus: {
      pending_payment: '待支付',
      paid: '已支付',
      ready_for_pickup: '待取货',
      picked_up: '已取货',
      expired: '已超时',
      cancelled: '已取消',
    } satisfies Record<OrderStatus, string>,
    hint: '本月付款、没有退款的订单，县里申报运费补贴用这份报表',
    orders: (count: number) => `共 ${count} 单`,
    goods: '商品金额',
    shipping: '运费（补贴前）',
    subsidy: '运费补贴',
    paid: '买家实付',
    download: '下载 CSV 报表',
    downloaded: '已下载',
    send: '发送到微信聊天',
    sendHint: '可以发给“文件传输助手”，在电脑微信上打开，用表格软件查看',
    sent: '已发送',
    fileName: (month: string) => `运费补贴-${month}.csv`,
  },

  // 月度对账: where the month's money went, village by village, proved to the fen.
  reconciliation: {
    title: '月度对账',
    hint: '买家付款 = 农户所得 + 村小二佣金 + 运费 − 运费补贴 + 退款，每个村都要分毫对平',
    payable: '应付农户和村小二',
    pending: '售后期内待结算',
    paidOut: '本月已付出',
    inFlight: (yuan: string) => `转账途中 ¥${yuan}`,
    totals: '全县合计',
    orders: (count: number) => `${count} 单`,
    received: '收到买家付款',
    farmersShare: '农户所得',
    commission: '村小二佣金',
    shipping: '运费',
    subsidy: '运费补贴',
    refunds: '退款',
    payouts: '已付出',
    balanced: '✓ 平',
    off: (yuan: string) => `✗ 差 ${yuan} 元`,
    unbalanced: '账不平：请把这份报表发给技术人员核查',
    download: '下载对账 CSV',
    downloaded: '已下载',
    send: '发送到微信聊天',
    sent: '已发送',
    fileName: (month: string) => `对账-${month}.csv`,
  },

  // Why an order cannot be handed over, and what to do about it: the server's refusals first.
  errors: {
    NOT_FOUND: '取货码不对，或者不是本服务中心的订单。请买家再核对一下取货码',
    NOT_READY: '这个订单的包裹还没有全部到县城服务中心，暂时不能取货',
    INVALID_TRANSITION: '这个订单已经取过货了，请不要重复交货',
    SCAN_FAILED: '扫码没有成功，请再扫一次，或者输入取货码',
  } as Record<string, string>,
  problems: {
    notPickupQr: '这不是乡集的取货二维码，请买家打开订单详情里的取货码',
    codeFormat: '请输入 6 位数字的取货码',
    rateLimited: (minutes: number) => `取货码输错太多次，请等 ${minutes} 分钟再试`,
    // The center's limit shuts typed codes only: a scanned QR code carries the order id too.
    rateLimitedTyping: (minutes: number) => `本服务中心取货码输错太多次，${minutes} 分钟内不能手输取货码。请扫买家的取货二维码取货`,
  },
}

export type CountyStrings = typeof zhCNCounty
