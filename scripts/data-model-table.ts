/**
 * The key table of docs/data-model.md, built by calling the key functions of shared/db/keys.ts with
 * placeholders (`<y>`, `<u>`, …) so the documented keys are the ones written. `npm run docs:keys`
 * rewrites the table; tests/unit/db/data-model-doc.test.ts fails when the page and the code differ.
 */
import {
  adjustmentKey,
  agreementCountKey,
  agreementIndexes,
  agreementKey,
  agreementVersionKey,
  amendmentKey,
  assignmentIndexes,
  assignmentKey,
  attachmentKey,
  auditKey,
  categoryKey,
  checklistItemKey,
  computedConsistencyKey,
  computedResultsKey,
  consistencyPartKey,
  contactIndexes,
  contactKey,
  deductionKey,
  evidenceFileKey,
  extensionIndexes,
  extensionKey,
  fileCountKey,
  idempotencyKey,
  inspectionIndexes,
  inspectionKey,
  jobIndexes,
  jobKey,
  jobLockKey,
  notificationIndexes,
  notificationKey,
  notifySettingsKey,
  objectionIndexes,
  objectionKey,
  outboxIndexes,
  outboxKey,
  pendingAmendmentIndexes,
  periodSubmissionIndexes,
  periodSubmissionKey,
  proposalIndexes,
  publishedIndexes,
  raterIndexes,
  raterSheetKey,
  raterUnitKey,
  ratingKey,
  rectificationIndexes,
  rectificationKey,
  resultsDraftKey,
  resultsFanoutKey,
  resultsPartKey,
  resultsRunPartKey,
  resultsVersionKey,
  robotKey,
  submissionItemIndexes,
  submissionItemKey,
  surveyIndexes,
  surveyKey,
  templateIndexes,
  templateKey,
  unitByCategory,
  unitKey,
  userIndexes,
  userKey,
  userSignInIdKey,
  verificationKey,
  vetoKey,
  yearIndexes,
  yearKey,
} from '../shared/db/keys';

/** A placeholder where the key functions take a number (years, versions, counters). */
const n = (name: string) => `<${name}>` as unknown as number;
const Y = n('y');
const U = '<u>';
const P = '<p>';
const C = '<code>';

interface Row {
  entity: string;
  key: { pk: string; sk?: string };
  gsi1?: { gsi1pk?: string; gsi1sk?: string };
  gsi2?: { gsi2pk?: string; gsi2sk?: string };
}

const ROWS: Row[] = [
  { entity: 'category', key: categoryKey('<c>') },
  { entity: 'unit', key: unitKey(U), gsi1: unitByCategory('<c>', U) },
  { entity: 'user', key: userKey('<id>'), gsi1: userIndexes('<id>', U), gsi2: userIndexes('<id>', U) },
  { entity: 'sign-in id', key: userSignInIdKey('<signInId>') },
  {
    entity:
      'year (its `history` keeps each move with who, when and the warnings acknowledged with their reasons)',
    key: yearKey(Y),
    gsi1: yearIndexes(Y),
  },
  { entity: 'template (per category)', key: templateKey(Y, '<c>'), gsi1: templateIndexes(Y, '<c>') },
  { entity: 'agreement (current)', key: agreementKey(Y, U), gsi1: agreementIndexes(Y, '<c>', U) },
  {
    entity: 'agreement count (units with an agreement; ADDed by the transaction that generates them)',
    key: agreementCountKey(Y),
  },
  { entity: 'agreement version', key: agreementVersionKey(Y, U, n('nnnn')) },
  {
    entity: 'amendment (in gsi2 while pending)',
    key: amendmentKey(Y, U, '<id>'),
    gsi2: pendingAmendmentIndexes(Y, U, '<id>'),
  },
  {
    entity: 'submission item',
    key: submissionItemKey(Y, U, P, C),
    gsi1: submissionItemIndexes(Y, P, U, C),
  },
  {
    entity: 'evidence file (a stored file of a submission item; pending ones expire after a day)',
    key: evidenceFileKey(Y, U, P, C, '<fileId>'),
  },
  {
    entity:
      'attachment (a stored file of an inspection, rectification order, proposal or objection; pending ones expire after a day)',
    key: attachmentKey(Y, U, '<ownerKind>', '<ownerId>', '<fileId>'),
  },
  {
    entity: 'stored-file count (confirmed files of one owner: `<p>#<code>` or `<ownerKind>#<ownerId>`)',
    key: fileCountKey(Y, U, '<owner>'),
  },
  {
    entity: 'period submission (unit head)',
    key: periodSubmissionKey(Y, U, P),
    gsi1: periodSubmissionIndexes(Y, P, U),
  },
  { entity: 'extension', key: extensionKey(Y, U, P), gsi1: extensionIndexes(Y, P, U) },
  {
    entity: 'rater assignment',
    key: assignmentKey(Y, '<raterId>', P, U, C),
    gsi1: assignmentIndexes(Y, P, U, C, '<raterId>'),
  },
  { entity: 'verification (核定值, one per leaf and period)', key: verificationKey(Y, U, P, C) },
  {
    entity: 'rating (one per rater)',
    key: ratingKey(Y, U, P, C, '<raterId>'),
    gsi1: raterIndexes(Y, '<raterId>', P, U, C),
  },
  { entity: 'approved deduction (from an inspection)', key: deductionKey(Y, U, '<inspectionId>-<n>') },
  { entity: 'rater sheet (finalized)', key: raterSheetKey(Y, '<raterId>', P) },
  { entity: 'rater unit (their assignments at the unit, counted)', key: raterUnitKey(Y, '<raterId>', U) },
  { entity: 'audit entry (append-only)', key: auditKey(Y, U, '<iso time>', '<id>') },
  {
    entity: 'inspection',
    key: inspectionKey(Y, U, '<id>'),
    gsi1: inspectionIndexes(Y, '<inspectorId>', '<date>', '<id>'),
    gsi2: inspectionIndexes(Y, '<inspectorId>', '<date>', '<id>'),
  },
  {
    entity: 'rectification',
    key: rectificationKey(Y, U, '<inspectionId>', n('n')),
    gsi1: rectificationIndexes(Y, '<state>', '<due>', U),
  },
  { entity: 'checklist item', key: checklistItemKey(Y, C) },
  { entity: 'bonus', key: adjustmentKey(Y, U, 'bonus', '<id>'), gsi1: proposalIndexes(Y, '<state>', '<id>') },
  {
    entity: 'penalty',
    key: adjustmentKey(Y, U, 'penalty', '<id>'),
    gsi1: proposalIndexes(Y, '<state>', '<id>'),
  },
  { entity: 'veto', key: vetoKey(Y, U, '<id>'), gsi1: proposalIndexes(Y, '<state>', '<id>') },
  {
    entity: 'satisfaction survey result (one per indicator)',
    key: surveyKey(Y, U, P, C),
    gsi1: surveyIndexes(Y, U, P, C),
  },
  {
    entity: 'notification',
    key: notificationKey('<id>', '<noteId>'),
    gsi1: notificationIndexes(U, '<noteId>'),
  },
  {
    entity: 'outbox message (企业微信 / 钉钉 / e-mail)',
    key: outboxKey('<dedupKey>'),
    gsi1: outboxIndexes('<state>', '<dueAt>', '<dedupKey>', '<createdAt>'),
    gsi2: outboxIndexes('<state>', '<dueAt>', '<dedupKey>', '<createdAt>'),
  },
  { entity: 'notify settings (events × channels)', key: notifySettingsKey() },
  { entity: 'group robot (secrets by reference)', key: robotKey('<target>') },
  { entity: 'user contact (e-mail, mobile, opt-out)', key: contactKey('<id>'), gsi1: contactIndexes('<id>') },
  {
    entity: 'published results snapshot (header)',
    key: resultsVersionKey(Y, n('nnnn')),
    gsi1: publishedIndexes(Y, n('nnnn')),
  },
  {
    entity:
      "snapshot part (gzip of scenario + results, ≤ 300 KB each, under the writer's own `partsId`, written before the header names them: a municipal year is 15 parts, more than a 4 MB transaction holds; expire after a day unless that transaction keeps them)",
    key: resultsPartKey(Y, 'published', n('nnnn'), '<partsId>', n('nnn')),
  },
  {
    entity:
      'draft results version (公示版本: v1 frozen when publicity opens, one more per recomputation after upheld objections)',
    key: resultsDraftKey(Y, n('nnnn')),
  },
  {
    entity: 'draft part (same packing as a snapshot part)',
    key: resultsPartKey(Y, 'draft', n('nnnn'), '<partsId>', n('nnn')),
  },
  {
    entity:
      'objection (an upheld one carries `answer`: the draft version that answered it, scores before/after)',
    key: objectionKey(Y, U, '<id>'),
    gsi1: objectionIndexes(Y, '<state>', '<filedAt>', '<id>'),
  },
  { entity: 'idempotency record (expires after a day)', key: idempotencyKey('<scope>', '<key>') },
  {
    entity: 'job (后台任务: type, state, progress, who, result or error; docs/jobs.md)',
    key: jobKey('<jobId>'),
    gsi1: jobIndexes('<userId>', '<createdAt>', '<jobId>'),
  },
  {
    entity: 'job start lock (one per type and parameters while its job runs; expires after 15 minutes)',
    key: jobLockKey('<type>:<params>'),
  },
  {
    entity:
      "results job tally (categories in all, those done, where each category's run is; docs/results.md)",
    key: resultsFanoutKey('<jobId>'),
  },
  {
    entity:
      "results job category run part (gzip of the category's results as of Q1–Q4, without leaves, ≤ 300 KB each)",
    key: resultsRunPartKey('<jobId>', '<categoryId>', '<runId>', n('nnn')),
  },
  {
    entity:
      'latest computed results of a year (the results job that last finished, read by the results page above the live limit)',
    key: computedResultsKey(Y),
  },
  {
    entity:
      "consistency job report part (gzip of the whole rater consistency report, every rater's line, ≤ 300 KB each; docs/rater-consistency.md)",
    key: consistencyPartKey('<jobId>', n('nnn')),
  },
  {
    entity:
      'latest computed consistency report of a year, per scope (`YEAR` or a period; read by the consistency page above the live limit)',
    key: computedConsistencyKey(Y, '<YEAR|Q1…Q4>'),
  },
];

const code = (value: string | undefined) => (value ? `\`${value}\`` : '');
const pair = (pk: string | undefined, sk: string | undefined) => (pk ? `${code(pk)} / ${code(sk)}` : '');

/** The markdown table of every entity's keys and index entries. */
export const keyTable = (): string =>
  [
    '| entity | pk | sk | gsi1pk / gsi1sk | gsi2pk / gsi2sk |',
    '| --- | --- | --- | --- | --- |',
    ...ROWS.map(
      (r) =>
        `| ${r.entity} | ${code(r.key.pk)} | ${code(r.key.sk)} | ${pair(r.gsi1?.gsi1pk, r.gsi1?.gsi1sk)} | ${pair(r.gsi2?.gsi2pk, r.gsi2?.gsi2sk)} |`,
    ),
  ].join('\n');

export const TABLE_START =
  '<!-- key-table:start (generated by `npm run docs:keys` from shared/db/keys.ts) -->';
export const TABLE_END = '<!-- key-table:end -->';

/** The page with its key table replaced by the generated one. */
export const withKeyTable = (page: string): string => {
  const start = page.indexOf(TABLE_START);
  const end = page.indexOf(TABLE_END);
  if (start < 0 || end < start) throw new Error('docs/data-model.md has no key-table markers');
  return `${page.slice(0, start + TABLE_START.length)}\n${keyTable()}\n${page.slice(end)}`;
};
