import type { Category } from '../../src/domain/catalog'
import type { Unit } from '../../src/domain/units'

/* The demo county of API.md: Horinger (和林格尔县), Hohhot, Inner Mongolia, a county of
   grassland lamb, dairy and oat flour. Names are invented; the shape is real. Every entry has
   a stable key, from which the seed derives stable IDs. */

export const demoCounty = {
  key: 'horinger',
  name: '和林格尔县',
  // Village → county shipping: ¥8 the first kg, ¥2 each further kg.
  shippingFirstKgFen: 800,
  shippingExtraKgFen: 200,
  commissionRateBp: 500,
  // The county's e-commerce subsidy covers up to ¥10 of shipping per order during 2026.
  subsidyCapFen: 1000,
  subsidyValidFrom: '2026-01-01',
  subsidyValidUntil: '2026-12-31',
  cutoffTime: '16:00',
  collectionRunTime: '08:00',
  runDurationMinutes: 150,
}

export const demoPickupPoint = {
  key: 'horinger-center',
  name: '和林格尔县农村电商服务中心',
  address: '和林格尔县城关镇盛乐大街 88 号（县邮政物流园内）',
  phone: '0471-7123456',
  opensAt: '08:30',
  closesAt: '18:00',
  closedWeekdays: '',
}

export const demoVillages = [
  { key: 'shebiya', name: '舍必崖村', address: '舍必崖乡舍必崖村村委会东侧' },
  { key: 'xindianzi', name: '新店子村', address: '新店子镇新店子村便民服务站' },
  { key: 'heilaoyao', name: '黑老夭村', address: '黑老夭乡黑老夭村供销社旧址' },
  { key: 'qiaoshiying', name: '巧什营村', address: '巧什营镇巧什营村文化广场旁' },
  { key: 'dahongcheng', name: '大红城村', address: '大红城乡大红城村卫生室隔壁' },
  { key: 'yangqungou', name: '羊群沟村', address: '羊群沟乡羊群沟村村部一楼' },
] as const

export type VillageKey = (typeof demoVillages)[number]['key']

export const demoOperators: { key: string; name: string; village: VillageKey }[] = [
  { key: 'op-shebiya', name: '舍必崖村小二 白丽娟', village: 'shebiya' },
  { key: 'op-xindianzi', name: '新店子村小二 武海军', village: 'xindianzi' },
  { key: 'op-heilaoyao', name: '黑老夭村小二 云凤霞', village: 'heilaoyao' },
  { key: 'op-qiaoshiying', name: '巧什营村小二 乔建平', village: 'qiaoshiying' },
  { key: 'op-dahongcheng', name: '大红城村小二 贾慧敏', village: 'dahongcheng' },
  { key: 'op-yangqungou', name: '羊群沟村小二 杨志刚', village: 'yangqungou' },
]

/** Farmers; those with `user: true` have a phone and sign in, the others are listed for. */
export const demoFarmers: { key: string; name: string; village: VillageKey; phone: string | null; user: boolean }[] = [
  { key: 'wang-jianguo', name: '王建国', village: 'shebiya', phone: '13847100001', user: true },
  { key: 'li-xiuying', name: '李秀英', village: 'xindianzi', phone: '13847100002', user: true },
  { key: 'zhang-erniu', name: '张二牛', village: 'shebiya', phone: null, user: false },
  { key: 'liu-guilan', name: '刘桂兰', village: 'heilaoyao', phone: null, user: false },
  { key: 'zhao-mancang', name: '赵满仓', village: 'qiaoshiying', phone: '13847100005', user: false },
  { key: 'hao-sanbao', name: '郝三宝', village: 'dahongcheng', phone: null, user: false },
  { key: 'yang-cuiping', name: '杨翠萍', village: 'yangqungou', phone: '13847100007', user: false },
]

export const demoBuyers = [
  { key: 'buyer-chenxiao', name: '陈晓（呼和浩特）' },
  { key: 'buyer-zhoumin', name: '周敏（北京）' },
]

// Two clerks: a payout run drawn up by one is approved by the other.
export const demoCountyStaff = [
  { key: 'staff-gao', name: '县小二 高志强' },
  { key: 'staff-li', name: '县小二 李春梅' },
]
export const demoAdmins = [{ key: 'admin', name: '乡集管理员' }]

export interface DemoListing {
  key: string
  farmer: string
  title: string
  category: Category
  unit: Unit
  unitWeightGrams: number
  priceFen: number
  stock: number
  description: string
  status?: 'live' | 'pending_review'
}

export const demoListings: DemoListing[] = [
  { key: 'lamb-chops', farmer: 'wang-jianguo', title: '草原羔羊肉 羊排', category: 'lamb', unit: 'jin', unitWeightGrams: 500, priceFen: 6800, stock: 40, description: '舍必崖自家散养的六月龄羔羊，吃草长大，肋排肥瘦相间，手把肉、烤羊排都合适。当天宰杀，真空包装。' },
  { key: 'lamb-leg', farmer: 'wang-jianguo', title: '羔羊后腿（整条）', category: 'lamb', unit: 'piece', unitWeightGrams: 2500, priceFen: 29800, stock: 12, description: '整条羔羊后腿约 5 斤，适合炖、烤。冷链送到县服务中心。' },
  { key: 'lamb-whole', farmer: 'zhang-erniu', title: '整只羔羊（白条）', category: 'lamb', unit: 'head', unitWeightGrams: 15000, priceFen: 168000, stock: 3, description: '整只白条羔羊约 30 斤，可按需分割。由村小二代为上架。' },
  { key: 'lamb-spine', farmer: 'zhang-erniu', title: '羊蝎子', category: 'lamb', unit: 'jin', unitWeightGrams: 500, priceFen: 3200, stock: 60, description: '新鲜羊脊骨，带肉多，冬天炖一锅最暖。' },
  { key: 'lamb-shoulder', farmer: 'liu-guilan', title: '羊前腿肉 手把肉', category: 'lamb', unit: 'kg', unitWeightGrams: 1000, priceFen: 11600, stock: 25, description: '清水煮，蘸点盐就香。黑老夭的羊吃山坡草，不膻。' },
  { key: 'lamb-tripe', farmer: 'hao-sanbao', title: '羊杂（熟）', category: 'lamb', unit: 'jin', unitWeightGrams: 500, priceFen: 2800, stock: 0, description: '自家卤制羊杂，已售罄，下周再做。' },
  { key: 'milk-fresh', farmer: 'li-xiuying', title: '鲜牛奶（当日挤）', category: 'dairy', unit: 'liter', unitWeightGrams: 1030, priceFen: 800, stock: 80, description: '新店子牧场当日鲜奶，巴氏杀菌，冷藏可放三天。' },
  { key: 'milk-skin', farmer: 'li-xiuying', title: '奶皮子', category: 'dairy', unit: 'jin', unitWeightGrams: 500, priceFen: 6000, stock: 15, description: '传统手工熬制奶皮子，一锅鲜奶只出一张，配奶茶最好。' },
  { key: 'milk-tofu', farmer: 'yang-cuiping', title: '奶豆腐', category: 'dairy', unit: 'jin', unitWeightGrams: 500, priceFen: 4500, stock: 30, description: '酸奶豆腐，不加糖，奶香浓。' },
  { key: 'milk-yogurt', farmer: 'yang-cuiping', title: '手工酸奶（罐装）', category: 'dairy', unit: 'piece', unitWeightGrams: 600, priceFen: 1800, stock: 40, description: '土罐装手工酸奶，一罐约 1 斤 2 两。' },
  { key: 'milk-tea', farmer: 'liu-guilan', title: '炒米奶茶料', category: 'dairy', unit: 'bag', unitWeightGrams: 1000, priceFen: 3500, stock: 20, description: '炒米、奶皮、黄油配好的一袋，煮一壶奶茶。' },
  { key: 'oat-flour', farmer: 'zhao-mancang', title: '和林莜面', category: 'grain', unit: 'jin', unitWeightGrams: 500, priceFen: 650, stock: 300, description: '和林格尔高原燕麦磨的莜面，搓鱼鱼、推窝窝都行。' },
  { key: 'millet', farmer: 'zhao-mancang', title: '黄金小米', category: 'grain', unit: 'jin', unitWeightGrams: 500, priceFen: 700, stock: 200, description: '今年新米，熬粥有米油。' },
  { key: 'broomcorn', farmer: 'hao-sanbao', title: '黄米（糜子米）', category: 'grain', unit: 'jin', unitWeightGrams: 500, priceFen: 600, stock: 150, description: '做炸糕、黄米饭的黄米，黏糯。' },
  { key: 'buckwheat', farmer: 'wang-jianguo', title: '荞麦面', category: 'grain', unit: 'bag', unitWeightGrams: 5000, priceFen: 7500, stock: 18, description: '一袋 10 斤，石磨荞麦面。' },
  { key: 'flax-oil', farmer: 'li-xiuying', title: '胡麻油', category: 'other', unit: 'liter', unitWeightGrams: 920, priceFen: 3800, stock: 35, description: '冷榨胡麻油，炝锅香。' },
  { key: 'potatoes', farmer: 'hao-sanbao', title: '沙地土豆', category: 'other', unit: 'bag', unitWeightGrams: 10000, priceFen: 3500, stock: 50, description: '一袋 20 斤沙地土豆，面、甜。' },
  { key: 'eggs', farmer: 'yang-cuiping', title: '散养柴鸡蛋', category: 'other', unit: 'piece', unitWeightGrams: 55, priceFen: 150, stock: 300, description: '山坡散养柴鸡下的蛋，按个卖。' },
  { key: 'lamb-new', farmer: 'wang-jianguo', title: '羔羊肉 羊肉卷', category: 'lamb', unit: 'jin', unitWeightGrams: 500, priceFen: 5800, stock: 30, description: '涮锅用羊肉卷，等待村小二审核。', status: 'pending_review' },
]
