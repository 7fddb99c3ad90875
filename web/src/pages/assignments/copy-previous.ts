/** Copies the previous period's assignments to this one: one request per indicator × rater. */
import { toApiError } from '../../use-resource';
import { copyGroups } from './assignment-model';
import { assignmentsApi, type Period } from './assignments-api';

/** Answers what was copied and, by name, what was refused and why (回避, an indicator not assessed now). */
export const copyPrevious = async (
  year: number,
  from: Period,
  to: Period,
  raterNames: ReadonlyMap<string, string>,
): Promise<string> => {
  const groups = copyGroups(await assignmentsApi.list(year, from));
  if (groups.length === 0) return '上一考核期没有分派可复制。';
  let created = 0;
  let existing = 0;
  const refused: string[] = [];
  for (const g of groups) {
    try {
      const result = await assignmentsApi.assign(year, {
        period: to,
        code: g.code,
        raterIds: [g.raterId],
        unitIds: g.unitIds,
      });
      created += result.created;
      existing += result.existing;
    } catch (e) {
      refused.push(`${g.code} ${raterNames.get(g.raterId) ?? g.raterId}：${toApiError(e).message}`);
    }
  }
  const summary = `已复制：新增 ${created} 项，已有 ${existing} 项。`;
  return refused.length > 0 ? `${summary}未复制 ${refused.length} 组：${refused.join('；')}` : summary;
};
