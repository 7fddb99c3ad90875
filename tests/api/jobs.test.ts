/**
 * Jobs through the HTTP app: every job type is started twice at once (a double click), which gives
 * one job; that job is polled to its end, its progress never going back, and its result checked.
 * A start refuses what its job would refuse, with nothing started; a job is read only by those who
 * may see it.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoYear } from '../../scripts/seed/demo-year';
import { readComputedConsistency } from '../../shared/db/consistency-repo';
import { listNotifications } from '../../shared/db/notification-repo';
import { seedYear } from '../../shared/db/year-repo';
import { JOB_TYPES } from '../../shared/domain/jobs/job';
import { CURRENT_YEAR, type TestApi } from './harness';
import { type JobBody, pollJob, startJob } from './job-steps';
import { createScoringApi } from './scoring-harness';
import { acknowledgeAll, afterWindows, readiness, readyForPublicity } from './year-steps';

const Y = `/api/years/${CURRENT_YEAR}`;
/** A year in 年初设置 the template import writes into. */
const SETUP_YEAR = 2027;

interface JobCase {
  type: string;
  /** Brings the year to where the job may start (run once, before the double start). */
  prepare?: () => Promise<void>;
  path: string;
  body: () => Promise<unknown> | unknown;
  as?: string;
  /** What the finished job left, in its result and in the store. */
  check: (job: JobBody) => Promise<void>;
}

describe('jobs', () => {
  let api: TestApi;

  const workbookAt = async (url: string) => {
    const res = await fetch(url);
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await res.arrayBuffer()) as ExcelJS.Buffer);
    return wb;
  };
  /** This year's templates as the admin exports them. */
  const templateWorkbook = async () => {
    const res = await api.app.request(`${Y}/template-workbook`, {
      headers: { authorization: `Bearer ${await api.token('admin')}` },
    });
    return new Uint8Array(await res.arrayBuffer());
  };
  const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
  let publicityChecklist: Awaited<ReturnType<typeof readiness>>;
  let publicationChecklist: Awaited<ReturnType<typeof readiness>>;

  /**
   * In the order a year meets them: exports and imports any time, publicity opened, a draft in
   * publicity, then publication.
   */
  const CASES: JobCase[] = [
    {
      type: 'results-export',
      path: `${Y}/jobs/results-export`,
      body: () => ({}),
      check: async (job) => {
        expect(job.result?.summary).toMatch(/已导出 \d+ 个单位的考核结果/);
        expect(job.result?.download?.fileName).toBe(`${CURRENT_YEAR}年度考核结果-Q4.xlsx`);
        expect((await workbookAt(job.result!.download!.url)).worksheets.length).toBeGreaterThan(0);
      },
    },
    {
      type: 'progress-export',
      path: `${Y}/jobs/progress-export`,
      body: () => ({ period: 'Q1' }),
      as: 'leader',
      check: async (job) => {
        expect(job.result?.summary).toBe(`已导出${CURRENT_YEAR}年度第一季度材料上报进度`);
        expect((await workbookAt(job.result!.download!.url)).getWorksheet('上报进度')).toBeDefined();
      },
    },
    {
      type: 'template-import',
      path: `/api/years/${SETUP_YEAR}/jobs/template-import`,
      body: async () => ({ fileBase64: base64(await templateWorkbook()) }),
      check: async (job) => {
        expect(job.result).toEqual({
          summary: '已导入 3 个类别的指标模板：县级医疗机构、公共卫生机构、基层医疗卫生机构',
          link: `/templates?year=${SETUP_YEAR}`,
        });
        const templates = await api.call('GET', `/api/years/${SETUP_YEAR}/templates`, { as: 'admin' });
        expect(templates.body).toHaveLength(3);
      },
    },
    {
      type: 'reminders',
      path: '/api/jobs/reminders',
      body: () => ({}),
      check: async (job) => {
        expect(job.result?.summary).toMatch(/^已发送 \d+ 条提醒（\d+ 个单位待上报，\d+ 项整改逾期）$/);
      },
    },
    {
      type: 'results',
      path: `${Y}/jobs/results`,
      body: () => ({}),
      check: async (job) => {
        expect(job.result?.summary).toMatch(/^已计算 \d+ 个单位（\d+ 个类别）的考核结果$/);
        expect(job.result?.link).toBe(`/results?year=${CURRENT_YEAR}`);
      },
    },
    {
      type: 'consistency',
      path: `${Y}/jobs/consistency`,
      body: () => ({}),
      as: 'leader',
      check: async (job) => {
        expect(job.result).toEqual({
          summary: expect.stringMatching(
            new RegExp(`^已计算${CURRENT_YEAR}年度全年的评分一致性（\\d+ 位评分人）$`),
          ),
          link: `/results/consistency?year=${CURRENT_YEAR}`,
        });
        expect((await readComputedConsistency(api.db, CURRENT_YEAR, null))?.computed.jobId).toBe(job.id);
      },
    },
    {
      type: 'consistency-export',
      path: `${Y}/jobs/consistency-export`,
      body: () => ({ period: 'Q1' }),
      check: async (job) => {
        expect(job.result?.download?.fileName).toBe(`${CURRENT_YEAR}年度第一季度评分一致性.xlsx`);
        expect((await workbookAt(job.result!.download!.url)).worksheets.map((w) => w.name)).toEqual([
          '评分人',
          '指标评分一致程度',
          '去掉评分人后的变化',
        ]);
      },
    },
    {
      type: 'review-distance-export',
      path: `${Y}/jobs/review-distance-export`,
      body: () => ({}),
      as: 'leader',
      check: async (job) => {
        expect(job.result?.summary).toMatch(
          new RegExp(`^已导出${CURRENT_YEAR}年度自评与审定差距（\\d+ 个单位）$`),
        );
        expect((await workbookAt(job.result!.download!.url)).worksheets.map((w) => w.name)).toEqual([
          '明细',
          '按单位',
          '按指标',
        ]);
      },
    },
    {
      type: 'publicity',
      // The windows closed, the committee's work and the approvals done: 进入结果公示's checklist clears.
      prepare: async () => {
        await readyForPublicity(api, CURRENT_YEAR);
        publicityChecklist = await readiness(api, CURRENT_YEAR, 'publicity');
        // A warning not acknowledged: the start answers the checklist (as the year's move does), and no job.
        expect(publicityChecklist.warnings.map((w) => w.code)).toEqual(['SPREAD_ALERT']);
        const { version } = (await api.call('GET', Y, { as: 'admin' })).body;
        const bare = await api.call('POST', `${Y}/jobs/publicity`, { as: 'admin', body: { version } });
        expect(bare.status).toBe(409);
        expect(bare.body.error.code).toBe('WARNINGS_UNACKNOWLEDGED');
        expect(bare.body.error.readiness.warnings).toEqual(publicityChecklist.warnings);
        const jobs = (await api.call('GET', '/api/jobs', { as: 'admin' })).body as JobBody[];
        expect(jobs.filter((j) => j.type === 'publicity')).toEqual([]);
      },
      path: `${Y}/jobs/publicity`,
      body: async () => ({
        version: (await api.call('GET', Y, { as: 'admin' })).body.version,
        acknowledgements: acknowledgeAll(publicityChecklist),
      }),
      check: async (job) => {
        expect(job.result).toEqual({
          summary: '已进入结果公示：已生成第 1 版公示结果，公示 5 天',
          link: `/results?year=${CURRENT_YEAR}`,
        });
        expect((await api.call('GET', Y, { as: 'leader' })).body.state).toBe('publicity');
        const drafts = await api.call('GET', `${Y}/drafts`, { as: 'admin' });
        expect(drafts.body).toMatchObject([{ version: 1, reason: '开始公示' }]);
        // Each unit head is told the objection deadline.
        const told = (await listNotifications(api.db, 'luoyang-thc-head')).items.map((n) => n.kind);
        expect(told).toContain('publicity_opened');
      },
    },
    {
      type: 'draft',
      path: `${Y}/jobs/draft`,
      body: () => ({ reason: '复核后重新计算' }),
      check: async (job) => {
        expect(job.result).toEqual({
          summary: '已生成第 2 版公示结果',
          link: `/results?year=${CURRENT_YEAR}`,
        });
        const drafts = await api.call('GET', `${Y}/drafts`, { as: 'admin' });
        expect(drafts.body.map((d: { version: number }) => d.version)).toEqual([1, 2]);
      },
    },
    {
      type: 'publication',
      prepare: async () => {
        // While publicity runs, the start answers the checklist (as the year's move does), and no job.
        const early = await api.call('POST', `${Y}/jobs/publication`, {
          as: 'admin',
          body: { confirm: true },
        });
        expect(early.status).toBe(409);
        expect(early.body.error.code).toBe('NOT_READY');
        expect(early.body.error.readiness.blockers.map((b: { code: string }) => b.code)).toContain(
          'PUBLICITY_OPEN',
        );
        api.setNow(new Date(afterWindows(CURRENT_YEAR).getTime() + 6 * 86_400_000));
        publicationChecklist = await readiness(api, CURRENT_YEAR, 'published');
      },
      path: `${Y}/jobs/publication`,
      body: () => ({ confirm: true, acknowledgements: acknowledgeAll(publicationChecklist) }),
      check: async (job) => {
        expect(job.result).toEqual({
          summary: '已发布第 1 版考核结果',
          link: `/results?year=${CURRENT_YEAR}`,
        });
        expect((await api.call('GET', `${Y}/publications`, { as: 'leader' })).body).toHaveLength(1);
        expect((await api.call('GET', Y, { as: 'leader' })).body.state).toBe('published');
      },
    },
    {
      type: 'site',
      path: `${Y}/jobs/site`,
      body: () => ({}),
      check: async (job) => {
        expect(job.result).toEqual({
          summary: '已重新生成第 1 版考核结果的公布页面',
          link: `/results?year=${CURRENT_YEAR}`,
        });
        // The site again, of the same version: no new one.
        expect((await api.call('GET', `${Y}/publications`, { as: 'leader' })).body).toHaveLength(1);
      },
    },
  ];

  beforeAll(async () => {
    api = await createScoringApi();
    await seedYear(api.db, demoYear(SETUP_YEAR, 'setup'));
  }, 120_000);
  afterAll(() => api.close());

  it('covers every job type', () => {
    const covered = new Set(CASES.map((c) => c.type));
    expect(JOB_TYPES.filter((t) => !covered.has(t))).toEqual([]);
  });

  it('refuses at the start what the job would refuse, starting nothing', async () => {
    // Act: before publicity (the year still in 考核进行中), and for a year that does not exist
    const { version } = (await api.call('GET', Y, { as: 'admin' })).body;
    const publicity = await api.call('POST', `${Y}/jobs/publicity`, { as: 'admin', body: { version } });
    const draft = await api.call('POST', `${Y}/jobs/draft`, {
      as: 'admin',
      body: { reason: '提前试算结果' },
    });
    const publication = await api.call('POST', `${Y}/jobs/publication`, {
      as: 'admin',
      body: { confirm: true },
    });
    const unknownYear = await api.call('POST', '/api/years/2031/jobs/results-export', {
      as: 'admin',
      body: {},
    });
    // Assess
    expect(publicity.status).toBe(409);
    expect(publicity.body.error.code).toBe('WRONG_STATE');
    expect(draft.status).toBe(409);
    expect(draft.body.error.code).toBe('WRONG_STATE');
    expect(publication.status).toBe(409);
    expect(publication.body.error.code).toBe('WRONG_STATE');
    expect(unknownYear.status).toBe(404);
    expect((await api.call('GET', '/api/jobs', { as: 'admin' })).body).toEqual([]);
  });

  for (const job of CASES) {
    it(`${job.type}: a double start gives one job, polled to its end with its result`, {
      timeout: 240_000,
    }, async () => {
      // Prepare
      await job.prepare?.();
      const body = await job.body();
      const as = job.as ?? 'admin';
      // Act: two starts at once, as a double click sends them
      const [a, b] = await Promise.all([
        startJob(api, job.path, body, as),
        startJob(api, job.path, body, as),
      ]);
      const { job: finished, seen } = await pollJob(api, a.job.id, as);
      // Assess
      expect(b.job.id).toBe(a.job.id);
      expect([a.created, b.created].sort()).toEqual([false, true]);
      // The start that created the job answers it queued; the other may find it under way already
      // (a start that reads the year's facts, as the publicity job's does, takes a while).
      expect([a, b].find((s) => s.created)?.job).toMatchObject({ type: job.type, progress: 0 });
      expect(finished, JSON.stringify(finished.error)).toMatchObject({ state: 'succeeded', progress: 100 });
      expect(seen).toEqual([...seen].sort((x, y) => x - y));
      await job.check(finished);
    });
  }

  it('starts a new job once the same one has finished, and a leader joining it may read it', async () => {
    const [first] = await Promise.all([
      startJob(api, `${Y}/jobs/results-export`, { asOf: 'Q2' }),
      startJob(api, `${Y}/jobs/results-export`, { asOf: 'Q2' }, 'leader'),
    ]);
    await pollJob(api, first.job.id, 'leader');
    const again = await startJob(api, `${Y}/jobs/results-export`, { asOf: 'Q2' });
    expect(again.created).toBe(true);
    expect(again.job.id).not.toBe(first.job.id);
    await pollJob(api, again.job.id);
  });

  it('fails an import job on a bad workbook naming the cell, writing nothing', async () => {
    // Prepare: this year's workbook with a broken cell, for a year with no templates
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await templateWorkbook()) as unknown as ExcelJS.Buffer);
    wb.getWorksheet('指标模板')!.getCell('A2').value = '';
    await seedYear(api.db, demoYear(2028, 'setup'));
    // Act
    const started = await startJob(api, '/api/years/2028/jobs/template-import', {
      fileBase64: base64(new Uint8Array(await wb.xlsx.writeBuffer())),
    });
    const { job } = await pollJob(api, started.job.id);
    // Assess
    expect(job.state).toBe('failed');
    expect(job.error?.code).toBe('VALIDATION_FAILED');
    expect(job.error?.details?.[0]?.path).toMatch(/^指标模板!/);
    expect((await api.call('GET', '/api/years/2028/templates', { as: 'admin' })).body).toEqual([]);
  });

  it('refuses a start to roles not allowed its action, and hides a job from those who may not see it', async () => {
    const started = await startJob(api, '/api/jobs/reminders', {});
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
    await pollJob(api, started.job.id);
  });
});
