/**
 * Every key of the single table is built here, one function per entity, and the key condition of
 * every list access pattern (`…Query`), so the key design is read in one file: its length (over 400
 * lines) is the number of entities and patterns, each a few lines. docs/data-model.md's key table is
 * generated from these functions (`npm run docs:keys`); a test fails on a key literal anywhere else.
 */
export const orgKey = () => ({ pk: 'ORG' });

/** A unit's year partition: its agreement, evidence, scoring facts, inspections and files. */
export const unitYearPk = (year: number, unitId: string) => `YEAR#${year}#UNIT#${unitId}`;

export const categoryKey = (categoryId: string) => ({ pk: 'ORG', sk: `CATEGORY#${categoryId}` });

/** Units live under ORG (listed with one Query); gsi1 lists the units of a category. */
export const unitKey = (unitId: string) => ({ pk: 'ORG', sk: `UNIT#${unitId}` });
export const unitByCategory = (categoryId: string, unitId: string) => ({
  gsi1pk: `CATEGORY#${categoryId}`,
  gsi1sk: `UNIT#${unitId}`,
});

/** Users: one item each; gsi1 lists all users, gsi2 the users attached to a unit. */
export const userKey = (userId: string) => ({ pk: `USER#${userId}`, sk: 'USER' });
export const userIndexes = (userId: string, unitId: string | null) => ({
  gsi1pk: 'USERS',
  gsi1sk: `USER#${userId}`,
  ...(unitId ? { gsi2pk: `UNIT#${unitId}#USERS`, gsi2sk: `USER#${userId}` } : {}),
});

/**
 * A user's sign-in id (统一身份认证账号: the OIDC subject or staff number the admin binds): one item
 * per id holding the user id, so a token is matched with one GetItem and no two users share an id.
 */
export const userSignInIdKey = (signInId: string) => ({ pk: `SIGNIN#${signInId}`, sk: 'SIGNIN' });

/**
 * Which stored shape the table holds (`{ version, at }`): a one-off backfill (scripts/backfill.ts) brings
 * older data up to the current version and records it here; `npm start` reads it to run the backfill once.
 */
export const schemaKey = () => ({ pk: 'ORG', sk: 'SCHEMA' });

/** An appraisal year; gsi1 lists the years newest first. */
export const yearKey = (year: number) => ({ pk: `YEAR#${year}`, sk: 'YEAR' });
export const yearIndexes = (year: number) => ({ gsi1pk: 'YEARS', gsi1sk: `YEAR#${year}` });

/** Idempotency records of retried submissions (expire after a day). */
export const idempotencyKey = (scope: string, key: string) => ({ pk: `IDEMPOTENCY#${scope}`, sk: key });

/** A category's indicator template of one year; gsi1 lists the year's templates. */
export const templateKey = (year: number, categoryId: string) => ({
  pk: `YEAR#${year}#TEMPLATE#${categoryId}`,
  sk: 'TEMPLATE',
});
export const templateIndexes = (year: number, categoryId: string) => ({
  gsi1pk: `YEAR#${year}#TEMPLATES`,
  gsi1sk: `CATEGORY#${categoryId}`,
});

/**
 * A unit's agreement (目标责任书) of one year: the current state under `AGREEMENT`, every issued
 * revision under `AGREEMENT#V#0001…`, amendments under `AMENDMENT#<id>`, all in the unit's year
 * partition. gsi1 lists a year's agreements, or one category's (sort-key prefix).
 */
export const agreementKey = (year: number, unitId: string) => ({
  pk: `YEAR#${year}#UNIT#${unitId}`,
  sk: 'AGREEMENT',
});
export const agreementIndexes = (year: number, categoryId: string, unitId: string) => ({
  gsi1pk: `YEAR#${year}#AGREEMENTS`,
  gsi1sk: `CATEGORY#${categoryId}#UNIT#${unitId}`,
});
/**
 * How many units have an agreement of the year: one counter item in the year's partition, kept by
 * the transaction that creates agreements, so the results page reads the count by key.
 */
export const agreementCountKey = (year: number) => ({ pk: `YEAR#${year}`, sk: 'AGREEMENT-COUNT' });
export const agreementVersionKey = (year: number, unitId: string, revision: number) => ({
  pk: `YEAR#${year}#UNIT#${unitId}`,
  sk: `AGREEMENT#V#${String(revision).padStart(4, '0')}`,
});
export const amendmentKey = (year: number, unitId: string, amendmentId: string) => ({
  pk: `YEAR#${year}#UNIT#${unitId}`,
  sk: `AMENDMENT#${amendmentId}`,
});
/** A pending amendment is also in the year's sparse index of pending ones (gsi2), gone once decided. */
export const pendingAmendmentIndexes = (year: number, unitId: string, amendmentId: string) => ({
  gsi2pk: `YEAR#${year}#AMENDMENTS#PENDING`,
  gsi2sk: `UNIT#${unitId}#${amendmentId}`,
});

/**
 * Quarter-end evidence, in the unit's year partition: one item per indicator and period, its files,
 * the unit head's period submission and the admin's extension. gsi1 `YEAR#<y>#PERIOD#<p>` holds all
 * four kinds for the progress matrix (items sort as `UNIT#<u>#<code>`, the others by kind first).
 */
export const submissionItemKey = (year: number, unitId: string, period: string, code: string) => ({
  pk: unitYearPk(year, unitId),
  sk: `ITEM#${period}#${code}`,
});
/** A unit's items of one period: a sort-key prefix of its year partition. */
export const submissionItemPrefix = (period: string) => `ITEM#${period}#`;
export const submissionItemIndexes = (year: number, period: string, unitId: string, code: string) => ({
  gsi1pk: periodIndexPk(year, period),
  gsi1sk: `UNIT#${unitId}#${code}`,
});
/** An evidence file: a stored file whose owner is the submission item `<period>#<code>`. */
export const evidenceOwnerRef = (period: string, code: string) => `${period}#${code}`;
export const evidenceFileKey = (year: number, unitId: string, period: string, code: string, fileId: string) =>
  storedFileKey(year, unitId, evidenceOwnerRef(period, code), fileId);
/** A unit's files of one period, or of one indicator in it. */
export const evidenceFilePrefix = (period: string, code?: string) =>
  storedFilePrefix(code ? evidenceOwnerRef(period, code) : period);
export const periodSubmissionKey = (year: number, unitId: string, period: string) => ({
  pk: unitYearPk(year, unitId),
  sk: `PERIOD#${period}`,
});
export const periodSubmissionIndexes = (year: number, period: string, unitId: string) => ({
  gsi1pk: periodIndexPk(year, period),
  gsi1sk: `SUBMISSION#${unitId}`,
});
export const extensionKey = (year: number, unitId: string, period: string) => ({
  pk: unitYearPk(year, unitId),
  sk: `EXTENSION#${period}`,
});
export const extensionIndexes = (year: number, period: string, unitId: string) => ({
  gsi1pk: periodIndexPk(year, period),
  gsi1sk: `EXTENSION#${unitId}`,
});
/** gsi1 of a period across units: items (`UNIT#`), period submissions and extensions, by kind. */
export const periodIndexPk = (year: number, period: string) => `YEAR#${year}#PERIOD#${period}`;
export const PERIOD_INDEX_PREFIXES = { items: 'UNIT#', submissions: 'SUBMISSION#', extensions: 'EXTENSION#' };

/** A user's notifications, newest first by id (`<yyyymmddThhmmss>-<suffix>`); gsi1 lists a unit's. */
export const notificationKey = (userId: string, noteId: string) => ({
  pk: `USER#${userId}`,
  sk: `NOTE#${noteId}`,
});
export const notificationIndexes = (unitId: string | null, noteId: string) =>
  unitId ? { gsi1pk: `UNIT#${unitId}#NOTES`, gsi1sk: noteId } : {};

/**
 * Scoring facts, in the unit's year partition so one Query gathers everything a unit is scored on.
 * A formula leaf has one verification per period (`…#VERIFY`); a rating leaf one record per rater,
 * which gsi1 lists per rater (their sheet).
 */
export const verificationKey = (year: number, unitId: string, period: string, code: string) => ({
  pk: `YEAR#${year}#UNIT#${unitId}`,
  sk: `SCORE#${period}#${code}#VERIFY`,
});
export const ratingKey = (year: number, unitId: string, period: string, code: string, raterId: string) => ({
  pk: `YEAR#${year}#UNIT#${unitId}`,
  sk: `SCORE#${period}#${code}#R#${raterId}`,
});
export const raterIndexes = (
  year: number,
  raterId: string,
  period: string,
  unitId: string,
  code: string,
) => ({
  gsi1pk: `YEAR#${year}#RATER#${raterId}`,
  gsi1sk: `${period}#${unitId}#${code}`,
});

/** Approved deductions, bonus/penalty items and vetoes; gsi1 lists a year's proposals by state. */
export const deductionKey = (year: number, unitId: string, id: string) => ({
  pk: `YEAR#${year}#UNIT#${unitId}`,
  sk: `DEDUCTION#${id}`,
});
export const adjustmentKey = (year: number, unitId: string, kind: 'bonus' | 'penalty', id: string) => ({
  pk: `YEAR#${year}#UNIT#${unitId}`,
  sk: `${kind === 'bonus' ? 'BONUS' : 'PENALTY'}#${id}`,
});
export const vetoKey = (year: number, unitId: string, id: string) => ({
  pk: `YEAR#${year}#UNIT#${unitId}`,
  sk: `VETO#${id}`,
});
export const proposalIndexes = (year: number, state: string, id: string) => ({
  gsi1pk: `YEAR#${year}#PROPOSALS`,
  gsi1sk: `${state}#${id}`,
});

/** Results versions of a year (draft, publicity, published), newest last. */
export const resultsVersionKey = (year: number, version: number) => ({
  pk: `YEAR#${year}#RESULTS`,
  sk: `V#${String(version).padStart(4, '0')}`,
});
/** A draft results version (公示版本): the one put on publicity and each recomputation after it. */
export const resultsDraftKey = (year: number, version: number) => ({
  pk: `YEAR#${year}#RESULTS`,
  sk: `D#${String(version).padStart(4, '0')}`,
});
export const publishedIndexes = (year: number, version: number) => ({
  gsi1pk: 'PUBLISHED',
  gsi1sk: `${year}#V#${String(version).padStart(4, '0')}`,
});

/**
 * Committee scoring: a rater's assignment to one unit's indicator in a period, in the rater's year
 * partition (their queue is one Query); gsi1 lists a period's assignments by unit and indicator.
 * The rater's sheet of a period (finalized or open) sits beside the assignments.
 */
export const assignmentKey = (
  year: number,
  raterId: string,
  period: string,
  unitId: string,
  code: string,
) => ({
  pk: `YEAR#${year}#RATER#${raterId}`,
  sk: `ASSIGN#${period}#${unitId}#${code}`,
});
export const assignmentIndexes = (
  year: number,
  period: string,
  unitId: string,
  code: string,
  raterId: string,
) => ({
  gsi1pk: `YEAR#${year}#ASSIGN#${period}`,
  gsi1sk: `UNIT#${unitId}#${code}#${raterId}`,
});
/**
 * A rater's units of the year: one item per unit in the rater's year partition counting their
 * assignments there (every period), kept by the writes that add or move an assignment, so the units
 * a rater reads are one Query of a few hundred small items, not their whole queue.
 */
export const raterUnitKey = (year: number, raterId: string, unitId: string) => ({
  pk: `YEAR#${year}#RATER#${raterId}`,
  sk: `UNIT#${unitId}`,
});
export const raterSheetKey = (year: number, raterId: string, period: string) => ({
  pk: `YEAR#${year}#RATER#${raterId}`,
  sk: `SHEET#${period}`,
});

/**
 * Self-assessment and staged review (初审/复审/审定): one review per unit, period and indicator in
 * the unit's year partition (read with its facts); gsi1 lists a period's reviews by status (a
 * stage's queue, the done ones for the distance report). The office (科室) doing 初审 of an
 * indicator sits in the year's office partition.
 */
export const reviewKey = (year: number, unitId: string, period: string, code: string) => ({
  pk: unitYearPk(year, unitId),
  sk: `REVIEW#${period}#${code}`,
});
export const reviewIndexes = (
  year: number,
  period: string,
  status: string,
  unitId: string,
  code: string,
) => ({
  gsi1pk: `YEAR#${year}#REVIEWS#${period}`,
  gsi1sk: `${status}#${unitId}#${code}`,
});
export const reviewOfficeKey = (year: number, code: string) => ({
  pk: `YEAR#${year}#REVIEWOFFICE`,
  sk: `CODE#${code}`,
});

/** The append-only scoring audit trail of a unit's year, oldest first (`<iso time>#<id>`). */
export const auditKey = (year: number, unitId: string, at: string, id: string) => ({
  pk: `YEAR#${year}#UNIT#${unitId}#AUDIT`,
  sk: `${at}#${id}`,
});

/**
 * Inspections (明查暗访) in the unit's year partition; gsi1 lists a year's, gsi2 one recorder's.
 * Rectification orders sit beside them; gsi1 lists them by state, due date first (overdue = `< today`).
 * The year's checklist has a partition of its own; survey results sit in the unit's partition.
 */
export const inspectionKey = (year: number, unitId: string, id: string) => ({
  pk: `YEAR#${year}#UNIT#${unitId}`,
  sk: `INSPECTION#${id}`,
});
export const inspectionIndexes = (year: number, inspectorId: string, date: string, id: string) => ({
  gsi1pk: `YEAR#${year}#INSPECTIONS`,
  gsi1sk: `${date}#${id}`,
  gsi2pk: `YEAR#${year}#INSPECTOR#${inspectorId}`,
  gsi2sk: `${date}#${id}`,
});
export const rectificationKey = (year: number, unitId: string, inspectionId: string, n: number) => ({
  pk: `YEAR#${year}#UNIT#${unitId}`,
  sk: `RECTIFY#${inspectionId}#${n}`,
});
export const rectificationIndexes = (year: number, state: string, due: string, unitId: string) => ({
  gsi1pk: `YEAR#${year}#RECTIFY#${state}`,
  gsi1sk: `${due}#${unitId}`,
});
export const checklistItemKey = (year: number, code: string) => ({
  pk: `YEAR#${year}#CHECKLIST`,
  sk: `ITEM#${code}`,
});
/** One survey result per indicator: a unit may be surveyed on patients' and staff satisfaction alike. */
export const surveyKey = (year: number, unitId: string, period: string, code: string) => ({
  pk: `YEAR#${year}#UNIT#${unitId}`,
  sk: `SURVEY#${period}#${code}`,
});
/** gsi1 lists a period's survey results of every unit, by indicator then unit. */
export const surveyIndexes = (year: number, unitId: string, period: string, code: string) => ({
  gsi1pk: `YEAR#${year}#SURVEYS#${period}`,
  gsi1sk: `${code}#${unitId}`,
});

/** Objections (申诉) during publicity, in the unit's partition; gsi1 lists a year's by state. */
export const objectionKey = (year: number, unitId: string, id: string) => ({
  pk: `YEAR#${year}#UNIT#${unitId}`,
  sk: `OBJECTION#${id}`,
});
export const objectionIndexes = (year: number, state: string, filedAt: string, id: string) => ({
  gsi1pk: `YEAR#${year}#OBJECTIONS`,
  gsi1sk: `${state}#${filedAt}#${id}`,
});

/**
 * Stored files (evidence of a submission item; attachments of an inspection, a rectification order or
 * a proposal), in the unit's year partition beside their owner: `FILE#<owner>#<fileId>`, where
 * `<owner>` is `<period>#<code>` for an item's evidence and `<ownerKind>#<ownerId>` for an
 * attachment. One owner's files are one sort-key prefix (ids never contain `#`, so `ins-x#` never
 * matches `ins-x-1#`; periods are upper case, owner kinds lower case). `FILECOUNT#<owner>` counts the
 * owner's confirmed files, so the per-owner limit holds in the confirming transaction.
 */
export const storedFilePrefix = (ownerRef: string) => `FILE#${ownerRef}#`;
export const storedFileKey = (year: number, unitId: string, ownerRef: string, fileId: string) => ({
  pk: unitYearPk(year, unitId),
  sk: `${storedFilePrefix(ownerRef)}${fileId}`,
});
export const fileCountKey = (year: number, unitId: string, ownerRef: string) => ({
  pk: unitYearPk(year, unitId),
  sk: `FILECOUNT#${ownerRef}`,
});
/** An attachment: a stored file whose owner is `<ownerKind>#<ownerId>`. */
export const attachmentOwnerRef = (ownerKind: string, ownerId: string) => `${ownerKind}#${ownerId}`;
export const attachmentKey = (
  year: number,
  unitId: string,
  ownerKind: string,
  ownerId: string,
  fileId: string,
) => storedFileKey(year, unitId, attachmentOwnerRef(ownerKind, ownerId), fileId);

/**
 * The key condition of each list access pattern (a partition, or a partition and a sort-key prefix,
 * of the table or of an index), beside the keys it lists; `queryPrefix` runs them.
 */
export interface KeyQuery {
  index?: 'gsi1' | 'gsi2';
  pk: string;
  skPrefix?: string;
}

export const categoriesQuery = (): KeyQuery => ({ pk: 'ORG', skPrefix: 'CATEGORY#' });
export const unitsQuery = (): KeyQuery => ({ pk: 'ORG', skPrefix: 'UNIT#' });
export const categoryUnitsQuery = (categoryId: string): KeyQuery => ({
  index: 'gsi1',
  pk: `CATEGORY#${categoryId}`,
  skPrefix: 'UNIT#',
});
export const usersQuery = (): KeyQuery => ({ index: 'gsi1', pk: 'USERS', skPrefix: 'USER#' });
export const unitUsersQuery = (unitId: string): KeyQuery => ({ index: 'gsi2', pk: `UNIT#${unitId}#USERS` });

/** A year's agreements (gsi1), or one category's. */
export const agreementsQuery = (year: number, categoryId?: string): KeyQuery => ({
  index: 'gsi1',
  pk: agreementIndexes(year, '', '').gsi1pk,
  ...(categoryId ? { skPrefix: `CATEGORY#${categoryId}#` } : {}),
});
export const agreementVersionsQuery = (year: number, unitId: string): KeyQuery => ({
  pk: unitYearPk(year, unitId),
  skPrefix: 'AGREEMENT#V#',
});
export const amendmentsQuery = (year: number, unitId: string): KeyQuery => ({
  pk: unitYearPk(year, unitId),
  skPrefix: 'AMENDMENT#',
});
/** The year's pending amendments (gsi2, sparse: an amendment leaves it when decided). */
export const pendingAmendmentsQuery = (year: number): KeyQuery => ({
  index: 'gsi2',
  pk: pendingAmendmentIndexes(year, '', '').gsi2pk,
});
/**
 * The sort-key bound after a unit's agreement and its revisions (`AGREEMENT…`): every scoring fact
 * sorts after it. `~` sorts after every character a key uses.
 */
export const AFTER_AGREEMENTS = 'AGREEMENT#~';
/** The sort-key prefixes of a unit's scoring facts, to tell them apart in one Query of the partition. */
export const FACT_PREFIXES = {
  score: 'SCORE#',
  verificationSuffix: '#VERIFY',
  item: 'ITEM#',
  deduction: 'DEDUCTION#',
  bonus: 'BONUS#',
  penalty: 'PENALTY#',
  veto: 'VETO#',
  survey: 'SURVEY#',
  review: 'REVIEW#',
} as const;
/**
 * Whether a sort key of a unit's partition is an evidence file (`FILE#<p>#<code>#…`) rather than an
 * attachment (`FILE#<ownerKind>#…`): periods are upper case, owner kinds lower case.
 */
export const isEvidenceFileSk = (sk: string) => /^FILE#[A-Z]/.test(sk);

/** A rater's assignments of a period (their queue), optionally of one unit. */
export const raterAssignmentsQuery = (
  year: number,
  raterId: string,
  period: string,
  unitId?: string,
): KeyQuery => ({
  pk: raterSheetKey(year, raterId, period).pk,
  skPrefix: unitId ? `ASSIGN#${period}#${unitId}#` : `ASSIGN#${period}#`,
});
/** A rater's units of a year (`raterUnitKey`). */
export const raterUnitsQuery = (year: number, raterId: string): KeyQuery => ({
  pk: raterUnitKey(year, raterId, '').pk,
  skPrefix: 'UNIT#',
});
/**
 * A rater's assignments of a period from the unit after `afterUnitId` on (a server page of their
 * queue): a sort-key range, `~` sorting after every character of a unit id and of a code.
 */
export const raterAssignmentsAfter = (
  year: number,
  raterId: string,
  period: string,
  afterUnitId: string,
) => ({
  pk: raterSheetKey(year, raterId, period).pk,
  from: `ASSIGN#${period}#${afterUnitId}#~`,
  to: `ASSIGN#${period}#~`,
});
/** A rater's ratings of a period (gsi1): counted for the header of their queue's pages. */
export const raterRatingsQuery = (year: number, raterId: string, period: string): KeyQuery => ({
  index: 'gsi1',
  pk: raterIndexes(year, raterId, period, '', '').gsi1pk,
  skPrefix: `${period}#`,
});
/** A rater's sheets of a year, one per period. */
export const raterSheetsQuery = (year: number, raterId: string): KeyQuery => ({
  pk: raterSheetKey(year, raterId, '').pk,
  skPrefix: 'SHEET#',
});
/** A period's assignments across raters (gsi1), optionally of one unit. */
export const periodAssignmentsQuery = (year: number, period: string, unitId?: string): KeyQuery => ({
  index: 'gsi1',
  pk: `YEAR#${year}#ASSIGN#${period}`,
  ...(unitId ? { skPrefix: `UNIT#${unitId}#` } : {}),
});

/** A unit's reviews of one period. */
export const unitReviewsQuery = (year: number, unitId: string, period: string): KeyQuery => ({
  pk: unitYearPk(year, unitId),
  skPrefix: `REVIEW#${period}#`,
});
/** A period's reviews across units (gsi1), optionally of one status. */
export const periodReviewsQuery = (year: number, period: string, status?: string): KeyQuery => ({
  index: 'gsi1',
  pk: reviewIndexes(year, period, '', '', '').gsi1pk,
  ...(status ? { skPrefix: `${status}#` } : {}),
});
/** The offices doing 初审, one per indicator. */
export const reviewOfficesQuery = (year: number): KeyQuery => ({
  pk: reviewOfficeKey(year, '').pk,
  skPrefix: 'CODE#',
});

/** A unit's audit trail of a year. */
export const auditQuery = (year: number, unitId: string): KeyQuery => ({
  pk: `${unitYearPk(year, unitId)}#AUDIT`,
});

export const checklistQuery = (year: number): KeyQuery => ({
  pk: `YEAR#${year}#CHECKLIST`,
  skPrefix: 'ITEM#',
});
export const inspectionsQuery = (year: number): KeyQuery => ({
  index: 'gsi1',
  pk: `YEAR#${year}#INSPECTIONS`,
});
export const inspectorInspectionsQuery = (year: number, inspectorId: string): KeyQuery => ({
  index: 'gsi2',
  pk: `YEAR#${year}#INSPECTOR#${inspectorId}`,
});
export const unitInspectionsQuery = (year: number, unitId: string): KeyQuery => ({
  pk: unitYearPk(year, unitId),
  skPrefix: 'INSPECTION#',
});
export const rectificationsByStateQuery = (year: number, state: string): KeyQuery => ({
  index: 'gsi1',
  pk: `YEAR#${year}#RECTIFY#${state}`,
});
export const unitRectificationsQuery = (year: number, unitId: string): KeyQuery => ({
  pk: unitYearPk(year, unitId),
  skPrefix: 'RECTIFY#',
});
export const unitSurveysQuery = (year: number, unitId: string, period: string): KeyQuery => ({
  pk: unitYearPk(year, unitId),
  skPrefix: `SURVEY#${period}#`,
});
/** A unit's survey results of a year, every period (the backfill reads them to index them). */
export const unitYearSurveysQuery = (year: number, unitId: string): KeyQuery => ({
  pk: unitYearPk(year, unitId),
  skPrefix: FACT_PREFIXES.survey,
});
/** A period's survey results (gsi1), every indicator's or one's. */
export const periodSurveysQuery = (year: number, period: string, code?: string): KeyQuery => ({
  index: 'gsi1',
  pk: surveyIndexes(year, '', period, '').gsi1pk,
  ...(code ? { skPrefix: `${code}#` } : {}),
});

/** A year's proposals (gsi1), optionally of one state. */
export const proposalsQuery = (year: number, state?: string): KeyQuery => ({
  index: 'gsi1',
  pk: `YEAR#${year}#PROPOSALS`,
  ...(state ? { skPrefix: `${state}#` } : {}),
});

export const unitObjectionsQuery = (year: number, unitId: string): KeyQuery => ({
  pk: unitYearPk(year, unitId),
  skPrefix: 'OBJECTION#',
});
export const objectionsQuery = (year: number): KeyQuery => ({ index: 'gsi1', pk: `YEAR#${year}#OBJECTIONS` });

/** A user's notifications (`NOTE#<id>`); `noteIdOf` reads the id back from a sort key. */
export const userNotesQuery = (userId: string): KeyQuery => ({ pk: `USER#${userId}`, skPrefix: 'NOTE#' });
export const noteIdOf = (sk: string) => sk.slice('NOTE#'.length);

/** A year's results partition: headers of drafts (`D#`) and published versions (`V#`), and their parts. */
export const resultsPk = (year: number) => `YEAR#${year}#RESULTS`;
export const draftsQuery = (year: number): KeyQuery => ({ pk: resultsPk(year), skPrefix: 'D#' });
export const snapshotsQuery = (year: number): KeyQuery => ({ pk: resultsPk(year), skPrefix: 'V#' });
/**
 * The gzip parts of a published (`PART#`) or draft (`DPART#`) version, numbered
 * `<version>#<partsId>#<part>`: `partsId` is the writer's own, so a racing writer of the same
 * version never overwrites the parts the winner's header names. Versions stored before it have
 * their parts at `<version>#<part>` (a header without `partsId`).
 */
export const resultsPartKey = (
  year: number,
  kind: 'published' | 'draft',
  version: number,
  partsId: string,
  part: number,
) => ({
  pk: resultsPk(year),
  sk: `${resultsPartPrefix(kind, version, partsId)}${String(part).padStart(3, '0')}`,
});
export const resultsPartPrefix = (kind: 'published' | 'draft', version: number, partsId?: string) =>
  `${kind === 'published' ? 'PART' : 'DPART'}#${String(version).padStart(4, '0')}#${partsId ? `${partsId}#` : ''}`;
export const publishedQuery = (): KeyQuery => ({ index: 'gsi1', pk: 'PUBLISHED' });

/** The idempotency scope of a unit head's period submissions. */
export const periodSubmissionScope = (userId: string) => `period-submission#${userId}`;

/**
 * Outside delivery (docs/notifications.md). An outbox message is keyed by its de-duplication key
 * (sha-256 of event, recipient, channel), so a conditional put is the de-duplication. gsi1 lists the
 * messages of a state by due time (the delivery job: queued ones due, stuck `sending` ones past their
 * claim); gsi2 lists all messages newest first (消息发送记录).
 */
export const outboxKey = (dedupKey: string) => ({ pk: `OUTBOX#${dedupKey}`, sk: 'OUTBOX' });
export const outboxIndexes = (state: string, dueAt: string, dedupKey: string, createdAt: string) => ({
  gsi1pk: `OUTBOX#STATE#${state}`,
  gsi1sk: `${dueAt}#${dedupKey}`,
  gsi2pk: 'OUTBOX',
  gsi2sk: `${createdAt}#${dedupKey}`,
});
export const outboxStatePk = (state: string) => `OUTBOX#STATE#${state}`;
export const outboxAllQuery = (): KeyQuery => ({ index: 'gsi2', pk: 'OUTBOX' });
/** The events × channels settings, the robots (secrets by reference only) and each user's contact. */
export const notifySettingsKey = () => ({ pk: 'ORG', sk: 'NOTIFY#SETTINGS' });
export const robotKey = (target: string) => ({ pk: 'ORG', sk: `NOTIFY#ROBOT#${target}` });
export const robotsQuery = (): KeyQuery => ({ pk: 'ORG', skPrefix: 'NOTIFY#ROBOT#' });
export const contactKey = (userId: string) => ({ pk: `USER#${userId}`, sk: 'CONTACT' });
export const contactIndexes = (userId: string) => ({ gsi1pk: 'CONTACTS', gsi1sk: `USER#${userId}` });
export const contactsQuery = (): KeyQuery => ({ index: 'gsi1', pk: 'CONTACTS' });

/**
 * A job (后台任务): one item; gsi1 lists a user's jobs, newest first. Its start lock (one per type
 * and parameters while the job is queued or running) is an item of its own, written in the job's
 * creating transaction and deleted in its finishing one.
 */
export const jobKey = (jobId: string) => ({ pk: `JOB#${jobId}`, sk: 'JOB' });
export const jobIndexes = (userId: string, createdAt: string, jobId: string) => ({
  gsi1pk: `USER#${userId}#JOBS`,
  gsi1sk: `${createdAt}#${jobId}`,
});
export const jobLockKey = (lockId: string) => ({ pk: `JOBLOCK#${lockId}`, sk: 'JOBLOCK' });
export const userJobsQuery = (userId: string): KeyQuery => ({ index: 'gsi1', pk: `USER#${userId}#JOBS` });

/**
 * A results job's fan-out (docs/results.md): in the job's partition, the tally of its categories
 * (`FANOUT`: how many, which are done and where each one's run is) and each category's run, gzip
 * parts under `RESULT#<categoryId>#<runId>#<part>`. The year's latest finished run is named by
 * `COMPUTED` in its results partition (the results page reads it for a municipal year).
 */
export const resultsFanoutKey = (jobId: string) => ({ pk: jobKey(jobId).pk, sk: 'FANOUT' });
export const resultsRunPartKey = (jobId: string, categoryId: string, runId: string, part: number) => ({
  pk: jobKey(jobId).pk,
  sk: `${resultsRunPartsQuery(jobId, categoryId, runId).skPrefix}${String(part).padStart(3, '0')}`,
});
export const resultsRunPartsQuery = (jobId: string, categoryId: string, runId: string): KeyQuery => ({
  pk: jobKey(jobId).pk,
  skPrefix: `RESULT#${categoryId}#${runId}#`,
});
export const computedResultsKey = (year: number) => ({ pk: resultsPk(year), sk: 'COMPUTED' });

/**
 * A consistency job's report (docs/rater-consistency.md): gzip parts in the job's partition under
 * `CONSISTENCY#<part>`; the year's latest finished report of each scope (the whole year `YEAR`, or a
 * period) is named by `CONSISTENCY#<scope>` in its results partition (read by the page above the live limit).
 */
export const consistencyPartKey = (jobId: string, part: number) => ({
  pk: jobKey(jobId).pk,
  sk: `${consistencyPartsQuery(jobId).skPrefix}${String(part).padStart(3, '0')}`,
});
export const consistencyPartsQuery = (jobId: string): KeyQuery => ({
  pk: jobKey(jobId).pk,
  skPrefix: 'CONSISTENCY#',
});
export const computedConsistencyKey = (year: number, scope: string) => ({
  pk: resultsPk(year),
  sk: `CONSISTENCY#${scope}`,
});
