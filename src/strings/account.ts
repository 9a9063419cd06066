/* The words of 注销账号 and 导出我的数据: a file of its own, so only the account subpackage
   carries them. What the page says erased and kept is what the server does
   (server/services/accounts/account-deletion.ts); change both together. */
import type { OrderStatus } from '../domain/order-status'
import { formatYuan } from '../domain/money'
import { chinaDateTime } from './china-time-text'

const OPEN_ORDER_STATUS: Partial<Record<OrderStatus, string>> = {
  pending_payment: '待付款',
  paid: '待送到县城',
  ready_for_pickup: '待取货',
  picked_up: '售后处理中',
}

export const accountStrings = {
  pageTitle: '注销账号',
  signInFirst: '请先登录，再注销账号',
  toMe: '去登录',

  exportTitle: '导出我的数据',
  exportWhat: '您在乡集的资料（个人信息、订单、商品、售后、账目和转账记录）会整理成一个文件。',
  exportHow: process.env.TARO_ENV === 'h5' ? '文件会下载到这台设备。' : '文件会发到微信聊天里（可发给“文件传输助手”）。',
  exportButton: '导出我的数据',
  exported: (s: { orders: number; listings: number; cases: number; ledgerLines: number; payouts: number }) =>
    `已导出：订单 ${s.orders} 个，商品 ${s.listings} 个，售后 ${s.cases} 个，账目 ${s.ledgerLines} 条，转账 ${s.payouts} 笔`,

  deleteTitle: '注销后会怎样',
  erasedTitle: '会删除',
  erased: ['您的姓名、手机号和微信绑定', '您的登录：所有手机上都会立即退出', '您上传的照片（还在卖的商品用到的除外）', '您写的售后问题说明'],
  keptTitle: '会保留，但不再和您有关',
  kept: '订单、付款和退款、账目和佣金记录，法律要求保存一定年限，会继续保存，但显示为“已注销用户”，不再能查到是您。',
  listingsTitle: '农户的商品',
  listings: '您的商品会全部下架，买家再也看不到。',
  beforeTitle: '注销前需要',
  before: ['没完成的订单要先取货或取消', '正在处理的售后要等处理完', '还没结给您的钱要先转给您'],
  final: '注销后无法恢复。以后用同一个微信登录，会是一个全新的账号。',

  deleteButton: '注销账号',
  confirmQuestion: '确定要注销账号吗？注销后无法恢复。',
  confirmButton: '确认注销',
  cancelButton: '再想想',
  deleting: '正在注销…',
  deleted: '账号已注销',

  openOrdersTitle: '这些订单还没有完成，请先取货或取消，再来注销：',
  openOrder: (o: { number: string | null; status: OrderStatus; createdAt: string }) =>
    `${o.number ? `订单 ${o.number}` : `未付款订单（${chinaDateTime(o.createdAt)} 下单）`} · ${OPEN_ORDER_STATUS[o.status] ?? '进行中'}`,
  owed: (b: { pendingFen: number; payableFen: number; inFlightFen: number }) =>
    `还有钱没结给您：待结算 ${formatYuan(b.pendingFen)}，可提现 ${formatYuan(b.payableFen)}，转账中 ${formatYuan(b.inFlightFen)}。请等县服务中心把钱转给您后，再来注销。`,
} as const
