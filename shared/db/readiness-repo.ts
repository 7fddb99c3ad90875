/**
 * Gathers the stored facts a year's readiness check reads (shared/domain/years/readiness.ts), by
 * key and index only and only what the step needs: a few index Queries for the year's lists, one
 * Query per rater for their sheets, and (before publicity) one Query per unit partition.
 */
import { isScored, toScenarioAgreement } from '../domain/results/agreement-to-scenario';
import { distanceReport, systematicOverclaims } from '../domain/review-stages/distance';
import { selfAssessedPeriodsOf } from '../domain/review-stages/settings';
import { ratingCents } from '../domain/scoring-workflow/score-input';
import { lastAssessedPeriod, type ReadinessFacts } from '../domain/years/readiness';
import type { Agreement } from '../schemas/agreement';
import type { Leaf } from '../schemas/scenario';
import type { RaterSheet } from '../schemas/scoring';
import { PERIODS, type Period, type Year, type YearState } from '../schemas/year';
import { listAgreements } from './agreement-repo';
import { listPeriodAssignments } from './assignment-repo';
import type { Db } from './client';
import { listInspections } from './inspection-repo';
import { queryPages, queryPrefix } from './items';
import { AFTER_AGREEMENTS, agreementKey, FACT_PREFIXES, isEvidenceFileSk, raterSheetsQuery } from './keys';
import { listYearObjections } from './objection-repo';
import { listUnits, listUsers } from './org-repo';
import { mapLimit } from './parallel';
import { listProposals } from './proposal-repo';
import { listDrafts } from './results-repo';
import { listPeriodReviews } from './review-repo';
import { listPeriodRecords } from './submission-repo';
import { listTemplates } from './template-repo';

type UnitFacts = NonNullable<ReadinessFacts['unitFacts']>[number];

const agreementFacts = (agreements: Agreement[]) =>
  agreements.map((a) => ({
    unitId: a.unitId,
    unitName: a.unitName,
    categoryId: a.categoryId,
    state: a.state,
    leaves: a.dimensions
      .flatMap((d) => d.leaves)
      .map((l) => ({
        code: l.code,
        name: l.name,
        ruleType: l.rule.type,
        periods: l.periods,
        wCents: Math.round(Number(l.W) * 100),
      })),
  }));

/** One unit's reported items, scores, surveys and evidence files: one Query on its partition. */
const loadUnitReadiness = async (db: Db, year: number, agreement: Agreement): Promise<UnitFacts> => {
  const leaves = new Map(
    toScenarioAgreement(agreement)
      .indicators.flatMap((d) => d.leaves)
      .map((l) => [l.code, l as Leaf]),
  );
  const facts: UnitFacts = {
    unitId: agreement.unitId,
    items: [],
    verifications: [],
    ratings: [],
    surveys: [],
    files: [],
  };
  const pages = queryPages(db, {
    // Every fact sorts after the agreement and its versions (the partition's largest items).
    KeyConditionExpression: 'pk = :pk AND sk > :afterAgreements',
    ExpressionAttributeValues: {
      ':pk': agreementKey(year, agreement.unitId).pk,
      ':afterAgreements': AFTER_AGREEMENTS,
    },
    ProjectionExpression: 'sk, period, code, #status, raterId, pointsCents, band, #state',
    ExpressionAttributeNames: { '#status': 'status', '#state': 'state' },
  });
  for await (const page of pages) {
    for (const raw of page.Items ?? []) {
      const sk = String(raw.sk);
      const period = raw.period as Period;
      const code = String(raw.code ?? '');
      if (sk.startsWith(FACT_PREFIXES.item)) facts.items.push({ period, code, status: String(raw.status) });
      // Evidence files only: an attachment (an inspection's photo, an objection's file) shares FILE#.
      else if (isEvidenceFileSk(sk) && raw.state === 'ready') facts.files.push({ period, code });
      else if (sk.startsWith(FACT_PREFIXES.survey)) facts.surveys.push({ period, code });
      else if (sk.startsWith(FACT_PREFIXES.score) && sk.endsWith(FACT_PREFIXES.verificationSuffix))
        facts.verifications.push({ period, code });
      else if (sk.startsWith(FACT_PREFIXES.score)) {
        const leaf = leaves.get(code);
        const rating = raw as { pointsCents?: number; band?: '优' | '良' | '中' | '差' };
        facts.ratings.push({
          period,
          code,
          raterId: String(raw.raterId),
          cents: (leaf && ratingCents(leaf, rating)) ?? null,
        });
      }
    }
  }
  return facts;
};

/** The finalized sheets of the raters given (one Query per rater on their year partition). */
const loadFinalizedSheets = async (db: Db, year: number, raterIds: string[]) =>
  (await mapLimit(raterIds, 8, (raterId) => queryPrefix<RaterSheet>(db, raterSheetsQuery(year, raterId))))
    .flat()
    .filter((s) => s.state === 'finalized')
    .map((s) => ({ raterId: s.raterId, period: s.period }));

/** Units whose self-assessment exceeds the 审定 figures systematically (the done reviews, one Query per period). */
const loadOverclaims = async (db: Db, year: Year, units: readonly { id: string; name: string }[]) => {
  const done = (
    await Promise.all(selfAssessedPeriodsOf(year).map((p) => listPeriodReviews(db, year.year, p, 'done')))
  ).flat();
  const unitName = new Map(units.map((u) => [u.id, u.name]));
  const report = distanceReport(
    year.year,
    done.map((review) => ({
      review,
      unitName: unitName.get(review.unitId) ?? review.unitId,
      name: review.code,
    })),
  );
  return systematicOverclaims(report).map(({ unitId, unitName, overclaimed, distanceCents }) => ({
    unitId,
    unitName,
    overclaimed,
    distanceCents,
  }));
};

/** What the readiness check of the move to `to` reads. */
export const loadReadinessFacts = async (
  db: Db,
  year: Year,
  to: YearState,
  now: Date,
): Promise<ReadinessFacts> => {
  const y = year.year;
  const base: ReadinessFacts = { now, year };
  switch (to) {
    case 'in_progress': {
      const [units, templates, agreements] = await Promise.all([
        listUnits(db),
        listTemplates(db, y),
        listAgreements(db, y),
      ]);
      return {
        ...base,
        units,
        templateCategoryIds: templates.map((t) => t.categoryId),
        agreements: agreementFacts(agreements),
      };
    }
    case 'scoring':
    case 'publicity': {
      const [units, stored] = await Promise.all([listUnits(db), listAgreements(db, y)]);
      const agreements = agreementFacts(stored);
      const scored = stored.filter(isScored);
      const last = lastAssessedPeriod(agreementFacts(scored));
      const records = await listPeriodRecords(db, y, last);
      const lastPeriod = {
        submittedUnitIds: records.submissions.map((s) => s.unitId),
        extensions: records.extensions.map((e) => ({ unitId: e.unitId, untilAt: e.untilAt })),
      };
      if (to === 'scoring') return { ...base, units, agreements, lastPeriod };
      const [assignments, unitFacts, inspections, proposals, users] = await Promise.all([
        Promise.all(PERIODS.map((p) => listPeriodAssignments(db, y, p))).then((a) => a.flat()),
        mapLimit(scored, 8, (a) => loadUnitReadiness(db, y, a)),
        listInspections(db, y),
        listProposals(db, y, 'proposed'),
        listUsers(db),
      ]);
      const raterIds = [...new Set(assignments.map((a) => a.raterId))];
      return {
        ...base,
        units,
        agreements,
        lastPeriod,
        assignments: assignments.map((a) => ({
          period: a.period,
          unitId: a.unitId,
          code: a.code,
          raterId: a.raterId,
        })),
        finalizedSheets: await loadFinalizedSheets(db, y, raterIds),
        raterNames: Object.fromEntries(users.map((u) => [u.id, u.name])),
        unitFacts,
        pendingInspections: inspections
          .filter((i) => i.state === 'submitted')
          .map((i) => ({ id: i.id, unitId: i.unitId })),
        pendingProposals: proposals.map((p) => ({ id: p.id, unitId: p.unitId, kind: p.kind })),
        overclaims: await loadOverclaims(db, year, units),
      };
    }
    case 'published': {
      const [objections, drafts] = await Promise.all([listYearObjections(db, y), listDrafts(db, y)]);
      return {
        ...base,
        objections: objections.map((o) => ({
          id: o.id,
          unitId: o.unitId,
          unitName: o.unitName,
          leafName: o.leafName,
          state: o.state,
          ...(o.decision ? { decidedAt: o.decision.at } : {}),
        })),
        drafts: drafts.map((d) => ({
          version: d.version,
          computedAt: d.computedAt,
          objectionIds: d.objectionIds,
        })),
      };
    }
    case 'setup':
      return base;
  }
};
