import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from './harness';
import { exportedWorkbook } from './job-steps';

describe('the progress workbook', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi();
  }, 120_000);
  afterAll(() => api.close());

  it('heads each category’s units with that category’s indicator codes and names, times in Beijing time', async () => {
    // Prepare: a submission time to show.
    const sheet = (
      await api.call('GET', '/api/years/2026/units/luoyang-thc/periods/Q3/worksheet', { as: 'admin' })
    ).body;
    // Act
    const workbook = await exportedWorkbook(api, '/api/years/2026/jobs/progress-export', { period: 'Q3' });
    // Assess
    const rows = Array.from(workbook.getWorksheet('上报进度')?.getSheetValues() ?? [], (r) =>
      Array.isArray(r) ? Array.from(r.slice(1), (v) => (v === undefined || v === null ? '' : String(v))) : [],
    );
    const headerOf = (unitName: string) => {
      const at = rows.findIndex((r) => r[0] === unitName);
      return [...rows.slice(0, at)].reverse().find((r) => r[0] === '单位') ?? [];
    };
    expect(headerOf('洛阳镇卫生院')).toContain('1.1 居民健康档案建档率');
    expect(headerOf('清河县人民医院')).not.toContain('1.1 居民健康档案建档率');
    const all = rows.flat().join('\n');
    expect(all).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
    if (sheet.periodSubmission) expect(all).toMatch(/\d{4}\D\d{1,2}\D\d{1,2}\D* \d{2}:\d{2}/);
    expect(rows.flat()).toContain('提交时间（北京时间）');
  });
});
