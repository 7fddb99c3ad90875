/**
 * The API client. One fetch wrapper adds the bearer token and turns every failure into an
 * `ApiError` carrying the API's `{ error: { code, message, details } }`, so pages handle one kind
 * of error. Request and response types are the shared zod schemas' types (type-only imports: no
 * zod in the bundle).
 *
 * Errors are typed: `ApiError.code` is the API's `ErrorCode` (shared/errors.ts) or one of the few
 * codes the web detects itself, so `error.code === 'STALE_VERSION'` is checked by the compiler.
 *
 * The typed client (`hc<ApiRoutes>`) is possible now: `publicRoute`/`protectedRoute` capture each
 * path's literal type, so `client.api.years[':year'].proposals.$get(…)` type-checks against the
 * routes. The page modules still call `call` with the shared schemas' types; moving their bodies to
 * client calls changes no page.
 */
import type { z } from '@hono/zod-openapi';
import type { Principal } from '../../shared/auth/roles';
import type { OpenTask } from '../../shared/domain/tasks/open-tasks';
import type { ErrorCode, ErrorDetail } from '../../shared/errors';
import type { ErrorResponse } from '../../shared/http/openapi';
import type { ConsistencyReportView } from '../../shared/schemas/consistency';
import type { DraftDetail, DraftHeaderView } from '../../shared/schemas/drafts';
import type { Job } from '../../shared/schemas/jobs';
import type { Objection, ObjectionInboxState } from '../../shared/schemas/objection';
import type { Category, DevUser, Unit, UnitInput, UnitUpdateSchema, User } from '../../shared/schemas/org';
import type { ReadinessView as Readiness } from '../../shared/schemas/readiness';
import type { Results, UnitResult } from '../../shared/schemas/results';
import type { PublishedSnapshot, UnitResultsView, YearResults } from '../../shared/schemas/results-views';
import type { Period, Year, YearState } from '../../shared/schemas/year';

export type { ErrorCode, ErrorDetail };

/**
 * The codes of failures the web itself detects: the server not reached, an answer that is not the
 * API's, a check in the page, the file store refusing an upload, a non-API HTTP error.
 */
export type ClientErrorCode = 'NETWORK' | 'NOT_JSON' | 'CLIENT' | 'STORAGE' | `HTTP_${number}`;

/** A warning of a year step's checklist, acknowledged with a reason. */
export interface Acknowledgement {
  code: string;
  reason: string;
}
export type { ConsistencyReportView, ObjectionInboxState, Readiness };

/** A failed call: HTTP status (0 when the server was not reached), code, message, field details. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | ClientErrorCode,
    message: string,
    readonly details: ErrorDetail[] = [],
    /**
     * The error's other fields (e.g. a conflict's `current` record and `currentVersion`, or
     * `readiness`: the checklist a refused year move answers).
     */
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/**
 * The ID token lives in localStorage: one sign-in serves every tab of the browser until sign-out
 * or expiry (session.ts follows the other tabs through the `storage` event).
 */
export const TOKEN_KEY = 'kaoping.idToken';
export const getToken = (): string | null => localStorage.getItem(TOKEN_KEY);
export const setToken = (token: string | null): void => {
  if (token) localStorage.setItem(TOKEN_KEY, token);
  else localStorage.removeItem(TOKEN_KEY);
};

let unauthorizedListener: ((error: ApiError) => void) | undefined;
/** session.ts listens here, so an expired token on any call sends the user back to sign-in. */
export const onUnauthorized = (listener: (error: ApiError) => void): void => {
  unauthorizedListener = listener;
};

const isErrorBody = (body: unknown): body is ErrorResponse =>
  typeof (body as ErrorResponse | null)?.error?.code === 'string' &&
  typeof (body as ErrorResponse).error.message === 'string';

/** Reads an error answer; a proxy's HTML error page still becomes a readable Chinese message. */
const toApiError = async (response: Response): Promise<ApiError> => {
  const body: unknown = await response.json().catch(() => null);
  if (isErrorBody(body)) {
    const { code, message, details = [], ...extra } = body.error;
    return new ApiError(response.status, code, message, details, extra);
  }
  return new ApiError(
    response.status,
    `HTTP_${response.status}`,
    `服务器暂时无法处理请求（HTTP ${response.status}），请稍后重试`,
  );
};

/** `fetch` with the bearer token; resolves only for 2xx answers, otherwise throws an ApiError. */
export const apiFetch = async (input: string, init: RequestInit = {}): Promise<Response> => {
  const headers = new Headers(init.headers);
  const token = getToken();
  if (token) headers.set('authorization', `Bearer ${token}`);
  let response: Response;
  try {
    response = await fetch(input, { ...init, headers });
  } catch {
    throw new ApiError(0, 'NETWORK', '无法连接服务器，请检查网络后重试');
  }
  if (response.ok) return response;
  const error = await toApiError(response);
  if (error.status === 401 && token) unauthorizedListener?.(error);
  throw error;
};

/**
 * A JSON call with the session's token; a 204 answer resolves to undefined. Every page's API module
 * uses it; `options` carries the few extras: `headers` (the submission's `idempotency-key`) and
 * `keepalive` for autosaves (the request outlives the page when it is closed).
 */
/** A query string of the values given (empty ones left out), e.g. a server page's filters and cursor. */
export const queryString = (query: Record<string, string | number | undefined>): string =>
  String(
    new URLSearchParams(
      Object.entries(query).flatMap(([k, v]) => (v === undefined || v === '' ? [] : [[k, String(v)]])),
    ),
  );

export const call = async <T>(
  path: string,
  method = 'GET',
  body?: unknown,
  options: Pick<RequestInit, 'keepalive'> & { headers?: Record<string, string> } = {},
): Promise<T> => {
  const response = await apiFetch(
    path,
    body === undefined
      ? { method, ...options }
      : {
          method,
          body: JSON.stringify(body),
          ...options,
          headers: { 'content-type': 'application/json', ...options.headers },
        },
  );
  if (response.status === 204) return undefined as T;
  if (!response.headers.get('content-type')?.includes('application/json')) {
    // A CDN answering index.html for an unknown path: not the API.
    throw new ApiError(response.status, 'NOT_JSON', '服务器返回了无法识别的内容');
  }
  return (await response.json()) as T;
};

const segment = (value: string | number) => encodeURIComponent(String(value));
/** `?a=1&b=2` of the defined values, or '' when none is. */
const query = (values: Record<string, string | undefined>) => {
  const params = new URLSearchParams(
    Object.entries(values).filter((e): e is [string, string] => e[1] !== undefined),
  ).toString();
  return params ? `?${params}` : '';
};

export type Me = Principal & { unitName: string | null };
export type { OpenTask };
export type UnitUpdate = z.infer<typeof UnitUpdateSchema>;
export type {
  Category,
  DevUser,
  DraftDetail,
  DraftHeaderView,
  Objection,
  Period,
  Results,
  Unit,
  UnitInput,
  UnitResult,
  UnitResultsView,
  User,
  Year,
  YearResults,
  YearState,
};

/** A published (frozen) version of a year's results. */
export type Publication = PublishedSnapshot;

export const api = {
  me: () => call<Me>('/api/me'),
  /** Jobs (docs/jobs.md): a start answers at once with the job; the job is read for its progress. */
  jobs: {
    start: (path: string, body: unknown) => call<{ job: Job; created: boolean }>(path, 'POST', body),
    get: (jobId: string) => call<Job>(`/api/jobs/${segment(jobId)}`),
  },
  /** 现在要做的事: what is open for the signed-in person in the year. */
  tasks: (year: number) => call<OpenTask[]>(`/api/me/tasks?year=${segment(year)}`),
  years: {
    /** Newest first. */
    list: () => call<Year[]>('/api/years'),
    get: (year: number) => call<Year>(`/api/years/${segment(year)}`),
    /** A new year in 年初设置 with last year's settings carried over. */
    create: (year: number) => call<Year>('/api/years', 'POST', { year }),
    /** Each warning of the step's checklist is acknowledged with a reason (kept in the year's history). */
    advance: (year: number, to: YearState, version: number, acknowledgements: Acknowledgement[] = []) =>
      call<Year>(`/api/years/${segment(year)}/transitions`, 'POST', { to, version, acknowledgements }),
    /** The checklist before moving the year to `to`: blockers, warnings and what is done. */
    readiness: (year: number, to: YearState) =>
      call<Readiness>(`/api/years/${segment(year)}/transitions/${segment(to)}/readiness`),
    /** Weights, caps, windows and title of a year in 年初设置; `version` is the one read. */
    updateSettings: (
      year: number,
      body: Omit<Year, 'year' | 'title' | 'state' | 'history'> & { title?: string },
    ) => call<Year>(`/api/years/${segment(year)}/settings`, 'PUT', body),
  },
  categories: { list: () => call<Category[]>('/api/categories') },
  units: {
    list: () => call<Unit[]>('/api/units'),
    get: (unitId: string) => call<Unit>(`/api/units/${segment(unitId)}`),
    create: (unit: UnitInput) => call<Unit>('/api/units', 'POST', unit),
    update: (unitId: string, unit: UnitUpdate) => call<Unit>(`/api/units/${segment(unitId)}`, 'PUT', unit),
  },
  users: {
    list: () => call<User[]>('/api/users'),
    /** Binds (null: unbinds) the 统一身份认证账号 a token is matched by. */
    bindSignInId: (userId: string, signInId: string | null) =>
      call<User>(`/api/users/${segment(userId)}/sign-in-id`, 'PUT', { signInId }),
  },
  results: {
    /** Live for a county-size year; above the live limit the latest results job's run (`computed`). */
    get: (year: number, asOf: Period) =>
      call<YearResults>(`/api/years/${segment(year)}/results?asOf=${asOf}`),
    /**
     * The rater consistency report; `period` null for the whole year. Live for a county-size year;
     * above the live limit the latest consistency job's report (`computed`).
     */
    consistency: (year: number, period: Period | null) =>
      call<ConsistencyReportView>(
        `/api/years/${segment(year)}/consistency${period ? `?period=${period}` : ''}`,
      ),
    unit: (year: number, unitId: string, asOf: Period) =>
      call<UnitResultsView>(`/api/years/${segment(year)}/units/${segment(unitId)}/results?asOf=${asOf}`),
    publications: (year: number) => call<Publication[]>(`/api/years/${segment(year)}/publications`),
    /** Draft versions put on publicity (公示版本), oldest first. */
    drafts: (year: number) => call<DraftHeaderView[]>(`/api/years/${segment(year)}/drafts`),
    draft: (year: number, version: number) =>
      call<DraftDetail>(`/api/years/${segment(year)}/drafts/${segment(version)}`),
  },
  objections: {
    list: (year: number, filter: { state?: ObjectionInboxState; unitId?: string } = {}) =>
      call<Objection[]>(
        `/api/years/${segment(year)}/objections${query({ state: filter.state, unitId: filter.unitId })}`,
      ),
    file: (year: number, body: { code: string; reason: string; evidence: string }) =>
      call<Objection>(`/api/years/${segment(year)}/objections`, 'POST', body),
    decide: (o: Objection, decision: 'upheld' | 'rejected', reason: string) =>
      call<Objection>(
        `/api/years/${segment(o.year)}/units/${segment(o.unitId)}/objections/${segment(o.id)}/decision`,
        'POST',
        { decision, reason, version: o.version },
      ),
  },
  /** Local only; the deployed API answers 404 here (session.ts then offers the hosted sign-in). */
  dev: {
    users: () => call<DevUser[]>('/api/dev/users'),
    signIn: (userId: string) => call<{ idToken: string }>('/api/dev/sign-in', 'POST', { userId }),
  },
};
