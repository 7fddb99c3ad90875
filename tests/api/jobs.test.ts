/**
 * Jobs through the HTTP app: every job type is started (202 with the job), polled to its end and its
 * result checked; a double start gives one job; a job is read only by those who may see it.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoYear } from '../../scripts/seed/demo-year';
import { seedYear } from '../../shared/db/year-repo';
import { CURRENT_YEAR, type TestApi } from './harness';
import { createScoringApi } from './scoring-harness';
import { acknowledgeAll, openPublicity, readiness } from './year-steps';

const Y = `/api/years/${CURRENT_YEAR}`;

interface JobBody {
  id: string;
  type: string;
  state: string;
  progress: number;
  result?: { summary: string; link?: string; download?: { url: string; fileName: string } };
  error?: { code: string; message: string; details?: { path: string; message: string }[] };
}

describe('jobs', () => {
  let api: TestApi;

  /** Reads the job until it has finished; answers it with every progress seen on the way. */
  const poll = async (jobId: string, as = 'admin') => {
    const seen: number[] = [];
    for (let i = 0; i < 600; i++) {
      const res = await api.call('GET', `/api/jobs/${jobId}`, { as });
      expect(res.status).toBe(200);
      const job = res.body as JobBody;
      seen.push(job.progress);
      if (job.state === 'succeeded' || job.state === 'failed') return { job, seen };
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`job ${jobId} did not finish`);
  };
  const startJob = async (path: string, body: unknown, as = 'admin') => {
    const res = await api.call('POST', path, { as, body });
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    return res.body as { job: JobBody; created: boolean };
  };
  const workbookAt = async (url: string) => {
    const res = await fetch(url);
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await res.arrayBuffer()) as ExcelJS.Buffer);
    return wb;
  };

  beforeAll(async () => {
    api = await createScoringApi();
    await seedYear(api.db, demoYear(2027, 'setup'));
  }, 120_000);
  afterAll(() => api.close());

  it('exports the results as a job: 202 at once, progress to 100, a download link to the workbook', async () => {
    // Act
    const started = await startJob(`${Y}/jobs/results-export`, {});
    const { job, seen } = await poll(started.job.id);
    // Assess
    expect(started).toMatchObject({
      created: true,
      job: { type: 'results-export', state: 'queued', progress: 0 },
    });
    expect(job.state).toBe('succeeded');
    expect(job.progress).toBe(100);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(job.result?.summary).toMatch(/已导出 \d+ 个单位的考核结果/);
    expect(job.result?.download?.fileName).toBe(`${CURRENT_YEAR}年度考核结果-Q4.xlsx`);
    const wb = await workbookAt(job.result!.download!.url);
    expect(wb.worksheets.length).toBeGreaterThan(0);
  });

  it('starts one job for a double click, and a new one once it has finished', async () => {
    // Act: two starts at once, as a double click sends them
    const [a, b] = await Promise.all([
      startJob(`${Y}/jobs/results-export`, { asOf: 'Q2' }),
      startJob(`${Y}/jobs/results-export`, { asOf: 'Q2' }),
    ]);
    // Assess
    expect(a.job.id).toBe(b.job.id);
    expect([a.created, b.created].sort()).toEqual([false, true]);
    // A leader clicking the same export meanwhile gets the same job, and may read it.
    await poll(a.job.id, 'leader');
    const again = await startJob(`${Y}/jobs/results-export`, { asOf: 'Q2' });
    expect(again.created).toBe(true);
    expect(again.job.id).not.toBe(a.job.id);
    await poll(again.job.id);
  });

  it('exports the reporting progress of a period', async () => {
    const started = await startJob(`${Y}/jobs/progress-export`, { period: 'Q1' }, 'leader');
    const { job } = await poll(started.job.id, 'leader');
    expect(job.state).toBe('succeeded');
    const wb = await workbookAt(job.result!.download!.url);
    expect(wb.getWorksheet('上报进度')).toBeDefined();
  });

  it('imports a template workbook, and fails a bad one naming the cell, writing nothing', async () => {
    // Prepare: this year's exported workbook, and one with a broken cell
    const res = await api.app.request(`${Y}/template-workbook`, {
      headers: { authorization: `Bearer ${await api.token('admin')}` },
    });
    const bytes = new Uint8Array(await res.arrayBuffer());
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
    wb.getWorksheet('指标模板')!.getCell('A2').value = '';
    const broken = new Uint8Array(await wb.xlsx.writeBuffer());
    const send = (file: Uint8Array) =>
      startJob('/api/years/2027/jobs/template-import', { fileBase64: Buffer.from(file).toString('base64') });
    // Act
    const bad = await poll((await send(broken)).job.id);
    const good = await poll((await send(bytes)).job.id);
    // Assess
    expect(bad.job.state).toBe('failed');
    expect(bad.job.error?.code).toBe('VALIDATION_FAILED');
    expect(bad.job.error?.details?.[0]?.path).toMatch(/^指标模板!/);
    expect(good.job.state).toBe('succeeded');
    expect(good.job.result?.summary).toBe('已导入 3 个类别的指标模板');
    const templates = await api.call('GET', '/api/years/2027/templates', { as: 'admin' });
    expect(templates.body).toHaveLength(3);
  });

  it('runs the reminders', async () => {
    const started = await startJob('/api/jobs/reminders', {});
    const { job } = await poll(started.job.id);
    expect(job.state).toBe('succeeded');
    expect(job.result?.summary).toMatch(/^已发送 \d+ 条提醒/);
  });

  it('refuses a start to roles not allowed its action, and hides a job from those who may not see it', async () => {
    const started = await startJob('/api/jobs/reminders', {});
    const refused = await api.call('POST', `${Y}/jobs/results-export`, {
      as: 'luoyang-thc-reporter',
      body: {},
    });
    const hidden = await api.call('GET', `/api/jobs/${started.job.id}`, { as: 'luoyang-thc-reporter' });
    expect(refused.status).toBe(403);
    expect(hidden.status).toBe(404);
    const mine = await api.call('GET', '/api/jobs', { as: 'admin' });
    expect(mine.body.map((j: JobBody) => j.id)).toContain(started.job.id);
    expect((await api.call('GET', '/api/jobs', { as: 'luoyang-thc-reporter' })).body).toEqual([]);
    await poll(started.job.id);
  });

  it('refuses a draft job before publicity with 409 and starts none', async () => {
    const res = await api.call('POST', `${Y}/jobs/draft`, { as: 'admin', body: { reason: '提前试算结果' } });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('WRONG_STATE');
  });

  it('recomputes a draft version, then publishes, each as a job', { timeout: 240_000 }, async () => {
    // Prepare
    await openPublicity(api, CURRENT_YEAR);
    // Act
    const draft = await poll((await startJob(`${Y}/jobs/draft`, { reason: '复核后重新计算' })).job.id);
    api.setNow(new Date(`${CURRENT_YEAR + 1}-03-01T09:00:00+08:00`));
    const checklist = await readiness(api, CURRENT_YEAR, 'published');
    const publication = await poll(
      (
        await startJob(`${Y}/jobs/publication`, {
          confirm: true,
          acknowledgements: acknowledgeAll(checklist),
        })
      ).job.id,
    );
    // Assess
    expect(draft.job).toMatchObject({ state: 'succeeded', result: { summary: '已生成第 2 版公示结果' } });
    expect(publication.job, JSON.stringify(publication.job.error)).toMatchObject({
      state: 'succeeded',
      result: { summary: '已发布第 1 版考核结果' },
    });
    expect((await api.call('GET', `${Y}/publications`, { as: 'leader' })).body).toHaveLength(1);
  });
});
