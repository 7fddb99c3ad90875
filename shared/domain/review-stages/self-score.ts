/**
 * The unit's self score (自评分) of one indicator: computed live by the engine from the reported
 * value for formula rules, entered by the reporter for rating and deduction rules, always within
 * [0, W] in hundredths. Pure: the route reads the leaf and the reported value, this decides.
 */
import { type ErrorDetail, ValidationError } from '../../errors';
import type { Leaf, Value } from '../../schemas/scenario';
import { formatPoints, InvalidScenarioError, parseScaled, scoreLeafPeriod } from '../scoring';
import { wCentsOf } from '../scoring-workflow';

/** Rules whose self score the unit enters (the others are computed from the reported value). */
export const ENTERED_RULES: ReadonlySet<string> = new Set(['rating', 'deduction']);

export const isEnteredRule = (leaf: Pick<Leaf, 'rule'>) => ENTERED_RULES.has(leaf.rule.type);

/**
 * The fact the engine scores a self score from: the reported value as if verified; for a
 * `completion` leaf the reported completion date against the due date (the target).
 */
const selfFact = (leaf: Leaf, reported: Value) => {
  if (leaf.rule.type !== 'completion') return { verified: true, verifiedValue: reported };
  const due = typeof leaf.target === 'string' ? leaf.target : undefined;
  const done = typeof reported === 'string' ? reported : undefined;
  const completion = !done ? 'not_done' : !due || done <= due ? 'on_time' : 'late';
  return { verified: true, verifiedValue: null, completion } as const;
};

/** The engine's figure for a formula leaf's reported value, or null when nothing is reported. */
export const liveSelfScore = (
  leaf: Leaf,
  reported: Value | null | undefined,
): { cents: number; explanation: string } | null => {
  if (isEnteredRule(leaf) || reported === null || reported === undefined) return null;
  try {
    const scored = scoreLeafPeriod(leaf, selfFact(leaf, reported));
    return { cents: scored.scoreCents, explanation: scored.explanation };
  } catch (error) {
    if (error instanceof InvalidScenarioError) return null;
    throw error;
  }
};

/** Points as hundredths (a stage or the unit gives points on the 0.01 grid within [0, W]). */
export const pointsToCents = (points: number, wCents: number, path: string, label: string): number => {
  const parsed = parseScaled(points, 2);
  if (!parsed.ok || parsed.scaled < 0 || parsed.scaled > wCents)
    throw new ValidationError(`${label}有误`, [
      { path, message: `${label}须为 0–${formatPoints(wCents)} 分，最多两位小数` },
    ]);
  return parsed.scaled;
};

/**
 * Reads a self-score write: the figure (entered or computed) and its explanation. A figure below
 * full points needs a 自评说明 (`body.note`).
 */
export const readSelfScore = (
  leaf: Leaf,
  input: { points?: number | undefined; note: string },
  reported: Value | null | undefined,
): { pointsCents: number; computed: boolean; explanation: string } => {
  const w = wCentsOf(leaf);
  const refuse = (details: ErrorDetail[]) => new ValidationError('自评有误', details);
  let figure: { pointsCents: number; computed: boolean; explanation: string };
  if (isEnteredRule(leaf)) {
    if (input.points === undefined)
      throw refuse([{ path: 'body.points', message: `请填写自评分（0–${formatPoints(w)} 分）` }]);
    const cents = pointsToCents(input.points, w, 'body.points', '自评分');
    figure = { pointsCents: cents, computed: false, explanation: `单位自评 ${formatPoints(cents)}` };
  } else {
    if (input.points !== undefined)
      throw refuse([{ path: 'body.points', message: '该指标的自评分由填报值自动计算，不能手填' }]);
    const live = liveSelfScore(leaf, reported);
    if (!live) throw refuse([{ path: 'body.points', message: '请先填报本期数值，自评分据此计算' }]);
    figure = { pointsCents: live.cents, computed: true, explanation: live.explanation };
  }
  if (figure.pointsCents < w && input.note.trim() === '')
    throw refuse([
      {
        path: 'body.note',
        message: `自评分 ${formatPoints(figure.pointsCents)} 低于满分 ${formatPoints(w)}，请填写自评说明`,
      },
    ]);
  return figure;
};
