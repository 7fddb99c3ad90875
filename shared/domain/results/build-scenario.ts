/**
 * Turns the stored facts of a year into the engine's scenario. Only approved items count;
 * a reported value without a verification is passed on as reported (the engine scores it 0
 * and flags it "unverified", so the UI can say why).
 */
import type { UnitFacts } from '../../schemas/facts';
import type { Category, Unit } from '../../schemas/org';
import { REVIEW_STAGE_LABELS } from '../../schemas/review-stages';
import type { Agreement, Fact, Scenario, ScenarioInput } from '../../schemas/scenario';
import type { Year } from '../../schemas/year';
import { stageFigure } from '../review-stages/review';
import { formatPoints } from '../scoring';

export interface ScenarioSources {
  year: Year;
  categories: Category[];
  units: Unit[];
  agreements: Agreement[];
  facts: UnitFacts[];
}

const factKey = (unitId: string, period: string, code: string) => `${unitId}|${period}|${code}`;

/** Builds a scenario whose arrays are sorted, so the same stored facts always give the same bytes. */
export const buildScenario = (sources: ScenarioSources): ScenarioInput => {
  const unitIds = new Set(sources.agreements.map((a) => a.unitId));
  const units = sources.units.filter((u) => unitIds.has(u.id)).sort((a, b) => a.id.localeCompare(b.id));
  const categoryIds = new Set(units.map((u) => u.categoryId));
  const facts = new Map<string, Fact>();
  const factFor = (unitId: string, period: Fact['period'], code: string): Fact => {
    const key = factKey(unitId, period, code);
    let fact = facts.get(key);
    if (!fact) {
      fact = { unitId, period, code, verified: false };
      facts.set(key, fact);
    }
    return fact;
  };
  const deductions: Scenario['deductions'] = [];
  const bonuses: Scenario['bonuses'] = [];
  const penalties: Scenario['penalties'] = [];
  const vetoes: Scenario['vetoes'] = [];

  for (const unit of sources.facts.filter((f) => unitIds.has(f.unitId))) {
    for (const r of unit.reported) factFor(unit.unitId, r.period, r.code).reportedValue = r.value;
    for (const v of unit.verifications) {
      const fact = factFor(unit.unitId, v.period, v.code);
      fact.verified = true;
      fact.verifiedValue = v.verifiedValue;
      if (v.completion) fact.completion = v.completion;
      if (v.occurrences !== undefined) fact.occurrences = v.occurrences;
    }
    for (const r of [...unit.ratings].sort((a, b) => a.raterId.localeCompare(b.raterId))) {
      const fact = factFor(unit.unitId, r.period, r.code);
      fact.verified = true;
      fact.ratings = [
        ...(fact.ratings ?? []),
        {
          raterId: r.raterId,
          ...(r.pointsCents !== undefined ? { points: formatPoints(r.pointsCents) } : {}),
          ...(r.band ? { band: r.band } : {}),
        },
      ];
    }
    for (const review of unit.reviews ?? []) {
      // The last completed review stage decides the period's score (docs/review-stages.md).
      const figure = stageFigure(review);
      if (!figure) continue;
      factFor(unit.unitId, review.period, review.code).staged = {
        points: formatPoints(figure.cents),
        stage: REVIEW_STAGE_LABELS[figure.stage],
        ...(figure.reason ? { reason: figure.reason } : {}),
      };
    }
    for (const d of unit.deductions.filter((x) => x.state === 'approved')) {
      deductions.push({
        unitId: unit.unitId,
        code: d.code,
        points: formatPoints(d.pointsCents),
        source: d.source,
      });
    }
    for (const a of unit.adjustments.filter((x) => x.state === 'approved')) {
      (a.kind === 'bonus' ? bonuses : penalties).push({
        unitId: unit.unitId,
        points: formatPoints(a.pointsCents),
        title: a.title,
      });
    }
    for (const v of unit.vetoes.filter((x) => x.state === 'approved')) {
      vetoes.push({ unitId: unit.unitId, category: v.category, reason: v.reason });
    }
  }

  const byUnitThen = <T extends { unitId: string }>(items: T[], key: (t: T) => string) =>
    items.sort((a, b) => a.unitId.localeCompare(b.unitId) || key(a).localeCompare(key(b)));

  const { year } = sources;
  return {
    schemaVersion: 1,
    year: year.year,
    settings: {
      periodWeights: year.periodWeights,
      bonusCap: formatPoints(year.bonusCapCents),
      penaltyCap: year.penaltyCapCents === null ? null : formatPoints(year.penaltyCapCents),
      excellentQuotaPercent: year.excellentQuotaPercent,
    },
    categories: sources.categories
      .filter((c) => categoryIds.has(c.id))
      .sort((a, b) => a.sortOrder - b.sortOrder)
      .map((c) => ({ id: c.id, name: c.name })),
    units: units.map((u) => ({ id: u.id, name: u.name, categoryId: u.categoryId })),
    agreements: [...sources.agreements].sort((a, b) => a.unitId.localeCompare(b.unitId)),
    facts: [...facts.values()].sort(
      (a, b) =>
        a.unitId.localeCompare(b.unitId) || a.period.localeCompare(b.period) || a.code.localeCompare(b.code),
    ),
    deductions: byUnitThen(deductions, (d) => `${d.code}|${d.source}`),
    bonuses: byUnitThen(bonuses, (b) => b.title),
    penalties: byUnitThen(penalties, (p) => p.title),
    vetoes: byUnitThen(vetoes, (v) => v.category),
  };
};
