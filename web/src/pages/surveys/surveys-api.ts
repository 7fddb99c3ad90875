/**
 * The calls of the satisfaction survey page (满意度测评), on the checklist page's `send`. Types only
 * from the shared schemas: no zod in the bundle.
 */
import type { SurveyEntry, SurveyResult } from '../../../../shared/schemas/inspection';
import type { Period } from '../../../../shared/schemas/year';
import { templatesApi } from '../agreements/agreements-api';
import { seg, send, type Upload } from '../checklist/checklist-api';

export type { Period, SurveyEntry, SurveyResult };

/** An indicator a survey can fill: a rate leaf of the year's templates, and the categories that have it. */
export interface SurveyIndicator {
  code: string;
  name: string;
  categoryIds: string[];
  /** The periods it is assessed in (a survey result counts only there). */
  periods: Period[];
}

/** The year's rate indicators, satisfaction ones (名称含“满意”) first, then by code. */
const indicators = async (year: number): Promise<SurveyIndicator[]> => {
  const summaries = await templatesApi.list(year);
  const templates = await Promise.all(summaries.map((t) => templatesApi.get(year, t.categoryId)));
  const byCode = new Map<string, SurveyIndicator>();
  for (const t of templates)
    for (const leaf of t.dimensions.flatMap((d) => d.leaves)) {
      if (leaf.measure !== 'rate') continue;
      const found = byCode.get(leaf.code) ?? {
        code: leaf.code,
        name: leaf.name,
        categoryIds: [],
        periods: [],
      };
      found.categoryIds.push(t.categoryId);
      found.periods = [...new Set([...found.periods, ...leaf.periods])].sort();
      byCode.set(leaf.code, found);
    }
  const satisfaction = (i: SurveyIndicator) => (i.name.includes('满意') ? 0 : 1);
  return [...byCode.values()].sort(
    (a, b) => satisfaction(a) - satisfaction(b) || a.code.localeCompare(b.code, 'zh-CN', { numeric: true }),
  );
};

export const surveysApi = {
  indicators,
  /** Every unit's result of the period for one indicator. */
  list: (year: number, period: Period, code: string) =>
    send<SurveyResult[]>(`/api/years/${seg(year)}/surveys?period=${seg(period)}&code=${seg(code)}`),
  enter: (year: number, unitId: string, period: Period, entry: SurveyEntry) =>
    send<SurveyResult>(`/api/years/${seg(year)}/units/${seg(unitId)}/surveys/${seg(period)}`, 'PUT', entry),
  /** All rows or none: a 400 lists each bad cell as `row N column X`. */
  import: (year: number, period: Period, code: string, upload: Upload) =>
    send<SurveyResult[]>(`/api/years/${seg(year)}/surveys/import`, 'POST', { period, code, ...upload }),
};

/** 96.5 → `96.50%`. */
export const formatRate = (rate: number) => `${rate.toFixed(2)}%`;
