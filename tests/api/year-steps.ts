/**
 * Moving a test's year forward the way an admin must: the readiness checklist is read, what blocks
 * is cleared through the product's own routes (scores given and sheets finalized by the raters,
 * pending approvals decided, the clock moved past the windows), and each warning is acknowledged
 * with a reason. No bypass: a step that still blocks fails the test with the checklist.
 */
import type { TestApi } from './harness';
import { openPublicityByJob } from './job-steps';

/** What the steps need of an API: calls as a user, and the server's clock (the HTTP app or a browser test's stack). */
export type StepApi = Pick<TestApi, 'call' | 'setNow'>;

type Period = 'Q1' | 'Q2' | 'Q3' | 'Q4';
const PERIODS: Period[] = ['Q1', 'Q2', 'Q3', 'Q4'];

export interface Issue {
  code: string;
  message: string;
  count: number;
  targets: { label: string; href: string }[];
}
export interface ReadinessBody {
  blockers: Issue[];
  warnings: Issue[];
  done: string[];
}

interface QueueItem {
  unitId: string;
  code: string;
  ruleType: string;
  W: number | string;
  target: unknown;
  scale: 'points' | 'bands' | null;
  state: string;
  reported: { value: unknown } | null;
  score: { version?: number } | null;
}

const check = async (
  api: StepApi,
  method: string,
  path: string,
  as: string,
  body?: unknown,
  status = 200,
): Promise<
  // biome-ignore lint/suspicious/noExplicitAny: tests read each JSON answer as the route's schema says
  any
> => {
  const res = await api.call(method, path, { as, ...(body === undefined ? {} : { body }) });
  if (res.status !== status)
    throw new Error(`${method} ${path} as ${as}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
};

export const readiness = (api: StepApi, year: number, to: string): Promise<ReadinessBody> =>
  check(api, 'GET', `/api/years/${year}/transitions/${to}/readiness`, 'admin');

/** Every warning of the checklist, acknowledged with a reason. */
export const acknowledgeAll = (r: ReadinessBody) =>
  r.warnings.map((w) => ({ code: w.code, reason: '已逐项核实，确认无误' }));

/**
 * Moves the year to `to` after reading its checklist, as the year page does (进入结果公示 through the
 * publicity job, the others through the transitions route); fails listing the blockers if any remain.
 */
export const advanceYear = async (api: StepApi, year: number, to: string) => {
  const r = await readiness(api, year, to);
  if (r.blockers.length > 0)
    throw new Error(`${to} blocked: ${r.blockers.map((b) => b.message).join(' / ')}`);
  const current = await check(api, 'GET', `/api/years/${year}`, 'admin');
  const move = { version: current.version, acknowledgements: acknowledgeAll(r) };
  if (to === 'publicity') return openPublicityByJob(api, year, move);
  return check(api, 'POST', `/api/years/${year}/transitions`, 'admin', { to, ...move });
};

/** A plausible score for a queue item: the reported value (or the target) verified, 90 % of a rating. */
const scoreFor = (item: QueueItem): Record<string, unknown> => {
  switch (item.ruleType) {
    case 'rating':
      return item.scale === 'bands' ? { band: '良' } : { points: Math.round(Number(item.W) * 0.9 * 10) / 10 };
    case 'completion':
      return { completion: 'on_time' };
    case 'count':
      return { occurrences: Number(item.reported?.value ?? 0) };
    default:
      return { verifiedValue: item.reported?.value ?? item.target ?? null };
  }
};

/** A rater scores every item still pending in their queue of `period`, except those `keep` names. */
export const scorePending = async (
  api: StepApi,
  year: number,
  period: Period,
  raterId: string,
  keep: (item: { unitId: string; code: string }) => boolean = () => false,
) => {
  const queue = await check(api, 'GET', `/api/years/${year}/periods/${period}/scoring-queue`, raterId);
  for (const item of (queue.items as QueueItem[]).filter((i) => i.state === 'pending' && !keep(i))) {
    await check(
      api,
      'PUT',
      `/api/years/${year}/units/${item.unitId}/periods/${period}/scores/${item.code}`,
      raterId,
      { version: item.score?.version ?? 0, ...scoreFor(item), comment: '已核对台账和佐证材料' },
    );
  }
};

/**
 * The committee finishes its work: every assigned rater scores what is pending in their queue and
 * finalizes their sheet, period by period (as the scoring page does).
 */
export const finishScoring = async (api: StepApi, year: number, periods: Period[] = PERIODS) => {
  for (const period of periods) {
    const progress = await check(
      api,
      'GET',
      `/api/years/${year}/periods/${period}/scoring-progress`,
      'admin',
    );
    for (const rater of progress.byRater as { raterId: string; finalized: boolean; pending: number }[]) {
      if (rater.finalized && rater.pending === 0) continue;
      if (rater.finalized) {
        await check(
          api,
          'POST',
          `/api/years/${year}/periods/${period}/raters/${rater.raterId}/sheet/reopen`,
          'admin',
          {
            reason: '补齐未评分的指标',
          },
        );
      }
      await scorePending(api, year, period, rater.raterId);
      await check(api, 'POST', `/api/years/${year}/periods/${period}/sheet/finalize`, rater.raterId, {
        confirm: true,
      });
    }
  }
};

/** The admin decides every pending inspection (approved) and proposal (bonus/penalty approved, veto not). */
export const decidePending = async (api: StepApi, year: number) => {
  const inspections = await check(api, 'GET', `/api/years/${year}/inspections`, 'admin');
  for (const i of inspections as { id: string; unitId: string; state: string; version: number }[]) {
    if (i.state !== 'submitted') continue;
    await check(api, 'POST', `/api/years/${year}/units/${i.unitId}/inspections/${i.id}/decision`, 'admin', {
      decision: 'approve',
      version: i.version,
    });
  }
  const proposals = await check(api, 'GET', `/api/years/${year}/proposals`, 'admin');
  for (const p of proposals as {
    id: string;
    unitId: string;
    kind: string;
    state: string;
    version: number;
  }[]) {
    if (p.state !== 'proposed') continue;
    await check(
      api,
      'POST',
      `/api/years/${year}/units/${p.unitId}/proposals/${p.kind}/${p.id}/decision`,
      'admin',
      {
        decision: p.kind === 'veto' ? 'reject' : 'approve',
        version: p.version,
        ...(p.kind === 'veto' ? { reason: '经核查不属于一票否决情形' } : {}),
      },
    );
  }
};

/** A moment after every window of `year` (and any extension) has closed: 2026 → 2027-01-12. */
export const afterWindows = (year: number) => new Date(`${year + 1}-01-12T09:00:00+08:00`);

/**
 * Walks the demo's year (in 考核进行中) to where 进入结果公示's checklist clears: the windows have
 * closed, the year is in 集中评分, the committee has scored and finalized, the approvals are decided.
 */
export const readyForPublicity = async (api: StepApi, year: number) => {
  api.setNow(afterWindows(year));
  await advanceYear(api, year, 'scoring');
  await finishScoring(api, year);
  await decidePending(api, year);
};

/** Walks the demo's year (in 考核进行中) into 结果公示 legitimately (the publicity job). */
export const openPublicity = async (api: StepApi, year: number) => {
  await readyForPublicity(api, year);
  await advanceYear(api, year, 'publicity');
};
