// The demo shop's merchants and products: one platform-operated store (自营) and seven
// third-party shops, about sixty products across the categories whose after-sales rules differ.
import type { LocalizedText, ProductFlag } from '../../shared/vocabulary.ts';

export interface DemoMerchant {
  /** 1-based number: merchant1@afterdesk.demo is the staff of merchant 1. */
  no: number;
  name: string;
  platformOperated: boolean;
  /** Publishes its own (more generous) policy with price protection. */
  priceProtectionDays: number | null;
  /** Its returns warehouse (RES-6). */
  returnAddress: { recipient: string; phone: string; address: string };
}

export type DemoCategory = 'electronics' | 'home_appliances' | 'apparel' | 'cosmetics' | 'fresh_food' | 'furniture' | 'books' | 'digital';

/** The names the demo shop gives its category codes (PUT /api/v1/integration/product-categories). */
export const CATEGORY_NAMES: Record<DemoCategory, LocalizedText> = {
  electronics: { 'zh-CN': '数码', 'en-US': 'Electronics' },
  home_appliances: { 'zh-CN': '家电', 'en-US': 'Home appliances' },
  apparel: { 'zh-CN': '服饰', 'en-US': 'Apparel' },
  cosmetics: { 'zh-CN': '美妆', 'en-US': 'Beauty' },
  fresh_food: { 'zh-CN': '生鲜', 'en-US': 'Fresh food' },
  furniture: { 'zh-CN': '定制家居', 'en-US': 'Made-to-order furniture' },
  books: { 'zh-CN': '图书', 'en-US': 'Books' },
  digital: { 'zh-CN': '数字商品', 'en-US': 'Digital goods' },
};

export interface DemoProduct {
  /** 1-based number, stable across runs (external id p001…). */
  no: number;
  merchantNo: number;
  name: string;
  category: DemoCategory;
  priceFen: number;
  warrantyMonths: number | null;
  flags: ProductFlag[];
  /** Sizes or variants for the SKU. */
  skus: string[];
}

export const DEMO_MERCHANTS: readonly DemoMerchant[] = [
  { no: 1, name: '优选自营旗舰店', platformOperated: true, priceProtectionDays: 15,
    returnAddress: { recipient: '优选自营退货仓', phone: '400-820-0001', address: '北京市大兴区亦庄经济开发区科创十三街 18 号 优选物流中心 3 号库' } },
  { no: 2, name: '华数数码专营店', platformOperated: false, priceProtectionDays: 7,
    returnAddress: { recipient: '华数售后部', phone: '0755-2688-1102', address: '广东省深圳市南山区科技园南区高新南七道 9 号 华数大厦 1 楼售后' } },
  { no: 3, name: '云帆家电专营店', platformOperated: false, priceProtectionDays: null,
    returnAddress: { recipient: '云帆家电售后', phone: '0757-8633-2203', address: '广东省佛山市顺德区北滘镇工业大道 66 号 云帆家电售后仓' } },
  { no: 4, name: '织梦服饰旗舰店', platformOperated: false, priceProtectionDays: null,
    returnAddress: { recipient: '织梦退货组', phone: '0571-8866-3304', address: '浙江省杭州市余杭区仓前街道良睦路 1399 号 织梦仓 B 区' } },
  { no: 5, name: '花语美妆官方店', platformOperated: false, priceProtectionDays: null,
    returnAddress: { recipient: '花语售后', phone: '021-6188-4405', address: '上海市青浦区华新镇华志路 1588 号 花语美妆退货仓' } },
  { no: 6, name: '鲜果时光生鲜店', platformOperated: false, priceProtectionDays: null,
    returnAddress: { recipient: '鲜果时光客服', phone: '0535-6688-5506', address: '山东省烟台市福山区永达街 388 号 鲜果时光冷链仓' } },
  { no: 7, name: '木语定制家居', platformOperated: false, priceProtectionDays: null,
    returnAddress: { recipient: '木语定制售后', phone: '0769-2233-6607', address: '广东省东莞市厚街镇家具大道 128 号 木语工厂售后部' } },
  { no: 8, name: '书香阁图书专营店', platformOperated: false, priceProtectionDays: null,
    returnAddress: { recipient: '书香阁退货', phone: '025-8477-7708', address: '江苏省南京市江宁区秣陵街道胜太路 58 号 书香阁图书仓' } },
];

type Row = [merchantNo: number, name: string, category: DemoCategory, yuan: number, warrantyMonths: number | null, flags: ProductFlag[], skus: string[]];

const W: ProductFlag[] = ['warranty_goods'];
const SIZES = ['S', 'M', 'L', 'XL'];
const SHOE_SIZES = ['39', '40', '41', '42', '43'];

const ROWS: readonly Row[] = [
  // 1 优选自营旗舰店 (platform-operated)
  [1, '星辰 X5 5G 智能手机 8GB+256GB', 'electronics', 2999, 12, W, ['曜石黑', '冰川蓝', '月光白']],
  [1, '声悦 Pro 主动降噪真无线蓝牙耳机', 'electronics', 899, 12, [], ['白色', '黑色']],
  [1, '极光 14 英寸轻薄笔记本电脑 i5/16G/512G', 'electronics', 5499, 24, W, ['深空灰']],
  [1, '智联运动手环 7 NFC 版', 'electronics', 249, 12, [], ['黑色', '粉色']],
  [1, '氮化镓快充充电器 65W 三口', 'electronics', 129, 12, [], ['白色']],
  [1, '云帆 1.5 匹新一级能效变频空调挂机', 'home_appliances', 2899, 36, W, ['KFR-35GW']],
  [1, '净澈 10 公斤滚筒洗衣机 洗烘一体', 'home_appliances', 2599, 36, W, ['银色']],
  [1, '灵动 T8 扫拖一体智能扫地机器人', 'home_appliances', 1999, 24, W, ['白色']],
  [1, '《三体》全集（典藏版，共三册）', 'books', 168, null, [], ['精装']],
  [1, '《人类简史：从动物到上帝》', 'books', 68, null, [], ['平装']],
  // 2 华数数码专营店
  [2, '华数 Pad 11 英寸平板电脑 8GB+128GB', 'electronics', 2299, 12, W, ['星空灰', '樱花粉']],
  [2, '华数 Watch 4 智能手表 血氧心率监测', 'electronics', 1299, 12, [], ['46mm 黑', '42mm 金']],
  [2, '华数 20000mAh 双向快充移动电源', 'electronics', 159, 12, [], ['黑色']],
  [2, '青轴机械键盘 104 键 RGB 背光', 'electronics', 329, 12, [], ['青轴', '红轴']],
  [2, '4K 高清运动相机 防水 40 米', 'electronics', 1599, 12, W, ['标准套装']],
  [2, '无线游戏鼠标 26000DPI', 'electronics', 269, 12, [], ['黑色']],
  [2, '蓝牙便携音箱 IPX7 防水', 'electronics', 399, 12, [], ['墨绿', '深蓝']],
  [2, '华数 Type-C 多功能扩展坞 8 合 1', 'electronics', 199, 12, [], ['灰色']],
  // 3 云帆家电专营店
  [3, '云帆 520 升十字对开门风冷无霜冰箱', 'home_appliances', 4599, 36, W, ['星砂金']],
  [3, '云帆 20L 家用微波炉 光波炉', 'home_appliances', 499, 12, W, ['白色']],
  [3, '云帆 IH 电磁加热电饭煲 4L', 'home_appliances', 599, 12, W, ['4L']],
  [3, '负离子高速吹风机 1600W', 'home_appliances', 399, 12, W, ['雾霾蓝', '珍珠白']],
  [3, '60 升一级能效储水式电热水器', 'home_appliances', 1399, 36, W, ['60L']],
  [3, '5.5L 大容量可视空气炸锅', 'home_appliances', 349, 12, W, ['奶白']],
  [3, '65 英寸 4K 超高清智能液晶电视', 'home_appliances', 3299, 24, W, ['65 英寸']],
  [3, '台式净饮一体机 即热式', 'home_appliances', 1699, 24, W, ['白色']],
  // 4 织梦服饰旗舰店
  [4, '双面羊毛大衣 女 中长款', 'apparel', 1299, null, [], SIZES],
  [4, '男士弹力修身牛仔裤', 'apparel', 259, null, [], ['29', '30', '31', '32', '33']],
  [4, '轻量缓震跑步鞋 男女同款', 'apparel', 459, null, [], SHOE_SIZES],
  [4, '法式碎花雪纺连衣裙', 'apparel', 329, null, [], SIZES],
  [4, '90% 白鹅绒连帽羽绒服', 'apparel', 899, null, [], SIZES],
  [4, '无钢圈蕾丝文胸套装', 'apparel', 199, null, ['intimate_apparel'], ['75B', '80B', '75C']],
  [4, '男士莫代尔内裤 三条装', 'apparel', 99, null, ['intimate_apparel'], ['L', 'XL', 'XXL']],
  [4, '纯棉长袖家居睡衣套装', 'apparel', 189, null, [], SIZES],
  // 5 花语美妆官方店
  [5, '玻尿酸补水修护精华液 50ml', 'cosmetics', 369, null, ['cosmetics'], ['50ml']],
  [5, '多效紧致抗皱面霜 50g', 'cosmetics', 529, null, ['cosmetics'], ['50g']],
  [5, '丝绒哑光口红 #999', 'cosmetics', 320, null, ['cosmetics'], ['#999', '#520', '#888']],
  [5, '持妆无瑕粉底液 30ml', 'cosmetics', 420, null, ['cosmetics'], ['象牙白', '自然色']],
  [5, '清爽防晒乳 SPF50+ PA++++', 'cosmetics', 189, null, ['cosmetics'], ['60ml']],
  [5, '进口经典淡香水 100ml', 'cosmetics', 1080, null, ['cosmetics'], ['100ml']],
  [5, '氨基酸温和洁面乳 120g', 'cosmetics', 89, null, ['cosmetics'], ['120g']],
  // 6 鲜果时光生鲜店
  [6, '阳光玫瑰葡萄 2 斤装 产地直发', 'fresh_food', 89, null, ['perishable'], ['2 斤']],
  [6, '智利车厘子 JJ 级 2 斤礼盒', 'fresh_food', 199, null, ['perishable'], ['2 斤']],
  [6, '阳澄湖大闸蟹礼盒 公 4.0 两 母 3.0 两 8 只', 'fresh_food', 588, null, ['perishable'], ['8 只装']],
  [6, '挪威冰鲜三文鱼刺身 500g', 'fresh_food', 168, null, ['perishable'], ['500g']],
  [6, '赣南脐橙 10 斤装 现摘现发', 'fresh_food', 69, null, ['perishable'], ['10 斤']],
  [6, '澳洲谷饲原切牛排套餐 1.5kg', 'fresh_food', 299, null, ['perishable'], ['1.5kg']],
  // 7 木语定制家居
  [7, '定制实木推拉门衣柜（按尺寸）', 'furniture', 6800, 24, ['custom_made'], ['北美白橡']],
  [7, '定制实木书桌 1.4 米', 'furniture', 2380, 24, ['custom_made'], ['胡桃色']],
  [7, '定制布艺沙发 三人位', 'furniture', 4599, 24, ['custom_made'], ['浅灰']],
  [7, '定制遮光窗帘（含安装）', 'furniture', 880, 12, ['custom_made'], ['米白']],
  [7, '北欧实木餐椅 两把装', 'furniture', 699, 12, [], ['原木色']],
  // 8 书香阁图书专营店
  [8, '《红楼梦》（全两册，人民文学版）', 'books', 59, null, [], ['平装']],
  [8, '《百年孤独》精装纪念版', 'books', 55, null, [], ['精装']],
  [8, '儿童科普百科全书（全 8 册）', 'books', 198, null, [], ['套装']],
  [8, '考研英语真题详解 2026 版', 'books', 79, null, [], ['平装']],
  [8, '《活着》余华 精装版', 'books', 45, null, [], ['精装']],
  [8, '电子书畅读年卡（电子兑换码）', 'digital', 168, null, ['digital'], ['年卡']],
  [8, 'Python 数据分析在线课程（激活码）', 'digital', 299, null, ['digital'], ['终身版']],
  [8, '正版办公软件家庭版（激活码）', 'digital', 398, null, ['digital', 'opened_software'], ['1 年']],
];

export const DEMO_PRODUCTS: readonly DemoProduct[] = ROWS.map(([merchantNo, name, category, yuan, warrantyMonths, flags, skus], index) => ({
  no: index + 1,
  merchantNo,
  name,
  category,
  priceFen: yuan * 100,
  warrantyMonths,
  flags,
  skus,
}));

export function merchantOf(product: DemoProduct): DemoMerchant {
  const merchant = DEMO_MERCHANTS.find((m) => m.no === product.merchantNo);
  if (!merchant) throw new Error(`product ${product.no} has no merchant`);
  return merchant;
}

export const CARRIERS: readonly { name: string; tracking: (digits: (n: number) => string) => string }[] = [
  { name: '顺丰速运', tracking: (d) => `SF${d(13)}` },
  { name: '京东物流', tracking: (d) => `JDVA${d(11)}` },
  { name: '中通快递', tracking: (d) => `78${d(12)}` },
  { name: '圆通速递', tracking: (d) => `YT${d(13)}` },
  { name: '韵达快递', tracking: (d) => `43${d(13)}` },
  { name: '申通快递', tracking: (d) => `77${d(13)}` },
  { name: '邮政EMS', tracking: (d) => `EA${d(9)}CN` },
];

export const PAYMENT_METHODS: readonly (readonly [string, number])[] = [
  ['alipay', 45],
  ['wechat_pay', 35],
  ['huabei', 8],
  ['unionpay', 7],
  ['credit_card', 5],
];
