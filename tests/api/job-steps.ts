/**
 * Long work the way the web does it (docs/jobs.md): a job started through the API (202 with the
 * job) and read until it has finished. Every test that opens publicity, publishes, recomputes a draft
 * or imports a template workbook goes through these, in the HTTP app as in a browser test's stack.
 */
import ExcelJS from 'exceljs';
import type { StepApi } from './year-steps';

export interface JobBody {
  id: string;
  type: string;
  label: string;
  state: 'queued' | 'running' | 'succeeded' | 'failed';
  progress: number;
  step?: string;
  result?: { summary: string; link?: string; download?: { url: string; fileName: string } };
  error?: { code: string; message: string; details?: { path: string; message: string }[] };
}

type JobApi = Pick<StepApi, 'call'>;

const POLL_MS = 20;
const POLL_LIMIT_MS = 180_000;

/** Starts a job, failing the test when the start is refused; answers the start's body (202 in the HTTP app). */
export const startJob = async (
  api: JobApi,
  path: string,
  body: unknown,
  as = 'admin',
): Promise<{ job: JobBody; created: boolean }> => {
  const res = await api.call('POST', path, { as, body });
  if (res.status >= 300) throw new Error(`POST ${path} as ${as}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
};

/** Reads the job until it has finished; answers it with every progress seen on the way. */
export const pollJob = async (
  api: JobApi,
  jobId: string,
  as = 'admin',
): Promise<{ job: JobBody; seen: number[] }> => {
  const seen: number[] = [];
  const until = Date.now() + POLL_LIMIT_MS;
  while (Date.now() < until) {
    const res = await api.call('GET', `/api/jobs/${jobId}`, { as });
    if (res.status !== 200) throw new Error(`GET job ${jobId} as ${as}: ${res.status}`);
    const job = res.body as JobBody;
    seen.push(job.progress);
    if (job.state === 'succeeded' || job.state === 'failed') return { job, seen };
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
  throw new Error(`job ${jobId} did not finish in ${POLL_LIMIT_MS / 1000} s`);
};

/** Starts a job and reads it to its end: the finished job, succeeded or failed. */
export const runJob = async (api: JobApi, path: string, body: unknown, as = 'admin'): Promise<JobBody> =>
  (await pollJob(api, (await startJob(api, path, body, as)).job.id, as)).job;

/** Runs a job that must succeed; a failed one fails the test with its error. */
const succeed = async (api: JobApi, path: string, body: unknown, as: string) => {
  const job = await runJob(api, path, body, as);
  if (job.state !== 'succeeded') throw new Error(`${job.type} job failed: ${JSON.stringify(job.error)}`);
  return job;
};

/** Opens the workbook at a finished export job's download link, as the browser does. */
export const downloadedWorkbook = async (job: JobBody) => {
  const res = await fetch(job.result?.download?.url ?? '');
  if (res.status !== 200) throw new Error(`download of ${job.type}: ${res.status}`);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await res.arrayBuffer()) as ExcelJS.Buffer);
  return workbook;
};

/** Runs an export job and opens the workbook at its download link. */
export const exportedWorkbook = async (api: JobApi, path: string, body: unknown, as = 'admin') =>
  downloadedWorkbook(await succeed(api, path, body, as));

/** Opens publicity through the publicity job (进入结果公示); answers the year as it moved. */
export const openPublicityByJob = async (
  api: JobApi,
  year: number,
  body: { version: number; acknowledgements?: { code: string; reason: string }[] },
  as = 'admin',
  // biome-ignore lint/suspicious/noExplicitAny: tests read each JSON answer as the route's schema says
): Promise<any> => {
  await succeed(api, `/api/years/${year}/jobs/publicity`, body, as);
  return (await api.call('GET', `/api/years/${year}`, { as })).body;
};

/** Publishes through the publication job; answers the version it published (as GET …/publications lists it). */
export const publishByJob = async (
  api: JobApi,
  year: number,
  body: { reason?: string; acknowledgements?: { code: string; reason: string }[] } = {},
  as = 'admin',
  // biome-ignore lint/suspicious/noExplicitAny: tests read each JSON answer as the route's schema says
): Promise<any> => {
  await succeed(api, `/api/years/${year}/jobs/publication`, { confirm: true, ...body }, as);
  return (await api.call('GET', `/api/years/${year}/publications`, { as })).body.at(-1);
};

/** Recomputes a draft through the draft job; answers the new version with its diff (GET …/drafts/{version}). */
export const recomputeByJob = async (
  api: JobApi,
  year: number,
  body: { reason: string; objectionIds?: string[] },
  as = 'admin',
  // biome-ignore lint/suspicious/noExplicitAny: tests read each JSON answer as the route's schema says
): Promise<any> => {
  await succeed(api, `/api/years/${year}/jobs/draft`, body, as);
  const latest = (await api.call('GET', `/api/years/${year}/drafts`, { as })).body.at(-1);
  return (await api.call('GET', `/api/years/${year}/drafts/${latest.version}`, { as })).body;
};

/** Imports a template workbook through the import job: the finished job (its error names the cells). */
export const importTemplatesByJob = (api: JobApi, year: number, bytes: Uint8Array, as = 'admin') =>
  runJob(
    api,
    `/api/years/${year}/jobs/template-import`,
    { fileBase64: Buffer.from(bytes).toString('base64') },
    as,
  );
