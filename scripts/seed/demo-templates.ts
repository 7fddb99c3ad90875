/**
 * The demo indicator templates (one per category, 13–14 leaves each summing to exactly 100) and a
 * signed agreement for every unit. Indicator names, targets and rules follow the sample work
 * summaries in ../shared/seeds and the worked example of DOMAIN.md; a few units have their own
 * targets, and the county hospital an indicator of its own.
 */
import type { Db } from '../../shared/db/client';
import { type Item, putIfAbsent } from '../../shared/db/items';
import {
  agreementIndexes,
  agreementKey,
  agreementVersionKey,
  templateIndexes,
  templateKey,
} from '../../shared/db/keys';
import { mapLimit } from '../../shared/db/parallel';
import {
  type Actor,
  editDraft,
  generateAgreement,
  issueAgreement,
  signAgreement,
} from '../../shared/domain/agreements/lifecycle';
import { type Customisation, EMPTY_CUSTOMISATION } from '../../shared/schemas/agreement';
import type { Category, UnitInput } from '../../shared/schemas/org';
import type { Template, TemplateDimension, TemplateLeaf, UnitTargets } from '../../shared/schemas/template';
import { DEMO_BUREAU, DEMO_CATEGORIES, DEMO_UNITS, DEMO_USERS } from './demo-org';

const QUARTERLY: TemplateLeaf['periods'] = ['Q1', 'Q2', 'Q3', 'Q4'];
const ANNUAL: TemplateLeaf['periods'] = ['Q4'];

const leaf = (
  code: string,
  name: string,
  W: number,
  rest: Omit<TemplateLeaf, 'code' | 'name' | 'W' | 'direction' | 'measure'> &
    Partial<Pick<TemplateLeaf, 'direction' | 'measure'>>,
): TemplateLeaf => ({ code, name, W, measure: 'rate', direction: 'higher', ...rest });

/** 党风廉政建设 and 行风建设: deduction indicators every category shares, with its own weights. */
const integrity = (party: number, style: number): TemplateLeaf[] => [
  leaf('3.1', '党风廉政建设', party, {
    measure: 'count',
    rule: { type: 'deduction' },
    periods: ANNUAL,
    evidence: '党风廉政建设责任书、“三重一大”集体决策记录、廉政谈话记录',
    department: '纪检监察室',
    ruleText: '扣分制：明查暗访或专项检查发现问题，经核定按次扣分，扣完为止',
  }),
  leaf('3.2', '行风建设', style, {
    measure: 'count',
    rule: { type: 'deduction' },
    periods: ANNUAL,
    evidence: '行风建设责任状、民主评议行风记录、投诉处理台账',
    department: '行风建设办公室',
    ruleText: '扣分制：收受红包回扣、乱收费等经查实的，按次扣分，扣完为止',
  }),
];

const satisfaction = (W: number) =>
  leaf('3.3', '群众满意率', W, {
    rule: { type: 'linear', floor: 80 },
    defaultTarget: 95,
    periods: ANNUAL,
    evidence: '第三方满意度调查报告、患者满意度调查表',
    department: '行风建设办公室',
  });

const PRIMARY_CARE: TemplateDimension[] = [
  {
    name: '基本公共卫生服务',
    leaves: [
      leaf('1.1', '居民健康档案建档率', 8, {
        rule: { type: 'threshold' },
        defaultTarget: 80,
        periods: QUARTERLY,
        evidence: '居民健康档案管理系统统计报表、抽查档案名单',
        department: '基层卫生健康科',
      }),
      leaf('1.2', '孕产妇系统管理率', 8, {
        rule: { type: 'linear', floor: 70 },
        defaultTarget: 90,
        periods: ANNUAL,
        evidence: '孕产妇保健手册、系统管理台账、妇幼年报',
        department: '妇幼健康科',
      }),
      leaf('1.3', '新生儿疾病筛查率', 5, {
        rule: { type: 'threshold' },
        defaultTarget: 95,
        periods: ANNUAL,
        evidence: '新生儿疾病筛查登记册、采血卡回执',
        department: '妇幼健康科',
      }),
      leaf('1.4', '预防接种率', 8, {
        rule: { type: 'step', s: 1, p: 2, mode: 'proportional' },
        defaultTarget: 95,
        periods: QUARTERLY,
        evidence: '免疫规划信息系统报表、接种证查验记录',
        department: '疾病预防控制科',
      }),
      leaf('1.5', '传染病报告及时率', 6, {
        rule: { type: 'step', s: 1, p: 1, mode: 'ceil' },
        defaultTarget: 100,
        periods: QUARTERLY,
        evidence: '传染病网络直报系统统计、门诊日志',
        department: '疾病预防控制科',
      }),
      leaf('1.6', '高血压患者规范管理率', 5, {
        rule: { type: 'linear', floor: 40 },
        defaultTarget: 60,
        periods: QUARTERLY,
        evidence: '慢病管理随访记录、体检表',
        department: '基层卫生健康科',
      }),
      leaf('1.7', '重大公共卫生服务项目', 5, {
        measure: 'date',
        rule: { type: 'completion', lateFactor: 0.5 },
        periods: ANNUAL,
        evidence: '农村妇女“两癌”检查、增补叶酸等项目的实施方案与完成报表',
        department: '基层卫生健康科',
      }),
    ],
  },
  {
    name: '医疗服务与新农合',
    leaves: [
      leaf('2.1', '新农合参合率', 15, {
        rule: { type: 'step', s: 1, p: 2, mode: 'proportional' },
        defaultTarget: 90,
        periods: ANNUAL,
        evidence: '新农合参合登记花名册、缴费票据汇总',
        department: '规划财务科',
      }),
      leaf('2.2', '药占比', 5, {
        direction: 'lower',
        rule: { type: 'linear', floor: 50 },
        defaultTarget: 40,
        periods: QUARTERLY,
        evidence: '医院财务月报、药品收入明细',
        department: '医政医管科',
      }),
      leaf('2.3', '医疗安全事件', 5, {
        measure: 'count',
        direction: 'lower',
        rule: { type: 'count', p: 2 },
        periods: QUARTERLY,
        evidence: '医疗纠纷登记、不良事件报告',
        department: '医政医管科',
      }),
    ],
  },
  {
    name: '行风建设与满意度',
    leaves: [
      ...integrity(10, 8),
      satisfaction(7),
      leaf('3.4', '综合管理', 5, {
        measure: 'number',
        rule: { type: 'rating', scale: 'points' },
        // Rated every quarter: the committee visits townships each quarter (平时考核).
        periods: QUARTERLY,
        evidence: '考核组现场查看、资料抽查',
        department: '办公室',
      }),
    ],
  },
];

const COUNTY_MEDICAL: TemplateDimension[] = [
  {
    name: '医疗质量与安全',
    leaves: [
      leaf('1.1', '平均住院日', 6, {
        measure: 'number',
        direction: 'lower',
        rule: { type: 'step', s: 0.5, p: 1, mode: 'proportional' },
        defaultTarget: 8,
        periods: QUARTERLY,
        evidence: '病案首页统计、住院日报表',
        department: '医政医管科',
      }),
      leaf('1.2', '药占比', 6, {
        direction: 'lower',
        rule: { type: 'linear', floor: 45 },
        defaultTarget: 35,
        periods: QUARTERLY,
        evidence: '医院财务月报、药品收入明细',
        department: '医政医管科',
      }),
      leaf('1.3', '医疗安全不良事件', 6, {
        measure: 'count',
        direction: 'lower',
        rule: { type: 'count', p: 2 },
        periods: QUARTERLY,
        evidence: '医疗纠纷登记、不良事件报告、鉴定结论',
        department: '医政医管科',
      }),
      leaf('1.4', '病历甲级率', 10, {
        rule: { type: 'threshold' },
        defaultTarget: 90,
        periods: QUARTERLY,
        evidence: '病案质控检查记录、抽查病历清单',
        department: '医政医管科',
      }),
      leaf('1.5', '医疗质量综合评价', 7, {
        measure: 'number',
        rule: { type: 'rating', scale: 'bands' },
        periods: ANNUAL,
        evidence: '医疗质量控制中心年度检查报告',
        department: '医政医管科',
      }),
    ],
  },
  {
    name: '公共卫生与医改任务',
    leaves: [
      leaf('2.1', '传染病报告及时率', 6, {
        rule: { type: 'step', s: 1, p: 1, mode: 'ceil' },
        defaultTarget: 100,
        periods: QUARTERLY,
        evidence: '传染病网络直报系统统计、门诊日志',
        department: '疾病预防控制科',
      }),
      leaf('2.2', '孕产妇住院分娩率', 5, {
        rule: { type: 'threshold' },
        defaultTarget: 98,
        periods: ANNUAL,
        evidence: '产科分娩登记、妇幼年报',
        department: '妇幼健康科',
      }),
      leaf('2.3', '城乡对口支援任务', 5, {
        measure: 'date',
        rule: { type: 'completion', lateFactor: 0.5 },
        periods: ANNUAL,
        evidence: '对口支援协议、派驻人员考勤、帮扶工作总结',
        department: '医政医管科',
      }),
      leaf('2.4', '新农合即时结报率', 7, {
        rule: { type: 'linear', floor: 80 },
        defaultTarget: 100,
        periods: QUARTERLY,
        evidence: '新农合结算系统报表',
        department: '规划财务科',
      }),
      leaf('2.5', '药品零差率销售', 7, {
        measure: 'boolean',
        rule: { type: 'threshold' },
        defaultTarget: true,
        periods: ANNUAL,
        ruleText: '全面执行药品零差率销售得满分，未执行不得分',
        evidence: '药品购销台账、价格公示照片',
        department: '规划财务科',
      }),
    ],
  },
  {
    name: '行风建设与满意度',
    leaves: [
      ...integrity(12, 10),
      satisfaction(8),
      leaf('3.4', '信息报送', 5, {
        measure: 'count',
        direction: 'lower',
        rule: { type: 'count', p: 0.5 },
        periods: QUARTERLY,
        ruleText: '未按时报送统计报表或工作信息的，每次扣 0.5 分，扣完为止',
        evidence: '信息报送登记',
        department: '办公室',
      }),
    ],
  },
];

const PUBLIC_HEALTH: TemplateDimension[] = [
  {
    name: '重点业务工作',
    leaves: [
      leaf('1.1', '预防接种率', 8, {
        rule: { type: 'step', s: 1, p: 2, mode: 'proportional' },
        defaultTarget: 95,
        periods: QUARTERLY,
        evidence: '免疫规划信息系统报表、接种率调查报告',
        department: '疾病预防控制科',
      }),
      leaf('1.2', '传染病报告及时率', 8, {
        rule: { type: 'step', s: 1, p: 1, mode: 'ceil' },
        defaultTarget: 100,
        periods: QUARTERLY,
        evidence: '传染病网络直报系统统计',
        department: '疾病预防控制科',
      }),
      leaf('1.3', '突发公共卫生事件处置', 8, {
        measure: 'date',
        rule: { type: 'completion', lateFactor: 0.5 },
        periods: ANNUAL,
        evidence: '应急预案、处置记录、总结评估报告',
        department: '疾病预防控制科',
      }),
      leaf('1.4', '肺结核患者成功治疗率', 6, {
        rule: { type: 'linear', floor: 70 },
        defaultTarget: 90,
        periods: ANNUAL,
        evidence: '结核病管理信息系统报表、督导服药记录',
        department: '疾病预防控制科',
      }),
      leaf('1.5', '卫生监督检查覆盖率', 6, {
        rule: { type: 'threshold' },
        defaultTarget: 100,
        periods: QUARTERLY,
        evidence: '监督检查记录、监督意见书',
        department: '综合监督科',
      }),
      leaf('1.6', '重大公共卫生服务项目', 8, {
        measure: 'date',
        rule: { type: 'completion', lateFactor: 0.5 },
        periods: ANNUAL,
        evidence: '项目实施方案、完成报表、资金使用明细',
        department: '疾病预防控制科',
      }),
      leaf('1.7', '业务工作综合评价', 6, {
        measure: 'number',
        rule: { type: 'rating', scale: 'points' },
        periods: ANNUAL,
        evidence: '考核组现场查看、资料抽查',
        department: '疾病预防控制科',
      }),
    ],
  },
  {
    name: '队伍建设与管理',
    leaves: [
      leaf('2.1', '信息报送', 5, {
        measure: 'count',
        direction: 'lower',
        rule: { type: 'count', p: 1 },
        periods: QUARTERLY,
        evidence: '信息报送登记',
        department: '办公室',
      }),
      leaf('2.2', '安全生产', 5, {
        measure: 'count',
        direction: 'lower',
        rule: { type: 'count', p: 2.5 },
        periods: QUARTERLY,
        evidence: '安全生产检查记录、隐患整改台账',
        department: '办公室',
      }),
      leaf('2.3', '财务管理规范', 10, {
        measure: 'number',
        rule: { type: 'rating', scale: 'bands' },
        periods: ANNUAL,
        evidence: '年度财务审计报告、内控制度',
        department: '规划财务科',
      }),
    ],
  },
  { name: '行风建设与满意度', leaves: [...integrity(12, 10), satisfaction(8)] },
];

const TREES: Record<string, TemplateDimension[]> = {
  'county-medical': COUNTY_MEDICAL,
  'public-health': PUBLIC_HEALTH,
  'primary-care': PRIMARY_CARE,
};

/** Targets planned per unit where its situation differs from the category's. */
const UNIT_TARGETS: Record<string, UnitTargets> = {
  'county-medical': {
    'mental-health': { '1.1': 30 },
    'tcm-hospital': { '1.2': 40 },
    'mch-hospital': { '2.2': 99.5 },
  },
  'public-health': { 'tb-clinic': { '1.4': 92 } },
  'primary-care': {
    'luoyang-thc': { '1.1': 75 },
    'hesha-thc': { '1.2': 85 },
    'xianqiao-chc': { '2.1': 85 },
  },
};

/** A unit's own changes made in its agreement (besides the planned targets). */
const CUSTOMISATIONS: Record<string, Customisation> = {
  'county-hospital': {
    ...EMPTY_CUSTOMISATION,
    weights: { '1.4': 5 },
    extraIndicators: [
      {
        dimension: '医疗质量与安全',
        leaf: {
          code: '1.6',
          name: '胸痛中心建设',
          W: 5,
          measure: 'date',
          direction: 'higher',
          rule: { type: 'completion', lateFactor: 0.5 },
          periods: ['Q4'],
          evidence: '胸痛中心建设方案、省级验收材料',
          department: '医政医管科',
        },
      },
    ],
  },
};

/** The demo template of a category for a year. */
export const demoTemplate = (year: number, categoryId: string): Omit<Template, 'version'> => ({
  year,
  categoryId,
  title: `${year}年度清河县卫生健康目标管理责任书`,
  partyA: DEMO_BUREAU,
  dimensions: TREES[categoryId] ?? [],
  unitTargets: UNIT_TARGETS[categoryId] ?? {},
  updatedAt: `${year}-01-06T09:00:00+08:00`,
  updatedBy: 'admin',
});

const templateItem = (template: Template) => ({
  ...templateKey(template.year, template.categoryId),
  ...templateIndexes(template.year, template.categoryId),
  entity: 'template',
  ...template,
});

const adminActor = (): Actor => {
  const admin = DEMO_USERS.find((u) => u.id === 'admin')!;
  return { userId: admin.id, name: admin.name };
};

/**
 * A unit's agreement as the workflow leaves it in January: generated from the template (with the
 * unit's own changes, if any), issued, and signed by `signer` on day `day`. Returns the current
 * agreement item and its signed revision, ready to store.
 */
export const signedAgreementItems = (input: {
  year: number;
  unit: UnitInput;
  category: Category;
  template: Template;
  admin: Actor;
  signer: Actor;
  day: number;
  own?: Customisation | undefined;
}): Item[] => {
  const { year, unit, category, template, admin, signer, own } = input;
  let agreement = generateAgreement({
    year,
    unit,
    category,
    template,
    actor: admin,
    at: new Date(`${year}-01-08T09:00:00+08:00`),
  });
  if (own) agreement = editDraft(agreement, own, admin, new Date(`${year}-01-09T09:00:00+08:00`));
  const issued = issueAgreement(agreement, admin, new Date(`${year}-01-10T09:00:00+08:00`));
  const day = String(input.day).padStart(2, '0');
  const signed = signAgreement(
    issued.agreement,
    issued.agreement.contentHash,
    signer,
    new Date(`${year}-01-${day}T15:30:00+08:00`),
  );
  const { version: _version, ...current } = signed;
  return [
    {
      ...agreementKey(year, unit.id),
      ...agreementIndexes(year, unit.categoryId, unit.id),
      entity: 'agreement',
      ...current,
    },
    {
      ...agreementVersionKey(year, unit.id, 1),
      entity: 'agreement-version',
      ...issued.version,
      signature: signed.signature,
    },
  ];
};

/**
 * Seeds last year's and this year's templates and, for this year, every unit's agreement: generated,
 * issued and signed by the unit head in January. Create-if-absent, like the rest of the seed.
 */
export const seedTemplatesAndAgreements = async (db: Db, year: number): Promise<boolean[]> => {
  const writes: (() => Promise<boolean>)[] = [];
  const templates = new Map<string, Template>();
  for (const category of DEMO_CATEGORIES) {
    const last = { ...demoTemplate(year - 1, category.id), version: 1 };
    const current = { ...demoTemplate(year, category.id), version: 1, copiedFrom: year - 1 };
    templates.set(category.id, current);
    writes.push(
      () => putIfAbsent(db, templateItem(last)),
      () => putIfAbsent(db, templateItem(current)),
    );
  }
  const admin = adminActor();
  DEMO_UNITS.forEach((unit, i) => {
    const category = DEMO_CATEGORIES.find((c) => c.id === unit.categoryId)!;
    const head = DEMO_USERS.find((u) => u.unitId === unit.id && u.roles.includes('unit_head'));
    const items = signedAgreementItems({
      year,
      unit,
      category,
      template: templates.get(unit.categoryId)!,
      admin,
      signer: { userId: head?.id ?? `${unit.id}-head`, name: head?.name ?? unit.head },
      day: 10 + (i % 10),
      own: CUSTOMISATIONS[unit.id],
    });
    for (const item of items) writes.push(() => putIfAbsent(db, item));
  });
  // A few writes at a time: a burst of fifty ~10 KB items makes a cold DynamoDB Local time out.
  return mapLimit(writes, 8, (write) => write());
};
