/**
 * Access patterns of indicator templates: one item per category and year (pk
 * YEAR#y#TEMPLATE#c, sk TEMPLATE), listed per year through gsi1 (YEAR#y#TEMPLATES). Also the
 * workbook round trip, which reads and writes templates as a whole.
 */
import type { Actor } from '../domain/agreements/lifecycle';
import { formatTotalW, templateProblems } from '../domain/agreements/validate';
import { ConflictError, NotFoundError, ValidationError } from '../errors';
import type { Category, Unit } from '../schemas/org';
import type { PeriodWeights } from '../schemas/scenario';
import type { Template, TemplateInput, TemplateView } from '../schemas/template';
import type { Year } from '../schemas/year';
import type { Db } from './client';
import { createItem, getItem, queryPrefix, replaceVersioned, transact } from './items';
import { templateIndexes, templateKey } from './keys';
import { getUnitsOf, listCategories, listUnits } from './org-repo';
import { getYear } from './year-repo';

/** The year, if templates and agreements may still change in it: not once its results are published. */
export const requireWritableYear = async (db: Db, year: number): Promise<Year> => {
  const found = await getYear(db, year);
  if (found.state === 'published') {
    throw new ConflictError(
      `${year} 年度考核结果已发布，指标模板和责任书不能再修改`,
      { state: found.state },
      'WRONG_STATE',
    );
  }
  return found;
};

const templateItem = (template: Omit<Template, 'version'>) => ({
  ...templateKey(template.year, template.categoryId),
  ...templateIndexes(template.year, template.categoryId),
  entity: 'template',
  ...template,
});

export const getTemplate = (db: Db, year: number, categoryId: string) =>
  getItem<Template>(db, templateKey(year, categoryId));

export const requireTemplate = async (db: Db, year: number, categoryId: string): Promise<Template> => {
  const template = await getTemplate(db, year, categoryId);
  if (!template) throw new NotFoundError(`${year} 年度该类别的指标模板`);
  return template;
};

/** The year's templates (one Query on gsi1), in category id order. */
export const listTemplates = (db: Db, year: number): Promise<Template[]> =>
  queryPrefix<Template>(db, { index: 'gsi1', pk: templateIndexes(year, '').gsi1pk });

export interface ViewContext {
  categories: readonly Category[];
  units: readonly Unit[];
  periodWeights: PeriodWeights;
}

/**
 * What `templateView` needs besides these templates: names, the units their unit targets name (by
 * key: a target is checked against its unit's category, so no other unit is read) and the year's
 * period weights.
 */
export const viewContext = async (
  db: Db,
  year: number,
  templates: readonly Pick<Template, 'unitTargets'>[],
): Promise<ViewContext> => {
  const [categories, units, yearItem] = await Promise.all([
    listCategories(db),
    getUnitsOf(
      db,
      templates.flatMap((t) => Object.keys(t.unitTargets)),
    ),
    getYear(db, year),
  ]);
  return { categories, units, periodWeights: yearItem.periodWeights };
};

/** The template with its category's name, its running weight sum and every problem. */
export const templateView = (template: Template, context: ViewContext): TemplateView => {
  const problems = templateProblems(template, {
    categoryId: template.categoryId,
    units: context.units,
    periodWeights: context.periodWeights,
  });
  return {
    ...template,
    categoryName: context.categories.find((c) => c.id === template.categoryId)?.name ?? template.categoryId,
    totalW: formatTotalW(template.dimensions),
    leafCount: template.dimensions.reduce((n, d) => n + d.leaves.length, 0),
    problems,
  };
};

const assertCategory = async (db: Db, categoryId: string) => {
  if (!(await listCategories(db)).some((c) => c.id === categoryId)) throw new NotFoundError('该单位类别');
};

/**
 * Creates the template (`expectedVersion` absent: it must not exist yet) or replaces that version.
 * A template with problems is saved (work in progress) but cannot generate agreements.
 */
export const saveTemplate = async (
  db: Db,
  input: TemplateInput & { year: number; categoryId: string; copiedFrom?: number },
  { expectedVersion, actor, at }: { expectedVersion?: number; actor: Actor; at: Date },
): Promise<Template> => {
  await Promise.all([requireWritableYear(db, input.year), assertCategory(db, input.categoryId)]);
  const template = { ...input, updatedAt: at.toISOString(), updatedBy: actor.userId };
  if (expectedVersion === undefined) {
    await createItem(db, templateItem(template), '该类别本年度的指标模板已存在，请刷新后在现有模板上修改');
    return { ...template, version: 1 };
  }
  const version = await replaceVersioned<Template>(db, templateItem(template), expectedVersion);
  return { ...template, version };
};

/** Starts a year's template from another year's: the title's year is moved along. */
export const copyTemplate = async (
  db: Db,
  input: {
    year: number;
    categoryId: string;
    fromYear: number;
    expectedVersion?: number;
    actor: Actor;
    at: Date;
  },
): Promise<Template> => {
  const { year, categoryId, fromYear, expectedVersion, actor, at } = input;
  if (fromYear === year) {
    throw new ValidationError('不能从本年度复制', [{ path: 'body.fromYear', message: '须为其他年度' }]);
  }
  const source = await requireTemplate(db, fromYear, categoryId);
  return saveTemplate(
    db,
    {
      year,
      categoryId,
      title: source.title.replaceAll(String(fromYear), String(year)),
      partyA: source.partyA,
      dimensions: source.dimensions,
      unitTargets: source.unitTargets,
      copiedFrom: fromYear,
    },
    { ...(expectedVersion === undefined ? {} : { expectedVersion }), actor, at },
  );
};

/** The workbook of a year's templates (or one category's), or the blank import workbook. */
export const workbookFor = async (
  db: Db,
  { year, categoryId, blank }: { year: number; categoryId?: string; blank: boolean },
): Promise<{ bytes: Uint8Array; fileName: string }> => {
  await getYear(db, year);
  const [categories, units, templates] = await Promise.all([
    listCategories(db),
    listUnits(db),
    blank ? Promise.resolve([]) : listTemplates(db, year),
  ]);
  const order = new Map(categories.map((c, i) => [c.id, i]));
  const chosen = templates
    .filter((t) => !categoryId || t.categoryId === categoryId)
    .sort((a, b) => (order.get(a.categoryId) ?? 0) - (order.get(b.categoryId) ?? 0));
  if (!blank && categoryId && chosen.length === 0) throw new NotFoundError(`${year} 年度该类别的指标模板`);
  // The workbook code (and ExcelJS behind it) loads on first use, not at the API's cold start.
  const { writeTemplateWorkbook } = await import('../excel/write-template-workbook');
  const bytes = await writeTemplateWorkbook({ year, categories, units, templates: chosen });
  const which = categoryId ? (categories.find((c) => c.id === categoryId)?.name ?? categoryId) : '';
  return { bytes, fileName: `${year}年度${which}指标模板${blank ? '（导入表）' : ''}.xlsx` };
};

/**
 * Imports a workbook: every bad cell is reported (400, path `sheet!A1`) and nothing is written, or
 * every category in it is created or replaced in one transaction.
 */
export const importTemplateWorkbook = async (
  db: Db,
  { year, data, actor, at }: { year: number; data: Uint8Array; actor: Actor; at: Date },
): Promise<TemplateView[]> => {
  const yearItem = await requireWritableYear(db, year);
  const [categories, units, listed] = await Promise.all([
    listCategories(db),
    listUnits(db),
    listTemplates(db, year),
  ]);
  const existing = new Map(listed.map((t) => [t.categoryId, t]));
  const { readTemplateWorkbook } = await import('../excel/read-template-workbook');
  const read = await readTemplateWorkbook(data, {
    year,
    categories,
    units,
    existing,
    periodWeights: yearItem.periodWeights,
  });
  if (!read.ok) {
    const details = read.problems.map((p) =>
      p.sheet
        ? {
            path: `${p.sheet}!${p.column}${p.row}`,
            message: `工作表“${p.sheet}”第 ${p.row} 行 ${p.column} 列${p.header ? `（${p.header}）` : ''}：${p.message}`,
          }
        : { path: 'body', message: p.message },
    );
    throw new ValidationError(
      `工作簿有 ${details.length} 处错误，未导入任何内容。第一处：${details[0]!.message}`,
      details,
    );
  }
  // The index is eventually consistent: read the current versions strongly before replacing them.
  const current = await Promise.all(read.templates.map((t) => getTemplate(db, year, t.categoryId)));
  const writes = read.templates.map((t, i) => {
    const before = current[i];
    const template: Omit<Template, 'version'> = {
      ...t,
      year,
      updatedAt: at.toISOString(),
      updatedBy: actor.userId,
      ...(before?.copiedFrom === undefined ? {} : { copiedFrom: before.copiedFrom }),
    };
    return { template, ...(before ? { expectedVersion: before.version } : {}) };
  });
  await saveTemplates(db, writes);
  const context = { categories, units, periodWeights: yearItem.periodWeights };
  return writes.map(({ template, expectedVersion }) =>
    templateView({ ...template, version: (expectedVersion ?? 0) + 1 }, context),
  );
};

/** Writes several templates at once: all or none, each over the version that was read. */
const saveTemplates = async (
  db: Db,
  writes: readonly { template: Omit<Template, 'version'>; expectedVersion?: number }[],
): Promise<void> => {
  if (writes.length > 100) throw new ValidationError('一次最多导入 100 个类别的模板');
  await transact(
    db,
    writes.map(({ template, expectedVersion }) => ({
      Put: {
        TableName: db.tableName,
        Item: { ...templateItem(template), version: (expectedVersion ?? 0) + 1 },
        ...(expectedVersion === undefined
          ? { ConditionExpression: 'attribute_not_exists(pk)' }
          : {
              ConditionExpression: '#version = :expected',
              ExpressionAttributeNames: { '#version': 'version' },
              ExpressionAttributeValues: { ':expected': expectedVersion },
            }),
      },
    })),
    '导入期间模板已被他人修改，请重新导入',
  );
};
