// Demo customers: Chinese names, mobile numbers, addresses and membership tiers.
import type { MembershipTier } from '../../shared/vocabulary.ts';
import type { Random } from './random.ts';

const SURNAMES = [
  '王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '高', '林', '罗',
  '郑', '梁', '谢', '宋', '唐', '许', '韩', '冯', '邓', '曹', '彭', '曾', '肖', '田', '董', '袁', '潘', '于', '蒋', '蔡',
  '余', '杜', '叶', '程', '苏', '魏', '吕', '丁', '任', '沈', '姚', '卢', '姜', '崔', '钟', '谭', '陆', '汪', '范', '金',
  '欧阳', '司马', '诸葛',
];

const GIVEN = [
  '伟', '芳', '娜', '秀英', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀兰', '霞',
  '平', '刚', '桂英', '晓东', '子涵', '欣怡', '梓萱', '浩然', '雨桐', '一诺', '宇轩', '思彤', '俊杰', '佳怡', '博文', '诗涵',
  '晨曦', '家豪', '婉清', '志强', '海燕', '建华', '玉兰', '文博', '梦瑶', '嘉怡', '天宇', '若曦', '鹏飞', '雅琴', '振宇', '慧敏',
  '立新', '春梅', '晓燕', '国庆', '小龙', '丹丹', '亚楠', '铭轩',
];

const PLACES: readonly (readonly [string, string, readonly string[]])[] = [
  ['北京市', '北京市', ['朝阳区', '海淀区', '丰台区', '通州区']],
  ['上海市', '上海市', ['浦东新区', '徐汇区', '闵行区', '杨浦区']],
  ['广东省', '广州市', ['天河区', '海珠区', '番禺区']],
  ['广东省', '深圳市', ['南山区', '福田区', '宝安区', '龙岗区']],
  ['浙江省', '杭州市', ['西湖区', '余杭区', '滨江区']],
  ['江苏省', '南京市', ['鼓楼区', '江宁区', '建邺区']],
  ['江苏省', '苏州市', ['姑苏区', '工业园区', '吴中区']],
  ['四川省', '成都市', ['武侯区', '锦江区', '高新区']],
  ['湖北省', '武汉市', ['洪山区', '江汉区', '武昌区']],
  ['陕西省', '西安市', ['雁塔区', '未央区', '碑林区']],
  ['重庆市', '重庆市', ['渝北区', '江北区', '九龙坡区']],
  ['山东省', '青岛市', ['市南区', '崂山区', '黄岛区']],
  ['福建省', '厦门市', ['思明区', '湖里区']],
  ['湖南省', '长沙市', ['岳麓区', '天心区', '雨花区']],
  ['天津市', '天津市', ['南开区', '河西区']],
];

const STREETS = ['建国路', '中山路', '人民路', '解放大道', '科技园南路', '文一西路', '长江路', '滨河路', '新华街', '学府路', '世纪大道', '望京街'];
const ESTATES = ['阳光花园', '锦绣家园', '金色港湾', '翠湖天地', '万科城', '碧桂园', '保利香槟', '绿地新都会', '融创壹号院', '华润置地'];

export interface DemoPerson {
  name: string;
  phone: string;
  email: string | null;
  tier: MembershipTier;
  address: string;
}

const TIERS: readonly (readonly [MembershipTier, number])[] = [
  ['regular', 55],
  ['silver', 25],
  ['gold', 14],
  ['platinum', 6],
];

const MOBILE_PREFIXES = ['130', '131', '132', '135', '136', '137', '138', '139', '150', '151', '152', '157', '158', '159', '166', '177', '180', '181', '183', '185', '186', '187', '188', '189', '191', '198', '199'];

export function makePerson(rng: Random): DemoPerson {
  const surname = rng.weighted(SURNAMES.map((s, i) => [s, i < 10 ? 6 : i < 30 ? 3 : 1] as const));
  const name = surname + rng.pick(GIVEN);
  const phone = rng.pick(MOBILE_PREFIXES) + rng.digits(8);
  const email = rng.chance(0.35) ? `${rng.pick(['u', 'cn', 'hi', 'sky', 'lucky', 'happy'])}${rng.digits(rng.int(6, 9))}@${rng.pick(['qq.com', '163.com', '126.com', 'foxmail.com', 'outlook.com'])}` : null;
  return { name, phone, email, tier: rng.weighted(TIERS), address: makeAddress(rng, name, phone) };
}

export function makeAddress(rng: Random, name: string, phone: string): string {
  const [province, city, districts] = rng.pick(PLACES);
  const region = province === city ? city : `${province}${city}`;
  const line = `${rng.pick(districts)}${rng.pick(STREETS)}${rng.int(1, 999)}号${rng.pick(ESTATES)}${rng.int(1, 30)}栋${rng.int(1, 3)}单元${rng.int(1, 33)}0${rng.int(1, 4)}`;
  return `${name} ${phone.slice(0, 3)}****${phone.slice(7)} ${region}${line}`;
}

/** Hub cities for carrier tracking events. */
export const HUBS = ['广州白云转运中心', '上海青浦转运中心', '杭州萧山分拨中心', '北京顺义分拨中心', '武汉东西湖转运中心', '成都双流集散中心', '深圳宝安转运中心', '郑州航空港分拨中心'];
