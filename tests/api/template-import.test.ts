/**
 * The template workbook round trip through the HTTP app: export → edit → import (a job, read to its
 * end), and workbooks whose job fails with the exact sheet, row and column of every bad cell while
 * nothing is written.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoYear } from '../../scripts/seed/demo-year';
import { seedYear } from '../../shared/db/year-repo';
import { createTestApi, type TestApi } from './harness';
import { importTemplatesByJob } from './job-steps';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

describe('template workbook import and export', () => {
  let api: TestApi;
  /** A year with no templates: every refused import must leave it so. */
  const EMPTY_YEAR = 2028;

  const download = async (path: string, as = 'admin') => {
    const res = await api.app.request(path, { headers: { authorization: `Bearer ${await api.token(as)}` } });
    return { status: res.status, headers: res.headers, bytes: new Uint8Array(await res.arrayBuffer()) };
  };
  /** The exported primary-care workbook with some cells changed. */
  let primaryCare: Uint8Array | undefined;
  const edited = async (changes: Record<string, Record<string, ExcelJS.CellValue>>) => {
    primaryCare ??= (await download('/api/years/2026/template-workbook?categoryId=primary-care')).bytes;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(primaryCare as unknown as ExcelJS.Buffer);
    for (const [sheet, cells] of Object.entries(changes)) {
      for (const [address, value] of Object.entries(cells))
        wb.getWorksheet(sheet)!.getCell(address).value = value;
    }
    return new Uint8Array(await wb.xlsx.writeBuffer());
  };
  const upload = (year: number, bytes: Uint8Array) => importTemplatesByJob(api, year, bytes);
  const expectNothingWritten = async () => {
    expect((await api.call('GET', `/api/years/${EMPTY_YEAR}/templates`, { as: 'admin' })).body).toEqual([]);
  };

  beforeAll(async () => {
    api = await createTestApi();
    await Promise.all([
      seedYear(api.db, demoYear(2027, 'setup')),
      seedYear(api.db, demoYear(EMPTY_YEAR, 'setup')),
    ]);
  });
  afterAll(() => api.close());

  it('downloads a blank import workbook with Chinese headers and an example row that is never imported', async () => {
    const res = await download(`/api/years/${EMPTY_YEAR}/template-workbook?blank=true`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(XLSX);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.bytes as unknown as ExcelJS.Buffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['填写说明', '指标模板', '单位目标值', '责任书']);
    const sheet = wb.getWorksheet('指标模板')!;
    expect(sheet.getRow(1).values).toEqual([
      undefined,
      '单位类别',
      '一级指标',
      '指标编码',
      '指标名称',
      '分值',
      '计量单位',
      '指标方向',
      '评分规则',
      '默认目标值',
      '零分值F',
      '步长s',
      '扣分p',
      '不足一步按一步计',
      '逾期得分系数',
      '评价方式',
      '等级分值',
      '考核期',
      '评分标准',
      '材料要求',
      '责任科室',
      '别名/关键词',
    ]);
    expect(sheet.getCell('A2').value).toBe('示例：基层医疗卫生机构');
    expect(sheet.getCell('D2').value).toBe('孕产妇系统管理率');

    const refused = await upload(EMPTY_YEAR, res.bytes);
    expect(refused.state).toBe('failed');
    expect(refused.error?.details).toEqual([
      {
        path: '指标模板!A2',
        message: '工作表“指标模板”第 2 行 A 列（单位类别）：没有指标行（示例行不导入）',
      },
    ]);
  });

  it('round-trips: the exported workbook imports as the same templates and unit targets', async () => {
    // Prepare
    const exported = await download('/api/years/2026/template-workbook');
    // Act
    const job = await upload(2027, exported.bytes);
    // Assess
    expect(job.state).toBe('succeeded');
    expect(job.result?.summary).toBe(
      '已导入 3 个类别的指标模板：县级医疗机构、公共卫生机构、基层医疗卫生机构',
    );
    const imported = (await api.call('GET', '/api/years/2027/templates', { as: 'admin' })).body;
    expect(
      imported.map((t: { categoryId: string; version: number }) => [t.categoryId, t.version]).sort(),
    ).toEqual([
      ['county-medical', 1],
      ['primary-care', 1],
      ['public-health', 1],
    ]);
    for (const categoryId of ['county-medical', 'public-health', 'primary-care']) {
      const before = (await api.call('GET', `/api/years/2026/templates/${categoryId}`, { as: 'admin' })).body;
      const after = (await api.call('GET', `/api/years/2027/templates/${categoryId}`, { as: 'admin' })).body;
      expect(after.dimensions).toEqual(before.dimensions);
      expect(after.unitTargets).toEqual(before.unitTargets);
      expect(after.partyA).toBe('清河县卫生健康局');
      expect(after.problems).toEqual([]);
    }
  });

  it('replaces the template it read, as a new version', async () => {
    const bytes = await edited({ 指标模板: { D2: '居民电子健康档案建档率' } });
    expect((await upload(2027, bytes)).state).toBe('succeeded');
    const after = (await api.call('GET', '/api/years/2027/templates/primary-care', { as: 'admin' })).body;
    expect(after.version).toBe(2);
    expect(after.dimensions[0].leaves[0].name).toBe('居民电子健康档案建档率');
  });

  it('reads 别名/关键词 (separated by 、) into the leaf’s keywords, and exports them back', async () => {
    // Prepare: the keywords column of the first indicator row, found by its header.
    primaryCare ??= (await download('/api/years/2026/template-workbook?categoryId=primary-care')).bytes;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(primaryCare as unknown as ExcelJS.Buffer);
    let column = 0;
    wb.getWorksheet('指标模板')!
      .getRow(1)
      .eachCell((cell, at) => {
        if (cell.value === '别名/关键词') column = at;
      });
    expect(column).toBeGreaterThan(0);
    wb.getWorksheet('指标模板')!.getRow(2).getCell(column).value = '建档率、 电子档案建档率';
    // Act
    const job = await upload(2027, new Uint8Array(await wb.xlsx.writeBuffer()));
    // Assess
    expect(job.state).toBe('succeeded');
    const after = (await api.call('GET', '/api/years/2027/templates/primary-care', { as: 'admin' })).body;
    expect(after.dimensions[0].leaves[0].keywords).toEqual(['建档率', '电子档案建档率']);
    const exported = new ExcelJS.Workbook();
    await exported.xlsx.load(
      (await download('/api/years/2027/template-workbook?categoryId=primary-care'))
        .bytes as unknown as ExcelJS.Buffer,
    );
    expect(exported.getWorksheet('指标模板')!.getRow(2).getCell(column).value).toBe('建档率、电子档案建档率');
  });

  it('refuses a bad weight sum at the category’s last 分值 cell, and writes nothing', async () => {
    const job = await upload(EMPTY_YEAR, await edited({ 指标模板: { E3: 6 } }));
    expect(job.state).toBe('failed');
    expect(job.error?.code).toBe('VALIDATION_FAILED');
    expect(job.error?.details).toEqual([
      {
        path: '指标模板!E15',
        message:
          '工作表“指标模板”第 15 行 E 列（分值）：类别“基层医疗卫生机构”：指标分值合计为 98.00，应为 100',
      },
    ]);
    await expectNothingWritten();
  });

  it('refuses a text in a number cell at that cell', async () => {
    const job = await upload(EMPTY_YEAR, await edited({ 指标模板: { E5: '十五' } }));
    expect(job.error?.details).toEqual([
      { path: '指标模板!E5', message: '工作表“指标模板”第 5 行 E 列（分值）：须为数字，实际为“十五”' },
    ]);
    await expectNothingWritten();
  });

  it('refuses a duplicate code at the second occurrence, naming the first', async () => {
    const job = await upload(EMPTY_YEAR, await edited({ 指标模板: { C6: '1.4' } }));
    expect(job.error?.details).toEqual([
      {
        path: '指标模板!C6',
        message: '工作表“指标模板”第 6 行 C 列（指标编码）：指标编码 1.4 重复（与第 5 行相同）',
      },
    ]);
    await expectNothingWritten();
  });

  it('refuses an unknown category at that cell', async () => {
    const job = await upload(EMPTY_YEAR, await edited({ 指标模板: { A3: '社区医院' } }));
    expect(job.error?.details).toEqual([
      { path: '指标模板!A3', message: '工作表“指标模板”第 3 行 A 列（单位类别）：单位类别“社区医院”不存在' },
    ]);
    await expectNothingWritten();
  });

  it('reports every bad cell of the workbook at once, on every sheet', async () => {
    const job = await upload(
      EMPTY_YEAR,
      await edited({
        指标模板: { F4: '百分比', J3: 95, Q6: '每年' },
        单位目标值: { A2: '白杨镇卫生院', D3: 120 },
        责任书: { C2: null },
      }),
    );
    expect(job.error?.details?.map((d) => d.path)).toEqual([
      '指标模板!J3',
      '指标模板!F4',
      '指标模板!Q6',
      '单位目标值!A2',
      '单位目标值!D3',
      '责任书!C2',
    ]);
    expect(job.error?.details?.map((d) => d.message)).toEqual([
      '工作表“指标模板”第 3 行 J 列（零分值F）：指标 1.2：越高越好的指标零分值 F 须低于目标值 T（F = 95，T = 90）',
      '工作表“指标模板”第 4 行 F 列（计量单位）：须为 比率、计数、数值、是否、日期 之一，实际为“百分比”',
      '工作表“指标模板”第 6 行 Q 列（考核期）：须为“季度”“年度”或 Q1–Q4 的列表（如 Q2、Q4），实际为“每年”',
      '工作表“单位目标值”第 2 行 A 列（单位名称）：单位“白杨镇卫生院”不存在',
      '工作表“单位目标值”第 3 行 D 列（目标值）：指标 1.1：目标值 120 超出比率范围 0–100%（计量单位：比率（0–100%））',
      '工作表“责任书”第 2 行 C 列（甲方）：不能为空',
    ]);
    await expectNothingWritten();
  });

  it('fails the import of a file that is not a workbook, and refuses one over 2 MB at the start (413)', async () => {
    const notXlsx = await upload(EMPTY_YEAR, new TextEncoder().encode('单位类别,一级指标'));
    expect(notXlsx.state).toBe('failed');
    expect(notXlsx.error?.details).toEqual([
      { path: 'body', message: '文件不是有效的 Excel 工作簿（.xlsx）' },
    ]);
    // Too large is refused by the start itself: no job.
    const large = await api.call('POST', `/api/years/${EMPTY_YEAR}/jobs/template-import`, {
      as: 'admin',
      body: { fileBase64: Buffer.alloc(2 * 1024 * 1024 + 1).toString('base64') },
    });
    expect(large.status).toBe(413);
    expect(large.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    await expectNothingWritten();
  });

  it('refuses the import to everyone but the admin', async () => {
    const bytes = await edited({});
    for (const as of ['leader', 'luoyang-thc-head']) {
      const res = await api.call('POST', `/api/years/${EMPTY_YEAR}/jobs/template-import`, {
        as,
        body: { fileBase64: Buffer.from(bytes).toString('base64') },
      });
      expect(res.status).toBe(403);
    }
    await expectNothingWritten();
  });
});
