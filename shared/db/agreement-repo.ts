/**
 * Access patterns of agreements. Each operation reads what it needs (strongly consistent), lets the
 * pure lifecycle in shared/domain/agreements decide, and writes the result with conditions: a stale
 * version answers 409 STALE_VERSION, a category is generated or issued in one transaction (never
 * half), and re-generating never overwrites an agreement that left draft. Over 400 lines on purpose:
 * every stage (generate, issue, sign, amend) shares these reads and conditional writes.
 *
 * | access pattern                         | key / index                                              |
 * | -------------------------------------- | -------------------------------------------------------- |
 * | a unit's current agreement              | pk YEAR#y#UNIT#u, sk AGREEMENT                           |
 * | how many units have one (agreement-count.ts) | pk YEAR#y, sk AGREEMENT-COUNT                       |
 * | a year's / a category's agreements      | gsi1 YEAR#y#AGREEMENTS, sk prefix CATEGORY#c#            |
 * | a unit's revisions                      | pk YEAR#y#UNIT#u, sk prefix AGREEMENT#V#                 |
 * | a unit's amendments                     | pk YEAR#y#UNIT#u, sk prefix AMENDMENT#                   |
 */
import { randomUUID } from 'node:crypto';
import { nextOpenPeriod } from '../domain/agreements/in-force';
import {
  type Actor,
  decideAmendment,
  editDraft,
  generateAgreement,
  issueAgreement,
  lockAgreement,
  proposeAmendment,
  signAgreement,
  withdrawAgreement,
} from '../domain/agreements/lifecycle';
import type { AdminTransition } from '../domain/agreements/state-machine';
import { templateProblems } from '../domain/agreements/validate';
import { NotFoundError, StaleVersionError, ValidationError } from '../errors';
import type { Agreement, AgreementVersion, Amendment, Customisation } from '../schemas/agreement';
import type { Period } from '../schemas/year';
import { countCreatedAgreements } from './agreement-count';
import type { Db } from './client';
import { getItem, getItems, queryPrefix, replaceVersioned, type TxItem, transact } from './items';
import {
  agreementIndexes,
  agreementKey,
  agreementsQuery,
  agreementVersionKey,
  agreementVersionsQuery,
  amendmentKey,
  amendmentsQuery,
  pendingAmendmentIndexes,
  pendingAmendmentsQuery,
  templateKey,
} from './keys';
import { type NewNotification, notificationRecord } from './notification-repo';
import { listCategories, listUnits } from './org-repo';
import { forgetReportingAgreement } from './reporting-cache';
import { requireTemplate, requireWritableYear } from './template-repo';

/** DynamoDB's limit of items in one transaction. */
const MAX_TRANSACTION_ITEMS = 100;

/** The stored current agreement; building it forgets this container's reporting view of it. */
const currentItem = (db: Db, agreement: Agreement) => {
  forgetReportingAgreement(db, agreement.year, agreement.unitId);
  const { version: _version, ...rest } = agreement;
  return {
    ...agreementKey(agreement.year, agreement.unitId),
    ...agreementIndexes(agreement.year, agreement.categoryId, agreement.unitId),
    entity: 'agreement',
    ...rest,
  };
};

/** Puts the current agreement over `expectedVersion` (0: it must not exist yet). */
const putCurrent = (db: Db, agreement: Agreement, expectedVersion: number): TxItem => ({
  Put: {
    TableName: db.tableName,
    Item: { ...currentItem(db, agreement), version: expectedVersion + 1 },
    ...(expectedVersion === 0
      ? { ConditionExpression: 'attribute_not_exists(pk)' }
      : {
          ConditionExpression: '#version = :expected',
          ExpressionAttributeNames: { '#version': 'version' },
          ExpressionAttributeValues: { ':expected': expectedVersion },
        }),
  },
});

/** Keeps a revision; an unsigned one (issued, withdrawn, issued again) may be replaced, a signed one never. */
const putVersion = (db: Db, version: AgreementVersion): TxItem => ({
  Put: {
    TableName: db.tableName,
    Item: {
      ...agreementVersionKey(version.year, version.unitId, version.revision),
      entity: 'agreement-version',
      ...version,
    },
    ConditionExpression: 'attribute_not_exists(#signature)',
    ExpressionAttributeNames: { '#signature': 'signature' },
  },
});

const amendmentItem = (amendment: Amendment) => ({
  ...amendmentKey(amendment.year, amendment.unitId, amendment.id),
  ...(amendment.state === 'pending'
    ? pendingAmendmentIndexes(amendment.year, amendment.unitId, amendment.id)
    : {}),
  entity: 'amendment',
  ...amendment,
});

const assertVersion = (agreement: Agreement, expectedVersion: number) => {
  if (agreement.version !== expectedVersion) throw new StaleVersionError(agreement.version);
};

export const getAgreement = (db: Db, year: number, unitId: string) =>
  getItem<Agreement>(db, agreementKey(year, unitId));

export const requireAgreement = async (db: Db, year: number, unitId: string): Promise<Agreement> => {
  const agreement = await getAgreement(db, year, unitId);
  if (!agreement) throw new NotFoundError(`${year} 年度该单位的目标责任书`);
  return agreement;
};

/** These units' agreements of the year, by key (BatchGetItem), in no order; absent ones skipped. */
export const getAgreementsOf = (db: Db, year: number, unitIds: Iterable<string>): Promise<Agreement[]> =>
  getItems<Agreement>(
    db,
    [...new Set(unitIds)].map((unitId) => agreementKey(year, unitId)),
  );

/** The year's amendments awaiting the admin's decision (a sparse index: by key, not every agreement). */
export const listPendingAmendments = (db: Db, year: number): Promise<Amendment[]> =>
  queryPrefix<Amendment>(db, pendingAmendmentsQuery(year));

/** A year's agreements, or one category's (gsi1, sort-key prefix), in category then unit order. */
export const listAgreements = (db: Db, year: number, categoryId?: string): Promise<Agreement[]> =>
  queryPrefix<Agreement>(db, agreementsQuery(year, categoryId));

/** A kept revision never changes: a `version` attribute (seeded items carry one) means nothing on it. */
const asRevision = ({
  version: _version,
  ...rest
}: AgreementVersion & { version?: number }): AgreementVersion => rest;

/** Every revision of a unit's agreement, oldest first. */
export const listVersions = async (db: Db, year: number, unitId: string): Promise<AgreementVersion[]> =>
  (await queryPrefix<AgreementVersion>(db, agreementVersionsQuery(year, unitId))).map(asRevision);

export const getVersion = async (db: Db, year: number, unitId: string, revision: number) => {
  const version = await getItem<AgreementVersion>(db, agreementVersionKey(year, unitId, revision));
  if (!version) throw new NotFoundError(`责任书第 ${revision} 版`);
  return asRevision(version);
};

/** A unit's amendments, newest first (ids sort by time). */
export const listAmendments = (db: Db, year: number, unitId: string): Promise<Amendment[]> =>
  queryPrefix<Amendment>(db, { ...amendmentsQuery(year, unitId), descending: true });

export const getAmendment = async (db: Db, year: number, unitId: string, id: string) => {
  const amendment = await getItem<Amendment>(db, amendmentKey(year, unitId, id));
  if (!amendment) throw new NotFoundError('该变更');
  return amendment;
};

export interface GenerateResult {
  created: string[];
  regenerated: string[];
  skipped: { unitId: string; state: Agreement['state'] }[];
}

/**
 * Generates the agreements of a category from its template in one transaction: new units get a
 * draft, drafts are re-generated (keeping their own changes), any other state is left alone.
 * Refused while the template has problems.
 */
export const generateCategoryAgreements = async (
  db: Db,
  { year, categoryId, actor, at }: { year: number; categoryId: string; actor: Actor; at: Date },
): Promise<GenerateResult> => {
  const yearItem = await requireWritableYear(db, year);
  const [categories, units, template] = await Promise.all([
    listCategories(db),
    listUnits(db, categoryId),
    requireTemplate(db, year, categoryId),
  ]);
  const category = categories.find((c) => c.id === categoryId);
  if (!category) throw new NotFoundError('该单位类别');
  const problems = templateProblems(template, { categoryId, units, periodWeights: yearItem.periodWeights });
  if (problems.length > 0) {
    throw new ValidationError(
      `指标模板有 ${problems.length} 处问题，不能生成责任书：${problems[0]!.message}`,
      problems.map((p) => ({ ...p, path: `template.${p.path}` })),
    );
  }
  if (units.length === 0)
    throw new ValidationError('该类别下还没有单位', [
      { path: 'body.categoryId', message: '该类别下还没有单位' },
    ]);
  // One transaction: an agreement per unit, the template's check and the year's agreement counter.
  const maxUnits = MAX_TRANSACTION_ITEMS - 2;
  if (units.length > maxUnits) throw new ValidationError(`一个类别一次最多生成 ${maxUnits} 个单位的责任书`);
  const existing = await Promise.all(units.map((u) => getAgreement(db, year, u.id)));
  const result: GenerateResult = { created: [], regenerated: [], skipped: [] };
  const writes: TxItem[] = [];
  units.forEach((unit, i) => {
    const current = existing[i];
    if (current && current.state !== 'draft') {
      result.skipped.push({ unitId: unit.id, state: current.state });
      return;
    }
    const agreement = generateAgreement({ year, unit, category, template, existing: current, actor, at });
    writes.push(putCurrent(db, agreement, current?.version ?? 0));
    (current ? result.regenerated : result.created).push(unit.id);
  });
  if (writes.length > 0) {
    if (result.created.length > 0) writes.push(await countCreatedAgreements(db, year, result.created.length));
    // The template must still be the version the agreements were built from.
    writes.push({
      ConditionCheck: {
        TableName: db.tableName,
        Key: templateKey(year, categoryId),
        ConditionExpression: '#version = :v',
        ExpressionAttributeNames: { '#version': 'version' },
        ExpressionAttributeValues: { ':v': template.version },
      },
    });
    await transact(db, writes, '生成期间模板或责任书已被他人修改，请重试');
  }
  return result;
};

/** Saves a draft's per-unit changes (targets, weights, extra and removed indicators). */
export const updateAgreementDraft = async (
  db: Db,
  input: {
    year: number;
    unitId: string;
    customisation: Customisation;
    expectedVersion: number;
    actor: Actor;
    at: Date;
  },
): Promise<Agreement> => {
  await requireWritableYear(db, input.year);
  const agreement = await requireAgreement(db, input.year, input.unitId);
  assertVersion(agreement, input.expectedVersion);
  const next = editDraft(agreement, input.customisation, input.actor, input.at);
  const version = await replaceVersioned<Agreement>(db, currentItem(db, next), input.expectedVersion);
  return { ...next, version };
};

/** The admin's moves: issue (freezing revision 1), withdraw to draft, lock. */
export const transitionAgreement = async (
  db: Db,
  input: {
    year: number;
    unitId: string;
    to: AdminTransition;
    expectedVersion: number;
    actor: Actor;
    at: Date;
  },
): Promise<Agreement> => {
  const { year, unitId, to, expectedVersion, actor, at } = input;
  const yearItem = await requireWritableYear(db, year);
  const agreement = await requireAgreement(db, year, unitId);
  assertVersion(agreement, expectedVersion);
  if (to === 'issued') {
    const issued = issueAgreement(agreement, actor, at, yearItem.periodWeights);
    await transact(
      db,
      [putCurrent(db, issued.agreement, expectedVersion), putVersion(db, issued.version)],
      '责任书已被他人修改，请刷新后重试',
    );
    return { ...issued.agreement, version: expectedVersion + 1 };
  }
  const next = to === 'draft' ? withdrawAgreement(agreement, actor, at) : lockAgreement(agreement, actor, at);
  const version = await replaceVersioned<Agreement>(db, currentItem(db, next), expectedVersion);
  return { ...next, version };
};

/** Issues every draft of a category in one transaction; refused if any of them has problems. */
export const issueCategoryAgreements = async (
  db: Db,
  { year, categoryId, actor, at }: { year: number; categoryId: string; actor: Actor; at: Date },
): Promise<{ issued: string[] }> => {
  const yearItem = await requireWritableYear(db, year);
  const listed = await listAgreements(db, year, categoryId);
  // The index is eventually consistent: it names the units, the items are read consistently.
  const agreements = (await Promise.all(listed.map((a) => getAgreement(db, year, a.unitId)))).filter(
    (a): a is Agreement => a?.state === 'draft',
  );
  if (agreements.length === 0) {
    throw new ValidationError('该类别没有待下达的草稿责任书', [
      { path: 'body.categoryId', message: '没有草稿责任书' },
    ]);
  }
  if (agreements.length * 2 > MAX_TRANSACTION_ITEMS) {
    throw new ValidationError(`一次最多下达 ${MAX_TRANSACTION_ITEMS / 2} 份责任书，请逐个下达`);
  }
  const problems: { path: string; message: string }[] = [];
  const writes: TxItem[] = [];
  for (const agreement of agreements) {
    try {
      const issued = issueAgreement(agreement, actor, at, yearItem.periodWeights);
      writes.push(putCurrent(db, issued.agreement, agreement.version), putVersion(db, issued.version));
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      for (const p of error.details) {
        problems.push({
          path: `units.${agreement.unitId}.${p.path}`,
          message: `${agreement.unitName}：${p.message}`,
        });
      }
    }
  }
  if (problems.length > 0) {
    throw new ValidationError(
      `有 ${problems.length} 处问题，未下达任何责任书：${problems[0]!.message}`,
      problems,
    );
  }
  await transact(db, writes, '下达期间责任书已被他人修改，请刷新后重试');
  return { issued: agreements.map((a) => a.unitId) };
};

/** The unit head signs the issued revision: the agreement and the revision record the signature. */
export const signUnitAgreement = async (
  db: Db,
  input: {
    year: number;
    unitId: string;
    expectedVersion: number;
    contentHash: string;
    actor: Actor;
    at: Date;
  },
): Promise<Agreement> => {
  const { year, unitId, expectedVersion, contentHash, actor, at } = input;
  await requireWritableYear(db, year);
  const agreement = await requireAgreement(db, year, unitId);
  assertVersion(agreement, expectedVersion);
  const signed = signAgreement(agreement, contentHash, actor, at);
  await transact(
    db,
    [
      putCurrent(db, signed, expectedVersion),
      {
        Update: {
          TableName: db.tableName,
          Key: agreementVersionKey(year, unitId, signed.revision),
          UpdateExpression: 'SET #signature = :signature',
          ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(#signature) AND #hash = :hash',
          ExpressionAttributeNames: { '#signature': 'signature', '#hash': 'contentHash' },
          ExpressionAttributeValues: { ':signature': signed.signature, ':hash': signed.contentHash },
        },
      },
    ],
    '责任书已被他人修改，请刷新后重试',
  );
  // The signed revision is now in force: a save that read the agreement meanwhile must not keep it.
  forgetReportingAgreement(db, year, unitId);
  return { ...signed, version: expectedVersion + 1 };
};

/**
 * An amendment id that sorts in proposal order within the unit's partition: the agreement's history
 * only grows, so its length is a per-unit sequence (clocks may tie, this cannot).
 */
const amendmentId = (agreement: Agreement) =>
  `A${String(agreement.history.length).padStart(4, '0')}-${randomUUID().slice(0, 8)}`;

/** Proposes an amendment of a signed agreement (a new customisation with its reason). */
export const proposeUnitAmendment = async (
  db: Db,
  input: {
    year: number;
    unitId: string;
    expectedVersion: number;
    reason: string;
    customisation: Customisation;
    /** Default: the first period whose window has not closed at `at`. */
    effectiveFrom?: Period;
    actor: Actor;
    at: Date;
  },
): Promise<Amendment> => {
  const { year, unitId, expectedVersion, reason, customisation, actor, at } = input;
  const yearItem = await requireWritableYear(db, year);
  const agreement = await requireAgreement(db, year, unitId);
  assertVersion(agreement, expectedVersion);
  const proposed = proposeAmendment(agreement, {
    id: amendmentId(agreement),
    reason,
    customisation,
    effectiveFrom: input.effectiveFrom ?? nextOpenPeriod(yearItem.periods, at),
    actor,
    at,
    periodWeights: yearItem.periodWeights,
  });
  await transact(
    db,
    [
      putCurrent(db, proposed.agreement, expectedVersion),
      {
        Put: {
          TableName: db.tableName,
          Item: amendmentItem(proposed.amendment),
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
    ],
    '责任书已被他人修改，请刷新后重试',
  );
  return proposed.amendment;
};

/** Approves (new revision, to be signed again) or rejects a pending amendment. */
export const decideUnitAmendment = async (
  db: Db,
  input: {
    year: number;
    unitId: string;
    amendmentId: string;
    expectedVersion: number;
    approve: boolean;
    note?: string;
    actor: Actor;
    at: Date;
    /** Told of an approval (the unit head must sign again), written with the decision. */
    notify?: (amendment: Amendment) => Promise<NewNotification[]>;
  },
): Promise<{ agreement: Agreement; amendment: Amendment }> => {
  const { year, unitId, expectedVersion, approve, note, actor, at } = input;
  await requireWritableYear(db, year);
  const [agreement, amendment] = await Promise.all([
    requireAgreement(db, year, unitId),
    getAmendment(db, year, unitId, input.amendmentId),
  ]);
  assertVersion(agreement, expectedVersion);
  const decided = decideAmendment(agreement, amendment, { approve, ...(note ? { note } : {}), actor, at });
  const writes: TxItem[] = [
    putCurrent(db, decided.agreement, expectedVersion),
    {
      Put: {
        TableName: db.tableName,
        Item: amendmentItem(decided.amendment),
        ConditionExpression: '#state = :pending',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':pending': 'pending' },
      },
    },
  ];
  if (decided.version) writes.push(putVersion(db, decided.version));
  if (decided.version && input.notify) {
    for (const note of await input.notify(decided.amendment)) {
      writes.push({ Put: { TableName: db.tableName, Item: notificationRecord(note) } });
    }
  }
  await transact(db, writes, '责任书已被他人修改，请刷新后重试');
  return { agreement: { ...decided.agreement, version: expectedVersion + 1 }, amendment: decided.amendment };
};
