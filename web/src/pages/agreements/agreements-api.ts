/**
 * The calls of the template and agreement pages, on the shared `apiFetch` (token, one error type).
 * Types only from the shared schemas: no zod in the bundle.
 */

import type {
  Agreement,
  AgreementDiff,
  AgreementPage,
  AgreementState,
  AgreementSummary,
  AgreementVersion,
  AgreementView,
  Amendment,
  Customisation,
} from '../../../../shared/schemas/agreement';
import type { Period } from '../../../../shared/schemas/scenario';
import type {
  Template,
  TemplateInput,
  TemplateSummary,
  TemplateView,
} from '../../../../shared/schemas/template';
import { apiFetch, call as send } from '../../api';

export type {
  Agreement,
  AgreementDiff,
  AgreementPage,
  AgreementState,
  AgreementSummary,
  AgreementVersion,
  AgreementView,
  Amendment,
  Customisation,
  Template,
  TemplateInput,
  TemplateSummary,
  TemplateView,
};
export type VersionView = AgreementVersion & { hashValid: boolean };

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const seg = (value: string | number) => encodeURIComponent(String(value));
const agreementPath = (year: number, unitId: string) => `/api/years/${seg(year)}/agreements/${seg(unitId)}`;
const templatePath = (year: number, categoryId: string) =>
  `/api/years/${seg(year)}/templates/${seg(categoryId)}`;

export const agreementsApi = {
  list: (year: number, categoryId?: string) =>
    send<AgreementSummary[]>(
      `/api/years/${seg(year)}/agreements${categoryId ? `?categoryId=${seg(categoryId)}` : ''}`,
    ),
  /** One page of the year's agreements (a city's list is read a page at a time). */
  page: (
    year: number,
    query: {
      categoryId?: string;
      state?: string;
      search?: string;
      pageSize: number;
      cursor?: string | undefined;
    },
  ) => {
    const params = new URLSearchParams(
      Object.entries(query).flatMap(([k, v]) => (v === undefined || v === '' ? [] : [[k, String(v)]])),
    );
    return send<AgreementPage>(`/api/years/${seg(year)}/agreement-pages?${params}`);
  },
  get: (year: number, unitId: string) => send<AgreementView>(agreementPath(year, unitId)),
  edit: (year: number, unitId: string, version: number, customisation: Customisation) =>
    send<AgreementView>(agreementPath(year, unitId), 'PUT', { version, customisation }),
  transition: (year: number, unitId: string, to: 'issued' | 'draft' | 'locked', version: number) =>
    send<AgreementView>(`${agreementPath(year, unitId)}/transitions`, 'POST', { to, version }),
  sign: (year: number, unitId: string, version: number, contentHash: string, signerName: string) =>
    send<AgreementView>(`${agreementPath(year, unitId)}/sign`, 'POST', { version, contentHash, signerName }),
  generate: (year: number, categoryId: string) =>
    send<{ created: string[]; regenerated: string[]; skipped: { unitId: string; state: AgreementState }[] }>(
      `/api/years/${seg(year)}/agreements/generate`,
      'POST',
      { categoryId },
    ),
  issueAll: (year: number, categoryId: string) =>
    send<{ issued: string[] }>(`/api/years/${seg(year)}/agreements/issue`, 'POST', { categoryId }),
  remind: (year: number, categoryId: string) =>
    send<{ units: number; notified: number; withoutHead: string[] }>(
      `/api/years/${seg(year)}/agreements/remind`,
      'POST',
      { categoryId },
    ),
  versions: (year: number, unitId: string) => send<VersionView[]>(`${agreementPath(year, unitId)}/versions`),
  version: (year: number, unitId: string, revision: number) =>
    send<VersionView>(`${agreementPath(year, unitId)}/versions/${seg(revision)}`),
  diff: (year: number, unitId: string, from: number, to: number) =>
    send<AgreementDiff>(`${agreementPath(year, unitId)}/diff?from=${seg(from)}&to=${seg(to)}`),
  amendments: (year: number, unitId: string) =>
    send<Amendment[]>(`${agreementPath(year, unitId)}/amendments`),
  propose: (
    year: number,
    unitId: string,
    version: number,
    reason: string,
    customisation: Customisation,
    effectiveFrom?: Period,
  ) =>
    send<Amendment>(`${agreementPath(year, unitId)}/amendments`, 'POST', {
      version,
      reason,
      customisation,
      ...(effectiveFrom ? { effectiveFrom } : {}),
    }),
  decide: (year: number, unitId: string, id: string, version: number, approve: boolean, note?: string) =>
    send<{ agreement: AgreementView; amendment: Amendment }>(
      `${agreementPath(year, unitId)}/amendments/${seg(id)}/decision`,
      'POST',
      { version, approve, ...(note ? { note } : {}) },
    ),
};

export const templatesApi = {
  list: (year: number) => send<TemplateSummary[]>(`/api/years/${seg(year)}/templates`),
  get: (year: number, categoryId: string) => send<TemplateView>(templatePath(year, categoryId)),
  save: (year: number, categoryId: string, input: TemplateInput & { version?: number }) =>
    send<TemplateView>(templatePath(year, categoryId), 'PUT', input),
  copy: (year: number, categoryId: string, fromYear: number) =>
    send<TemplateView>(`${templatePath(year, categoryId)}/copy`, 'POST', { fromYear }),
  /** Fetches a workbook with the token and hands it to the browser as a download. */
  download: async (year: number, options: { categoryId?: string; blank?: boolean } = {}) => {
    const query = new URLSearchParams();
    if (options.categoryId) query.set('categoryId', options.categoryId);
    if (options.blank) query.set('blank', 'true');
    const response = await apiFetch(`/api/years/${seg(year)}/template-workbook?${query}`);
    const disposition = response.headers.get('content-disposition') ?? '';
    const encoded = /filename\*=UTF-8''([^;]+)/.exec(disposition)?.[1];
    const name = encoded ? decodeURIComponent(encoded) : `指标模板-${year}.xlsx`;
    const url = URL.createObjectURL(await response.blob());
    const link = document.createElement('a');
    link.href = url;
    link.download = name;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  },
};
