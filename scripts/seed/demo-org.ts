/**
 * The demo county bureau (清河县卫生健康局): categories, units and users for every role.
 * Unit names and departments follow the sample work summaries in ../shared/seeds.
 */
import type { Category, UnitInput, User } from '../../shared/schemas/org';

export const DEMO_BUREAU = '清河县卫生健康局';

export const DEMO_CATEGORIES: Category[] = [
  { id: 'county-medical', name: '县级医疗机构', sortOrder: 1 },
  { id: 'public-health', name: '公共卫生机构', sortOrder: 2 },
  { id: 'primary-care', name: '基层医疗卫生机构', sortOrder: 3 },
];

type UnitSeed = [id: string, name: string, head: string, phone: string];

const COUNTY_MEDICAL: UnitSeed[] = [
  ['county-hospital', '清河县人民医院', '赵立新', '0531-8521001'],
  ['tcm-hospital', '清河县中医医院', '孙德明', '0531-8521002'],
  ['mch-hospital', '清河县妇幼保健院', '周慧芳', '0531-8521003'],
  ['second-hospital', '清河县第二人民医院', '吴志强', '0531-8521004'],
  ['mental-health', '清河县精神卫生中心', '郑晓东', '0531-8521005'],
  ['railway-hospital', '清河县铁路医院', '冯建国', '0531-8521006'],
];
const PUBLIC_HEALTH: UnitSeed[] = [
  ['cdc', '清河县疾病预防控制中心', '陈卫民', '0531-8522001'],
  ['supervision', '清河县卫生健康综合监督执法大队', '褚文杰', '0531-8522002'],
  ['emergency-centre', '清河县急救中心', '卫东升', '0531-8522003'],
  ['tb-clinic', '清河县结核病防治所', '蒋红梅', '0531-8522004'],
  ['blood-station', '清河县中心血站', '沈玉兰', '0531-8522005'],
];
const PRIMARY_CARE: UnitSeed[] = [
  ['luoyang-thc', '洛阳镇卫生院', '韩春生', '0531-8523001'],
  ['furong-thc', '芙蓉镇卫生院', '杨秀英', '0531-8523002'],
  ['hesha-thc', '河沙镇卫生院', '朱海波', '0531-8523003'],
  ['yandian-thc', '颜店中心卫生院', '秦永刚', '0531-8523004'],
  ['xinyan-thc', '新兖中心卫生院', '尤建华', '0531-8523005'],
  ['caohe-thc', '漕河镇卫生院', '许文斌', '0531-8523006'],
  ['xining-thc', '西宁镇卫生院', '何丽娟', '0531-8523007'],
  ['chengguan-thc', '城关镇卫生院', '吕国庆', '0531-8523008'],
  ['shiqiao-thc', '石桥镇卫生院', '施光明', '0531-8523009'],
  ['liulin-thc', '柳林乡卫生院', '张桂兰', '0531-8523010'],
  ['qingshan-thc', '青山乡卫生院', '孔令军', '0531-8523011'],
  ['xianqiao-chc', '仙桥街道社区卫生服务中心', '曹丽萍', '0531-8523012'],
  ['longzhuang-chc', '隆庄街道社区卫生服务中心', '严志刚', '0531-8523013'],
  ['jiuxian-chc', '酒仙桥街道社区卫生服务中心', '华明远', '0531-8523014'],
];

const toUnits = (categoryId: string, rows: UnitSeed[]): UnitInput[] =>
  rows.map(([id, name, head, phone]) => ({ id, name, categoryId, head, contacts: [{ name: head, phone }] }));

export const DEMO_UNITS: UnitInput[] = [
  ...toUnits('county-medical', COUNTY_MEDICAL),
  ...toUnits('public-health', PUBLIC_HEALTH),
  ...toUnits('primary-care', PRIMARY_CARE),
];

/** Reporter names per unit, so each unit has a reporter and a head to sign in as. */
const REPORTER_NAMES = [
  '刘晓燕',
  '马俊',
  '高雪',
  '林涛',
  '罗敏',
  '梁静',
  '宋佳',
  '唐磊',
  '董倩',
  '萧明',
  '程亮',
  '曹颖',
  '袁伟',
  '邓琳',
  '傅强',
  '沈洁',
  '曾凡',
  '彭博',
  '吕娜',
  '苏航',
  '卢婷',
  '蒋鹏',
  '蔡晶',
  '贾宁',
  '丁锐',
];

/** A unit's two accounts: its head (who signs) and its reporter (who fills in). */
export const unitAccounts = (unit: UnitInput, reporterName: string): User[] => [
  {
    id: `${unit.id}-head`,
    name: unit.head,
    title: `${unit.name}负责人`,
    roles: ['unit_head'],
    unitId: unit.id,
    affiliatedUnitIds: [unit.id],
  },
  {
    id: `${unit.id}-reporter`,
    name: reporterName,
    title: `${unit.name}填报员`,
    roles: ['reporter'],
    unitId: unit.id,
    affiliatedUnitIds: [unit.id],
  },
];

const unitUsers: User[] = DEMO_UNITS.flatMap((unit, i) =>
  unitAccounts(unit, REPORTER_NAMES[i % REPORTER_NAMES.length] ?? '填报员'),
);

export const DEMO_USERS: User[] = [
  { id: 'admin', name: '王建华', title: '考核办主任', roles: ['admin'], unitId: null, affiliatedUnitIds: [] },
  { id: 'admin2', name: '李静', title: '考核办科员', roles: ['admin'], unitId: null, affiliatedUnitIds: [] },
  { id: 'leader', name: '李国强', title: '局长', roles: ['leader'], unitId: null, affiliatedUnitIds: [] },
  {
    id: 'leader2',
    name: '张红',
    title: '分管副局长',
    roles: ['leader'],
    unitId: null,
    affiliatedUnitIds: [],
  },
  {
    id: 'rater-yizheng',
    name: '钱明',
    title: '医政医管科科长',
    roles: ['rater'],
    unitId: null,
    affiliatedUnitIds: [],
  },
  {
    id: 'rater-jikong',
    name: '郭敏',
    title: '疾病预防控制科科长',
    roles: ['rater'],
    unitId: null,
    affiliatedUnitIds: [],
  },
  {
    id: 'rater-jiceng',
    name: '黄勇',
    title: '基层卫生健康科科长',
    roles: ['rater'],
    unitId: null,
    affiliatedUnitIds: [],
  },
  {
    id: 'rater-fuyou',
    name: '徐丽',
    title: '妇幼健康科科长',
    roles: ['rater'],
    unitId: null,
    affiliatedUnitIds: [],
  },
  {
    id: 'rater-zhongyi',
    name: '胡振华',
    title: '中医药科副科长（兼县中医医院副院长）',
    roles: ['rater'],
    unitId: null,
    affiliatedUnitIds: ['tcm-hospital'],
  },
  {
    id: 'rater-caiwu',
    name: '马文',
    title: '规划财务科科长',
    roles: ['rater'],
    unitId: null,
    affiliatedUnitIds: [],
  },
  {
    id: 'inspector-jijian',
    name: '邵刚',
    title: '纪检监察室主任',
    roles: ['inspector'],
    unitId: null,
    affiliatedUnitIds: [],
  },
  {
    id: 'inspector-xingfeng',
    name: '方芳',
    title: '行风建设办公室',
    roles: ['inspector'],
    unitId: null,
    affiliatedUnitIds: [],
  },
  {
    id: 'inspector-both',
    name: '田野',
    title: '督查室（兼考核组成员）',
    roles: ['inspector', 'rater'],
    unitId: null,
    affiliatedUnitIds: ['luoyang-thc'],
  },
  ...unitUsers,
];
