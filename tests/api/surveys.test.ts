/** Satisfaction surveys: import (all rows valid or nothing), manual entry, and the verified value. */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getItem } from '../../shared/db/items';
import { verificationKey } from '../../shared/db/keys';
import type { Verification } from '../../shared/schemas/facts';
import { CURRENT_YEAR, createTestApi, type TestApi } from './harness';

const Y = CURRENT_YEAR;
const csv = (text: string) => Buffer.from(text, 'utf8').toString('base64');

describe('surveys API', () => {
  let api: TestApi;
  const verified = (unitId: string) => getItem<Verification>(api.db, verificationKey(Y, unitId, 'Q4', '3.3'));

  beforeAll(async () => {
    api = await createTestApi();
  });
  afterAll(() => api.close());

  it('reports bad rows by row and column and imports nothing', async () => {
    const fileBase64 = csv(
      '单位编号,调查人数,满意人数\nluoyang-thc,300,290\nnowhere,100,90\n\nhesha-thc,100,120\ncaohe-thc,abc,1\n',
    );
    const res = await api.call('POST', `/api/years/${Y}/surveys/import`, {
      as: 'admin',
      body: { period: 'Q4', code: '3.3', fileName: 'survey.csv', fileBase64 },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toEqual([
      'row 3 column A',
      'row 5 column C',
      'row 6 column B',
    ]);
    expect(await verified('luoyang-thc')).toBeUndefined();
  });

  it('imports an xlsx and writes each rate as the verified value (2 decimals, half-up)', async () => {
    // Prepare
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('满意度');
    sheet.addRow(['单位编号', '调查人数', '满意人数']);
    sheet.addRow(['luoyang-thc', 3, 2]);
    sheet.addRow(['hesha-thc', 400, 391]);
    const fileBase64 = Buffer.from(await book.xlsx.writeBuffer()).toString('base64');
    // Act
    const res = await api.call('POST', `/api/years/${Y}/surveys/import`, {
      as: 'admin',
      body: { period: 'Q4', code: '3.3', fileName: 'survey.xlsx', fileBase64 },
    });
    // Assess
    expect(res.status).toBe(200);
    expect(res.body.map((r: { rate: number }) => r.rate)).toEqual([66.67, 97.75]);
    expect((await verified('luoyang-thc'))?.verifiedValue).toBe(66.67);
    expect((await verified('hesha-thc'))?.verifiedValue).toBe(97.75);
    const list = await api.call('GET', `/api/years/${Y}/surveys?period=Q4`, { as: 'leader' });
    expect(list.body).toHaveLength(2);
  });

  it('takes one unit’s result entered by hand, and refuses more satisfied than asked', async () => {
    const bad = await api.call('PUT', `/api/years/${Y}/units/caohe-thc/surveys/Q4`, {
      as: 'admin',
      body: { code: '3.3', respondents: 10, satisfied: 11 },
    });
    const ok = await api.call('PUT', `/api/years/${Y}/units/caohe-thc/surveys/Q4`, {
      as: 'admin',
      body: { code: '3.3', respondents: 250, satisfied: 240 },
    });
    expect(bad.status).toBe(400);
    expect(ok.body.rate).toBe(96);
    expect((await verified('caohe-thc'))?.verifiedValue).toBe(96);
  });

  it('refuses a result for a period the indicator is not assessed in, writing nothing', async () => {
    const entered = await api.call('PUT', `/api/years/${Y}/units/caohe-thc/surveys/Q1`, {
      as: 'admin',
      body: { code: '3.3', respondents: 250, satisfied: 240 },
    });
    const imported = await api.call('POST', `/api/years/${Y}/surveys/import`, {
      as: 'admin',
      body: {
        period: 'Q2',
        code: '3.3',
        fileName: 'survey.csv',
        fileBase64: csv('单位编号,调查人数,满意人数\nluoyang-thc,10,9\n'),
      },
    });
    expect(entered.status).toBe(400);
    expect(entered.body.error.details[0]).toEqual({
      path: 'param.period',
      message: '指标 3.3 不在第一季度考核，请选择其考核期',
    });
    expect(imported.status).toBe(400);
    expect(imported.body.error.details[0].path).toBe('body.period');
    const q1 = await api.call('GET', `/api/years/${Y}/surveys?period=Q1`, { as: 'admin' });
    const q2 = await api.call('GET', `/api/years/${Y}/surveys?period=Q2`, { as: 'admin' });
    expect([...q1.body, ...q2.body]).toEqual([]);
  });
});
