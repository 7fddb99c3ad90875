/**
 * Draft results versions (公示结果版本). Opening publicity freezes version 1 of the draft results
 * (with the year's move, in one transaction);
 * after an objection is upheld and its leaf rescored, the committee computes the next version,
 * and each version is shown with what changed since the one before it.
 */
import type { Db } from '../db/client';
import { answerObjection, listYearObjections } from '../db/objection-repo';
import { type Draft, type DraftHeader, getDraft, listDrafts, saveDraft } from '../db/results-repo';
import { getYear } from '../db/year-repo';
import { canonicalJson } from '../domain/canonical-json';
import { diffResults, type ResultsDiff } from '../domain/results/diff';
import { objectionOutcome, outcomeMessage } from '../domain/results/objection-outcome';
import { ConflictError, ValidationError } from '../errors';
import type { Objection } from '../schemas/objection';
import type { Results } from '../schemas/results';
import { sha256Hex } from '../sha256';
import { computeFrozen } from './publish';

export const freezeDraft = async (
  db: Db,
  options: {
    year: number;
    by: string;
    at: Date;
    reason: string;
    objectionIds?: string[];
    /** Told as the units' facts are read (`done` of `total` units). */
    onProgress?: (done: number, total: number) => void;
    /** Written in the draft's transaction (opening publicity: the year's move), or neither is. */
    alsoWrite?: Parameters<typeof saveDraft>[2];
  },
): Promise<Draft> => {
  const [{ results, scenarioJson, resultsJson }, existing] = await Promise.all([
    computeFrozen(db, options.year, options.onProgress),
    listDrafts(db, options.year),
  ]);
  const draft: Draft = {
    year: options.year,
    version: (existing.at(-1)?.version ?? 0) + 1,
    computedAt: options.at.toISOString(),
    computedBy: options.by,
    reason: options.reason,
    objectionIds: [...new Set(options.objectionIds ?? [])],
    resultsSha256: sha256Hex(canonicalJson(results)),
    parts: 0,
    scenarioJson,
    resultsJson,
  };
  // Two admins computing at once both aim at the same version: one wins, the other gets a 409.
  await saveDraft(db, draft, options.alsoWrite);
  return draft;
};

export interface DraftView {
  header: DraftHeader;
  results: Results;
  /** Against the version before it; null for version 1. */
  diff: (ResultsDiff & { against: number }) | null;
}

/** A draft version with its results and its difference from the previous version. */
export const draftView = async (db: Db, year: number, version: number): Promise<DraftView> => {
  const [draft, previous] = await Promise.all([
    getDraft(db, year, version),
    version > 1 ? getDraft(db, year, version - 1) : Promise.resolve(undefined),
  ]);
  const { scenarioJson: _s, resultsJson, ...header } = draft;
  const results = JSON.parse(resultsJson) as Results;
  return {
    header,
    results,
    diff: previous
      ? { against: previous.version, ...diffResults(JSON.parse(previous.resultsJson) as Results, results) }
      : null,
  };
};

/**
 * The upheld objections a new draft names are answered by it: each records the version and the
 * indicator's score before (the previous version) and after, and its objector is told.
 */
export const answerObjections = async (
  db: Db,
  draft: Pick<Draft, 'year' | 'version' | 'resultsJson' | 'computedAt'>,
  objections: readonly Objection[],
): Promise<Objection[]> => {
  if (objections.length === 0 || draft.version < 2) return [];
  const previous = JSON.parse((await getDraft(db, draft.year, draft.version - 1)).resultsJson) as Results;
  const next = JSON.parse(draft.resultsJson) as Results;
  const answered: Objection[] = [];
  for (const objection of objections) {
    const outcome = objectionOutcome(previous, next, draft.version, objection);
    answered.push(
      await answerObjection(
        db,
        objection,
        { at: draft.computedAt, ...outcome },
        outcomeMessage(objection.leafName, outcome),
      ),
    );
  }
  return answered;
};

/**
 * The checks of a recomputation, before anything is computed: the year is in publicity and every
 * objection named is one of its upheld objections. Answers those objections.
 */
export const checkDraftRequest = async (db: Db, year: number, objectionIds: readonly string[]) => {
  const current = await getYear(db, year);
  if (current.state !== 'publicity') {
    throw new ConflictError('只有结果公示期间才能重新计算公示结果', { state: current.state }, 'WRONG_STATE');
  }
  const upheld = new Map(
    (await listYearObjections(db, year)).filter((o) => o.state === 'upheld').map((o) => [o.id, o]),
  );
  const unknown = objectionIds.flatMap((id, i) =>
    upheld.has(id) ? [] : [{ path: `body.objectionIds.${i}`, message: `申诉 ${id} 不存在或未成立` }],
  );
  if (unknown.length > 0) throw new ValidationError('所列申诉须为本年度已成立的申诉', unknown);
  return [...new Set(objectionIds)].flatMap((id) => upheld.get(id) ?? []);
};

/**
 * Recomputes the draft results (申诉成立后重新计算): the checks, the next version frozen, the upheld
 * objections it names answered. The draft route and the draft job both run this.
 */
export const recomputeDraft = async (
  db: Db,
  request: { year: number; by: string; at: Date; reason: string; objectionIds: string[] },
  onProgress?: (done: number, total: number) => void,
): Promise<Draft> => {
  const objections = await checkDraftRequest(db, request.year, request.objectionIds);
  const draft = await freezeDraft(db, { ...request, ...(onProgress ? { onProgress } : {}) });
  // The rescoring task of each objection it names is done: the objector is told before → after.
  await answerObjections(db, draft, objections);
  return draft;
};
