/**
 * Reads and writes the facts scoring is computed from. Reading is one Query per unit partition
 * (`YEAR#<y>#UNIT#<u>`), split by sort-key prefix, so computing a year costs one Query per unit.
 */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type {
  AdjustmentRecord,
  DeductionRecord,
  RatingRecord,
  UnitFacts,
  Verification,
  VetoRecord,
} from '../schemas/facts';
import type { StageReview } from '../schemas/review-stages';
import type { SubmissionItem } from '../schemas/submission';
import type { Db } from './client';
import { guard, queryPages, stripKeys } from './items';
import {
  AFTER_AGREEMENTS,
  adjustmentKey,
  deductionKey,
  FACT_PREFIXES,
  proposalIndexes,
  raterIndexes,
  ratingKey,
  unitYearPk,
  verificationKey,
  vetoKey,
} from './keys';

const REPORTED_STATES = new Set(['submitted', 'resubmitted', 'accepted', 'returned']);

/** Everything one unit is scored on in a year, in one paginated Query. */
export const loadUnitFacts = async (db: Db, year: number, unitId: string): Promise<UnitFacts> => {
  const facts: UnitFacts = {
    unitId,
    verifications: [],
    ratings: [],
    reported: [],
    deductions: [],
    adjustments: [],
    vetoes: [],
    reviews: [],
  };
  const reviews = facts.reviews as StageReview[];
  const pages = queryPages(db, {
    // Skip the agreement and its versions (sort keys `AGREEMENT…`, the partition's largest items):
    // the caller has them already, and every fact sorts after them.
    KeyConditionExpression: 'pk = :pk AND sk > :afterAgreements',
    ExpressionAttributeValues: { ':pk': unitYearPk(year, unitId), ':afterAgreements': AFTER_AGREEMENTS },
  });
  for await (const page of pages) {
    for (const raw of page.Items ?? []) {
      const sk = String(raw.sk);
      if (sk.startsWith(FACT_PREFIXES.score)) {
        if (sk.endsWith(FACT_PREFIXES.verificationSuffix))
          facts.verifications.push(stripKeys<Verification>(raw));
        else facts.ratings.push(stripKeys<RatingRecord>(raw));
      } else if (sk.startsWith(FACT_PREFIXES.item)) {
        const item = stripKeys<SubmissionItem>(raw);
        if (REPORTED_STATES.has(item.status))
          facts.reported.push({ period: item.period, code: item.code, value: item.value });
      } else if (sk.startsWith(FACT_PREFIXES.deduction))
        facts.deductions.push(stripKeys<DeductionRecord>(raw));
      else if (sk.startsWith(FACT_PREFIXES.bonus) || sk.startsWith(FACT_PREFIXES.penalty))
        facts.adjustments.push(stripKeys<AdjustmentRecord>(raw));
      else if (sk.startsWith(FACT_PREFIXES.veto)) facts.vetoes.push(stripKeys<VetoRecord>(raw));
      else if (sk.startsWith(FACT_PREFIXES.review)) reviews.push(stripKeys<StageReview>(raw));
    }
  }
  return facts;
};

/** The stored item of each fact kind: keys, indexes and the record. */
export const factItems = {
  verification: (year: number, v: Verification) => ({
    ...verificationKey(year, v.unitId, v.period, v.code),
    entity: 'verification',
    ...v,
  }),
  rating: (year: number, r: RatingRecord) => ({
    ...ratingKey(year, r.unitId, r.period, r.code, r.raterId),
    ...raterIndexes(year, r.raterId, r.period, r.unitId, r.code),
    entity: 'rating',
    ...r,
  }),
  deduction: (year: number, d: DeductionRecord) => ({
    ...deductionKey(year, d.unitId, d.id),
    entity: 'deduction',
    ...d,
  }),
  adjustment: (year: number, a: AdjustmentRecord) => ({
    ...adjustmentKey(year, a.unitId, a.kind, a.id),
    ...proposalIndexes(year, a.state, a.id),
    entity: 'adjustment',
    ...a,
  }),
  veto: (year: number, v: VetoRecord) => ({
    ...vetoKey(year, v.unitId, v.id),
    ...proposalIndexes(year, v.state, v.id),
    entity: 'veto',
    ...v,
  }),
};

/** Writes a verification as it stands (the scoring workflow's accepted value). */
export const putVerification = (db: Db, year: number, v: Verification) =>
  guard(() =>
    db.doc.send(new PutCommand({ TableName: db.tableName, Item: factItems.verification(year, v) })),
  );
