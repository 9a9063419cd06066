/* The privacy sheet's words (用户隐私保护指引): plain, short, what we collect and why. The same
   four items are what the README tells the admin to declare in the console, so the guide WeChat
   shows and the sheet agree. */

export const privacyStrings = {
  title: '乡集怎样使用你的信息',
  largeText: '大字',
  standardText: '标准字',
  lead: '用乡集之前，请看看我们会用到哪些信息、用来做什么：',
  items: [
    { what: '微信身份', why: '用来登录，记住你的订单、购物车和收入。' },
    { what: '照片', why: '农户拍照上架商品，买家和县城服务中心拍照登记售后问题。只用来展示商品和处理售后。' },
    { what: '取货点', why: '你选的县城取货点，用来安排包裹送到哪里。' },
    { what: '农户的电话', why: '村小二替没有手机的农户登记，只用来联系交货和付款，不给买家看。' },
    { what: '相机扫码', why: '县小二在取货台扫买家的取货码。' },
  ],
  /** Why the sheet opened now, when a feature asked for it. */
  purpose: {
    launch: '',
    photos: '拍照或选照片之前，需要你先同意。',
    scan: '扫取货码之前，需要你先同意。',
    other: '这项功能需要你先同意。',
  },
  keep: '我们不会把你的信息卖给别人。你可以随时在「我的」里注销账号。',
  readGuide: '查看完整的隐私保护指引',
  agree: '同意',
  decline: '不同意',
  /** After 不同意: what still works, and what does not. */
  declinedNote: '你没有同意隐私保护指引。可以照常浏览和下单；拍照上架、售后拍照和扫码取货要同意后才能用。',
  reconsider: '查看并同意',
  declinedToast: {
    photos: '没有同意隐私保护指引，不能拍照或选照片',
    scan: '没有同意隐私保护指引，不能扫码，可以输入取货码',
  },
}
