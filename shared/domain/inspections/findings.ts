/** Turns an inspector's findings into stored findings against the checklist and the unit's agreement. */
import type { ErrorDetail } from '../../errors';
import type { ChecklistItem, Finding, InspectionInput } from '../../schemas/inspection';

/** Points (≤ 2 decimals) to integer hundredths without float drift. */
export const toCents = (points: number): number => Math.round(points * 100);

/**
 * Resolves each finding's checklist item, points and leaf. `deductionLeafCodes` are the codes of
 * the unit's `deduction` leaves: a finding may only deduct from one of them.
 */
export const resolveFindings = (
  findings: InspectionInput['findings'],
  checklist: readonly ChecklistItem[],
  deductionLeafCodes: ReadonlySet<string>,
): { findings: Finding[]; problems: ErrorDetail[] } => {
  const byCode = new Map(checklist.map((i) => [i.code, i]));
  const problems: ErrorDetail[] = [];
  const out: Finding[] = [];
  findings.forEach((f, index) => {
    const path = `body.findings.${index}.itemCode`;
    const item = byCode.get(f.itemCode);
    if (!item) {
      problems.push({ path, message: `检查项 ${f.itemCode} 不在本年度检查清单中` });
      return;
    }
    if (!item.veto && !deductionLeafCodes.has(item.leafCode)) {
      problems.push({ path, message: `该单位的责任书没有扣分制指标 ${item.leafCode}` });
      return;
    }
    out.push({
      n: index + 1,
      itemCode: item.code,
      itemText: item.text,
      leafCode: item.leafCode,
      pointsCents: item.veto ? 0 : toCents(f.points ?? item.points),
      veto: item.veto,
      ...(item.vetoCategory ? { vetoCategory: item.vetoCategory } : {}),
      note: f.note,
      ...(f.rectifyBy ? { rectifyBy: f.rectifyBy } : {}),
    });
  });
  return { findings: out, problems };
};

/** Why a user may not be on the team inspecting a unit (回避), or undefined when they may. */
export const recusalReason = (
  user: { id: string; name: string; affiliatedUnitIds: readonly string[] },
  unitId: string,
  unitName: string,
): string | undefined =>
  user.affiliatedUnitIds.includes(unitId)
    ? `${user.name}与${unitName}存在隶属关系，须回避，不能参加对该单位的检查`
    : undefined;

/** How a deduction or veto from an inspection finding is named to users: date, kind, finding number, text. */
export const findingSource = (inspection: { kind: string; date: string }, n: number, text: string): string =>
  `${inspection.date} ${inspection.kind} 第${n}项：${text}`;
