/**
 * Every change of an agreement as a pure function: the current agreement (and what the actor asked)
 * in, the new agreement and the items to keep (revisions, amendments) out. The repository writes the
 * result with conditions; nothing here reads or writes storage.
 */

import { ConflictError, ValidationError } from '../../errors';
import {
  type Agreement,
  type AgreementContent,
  type AgreementEvent,
  type AgreementVersion,
  type Amendment,
  type Customisation,
  EMPTY_CUSTOMISATION,
} from '../../schemas/agreement';
import type { Period, PeriodWeights } from '../../schemas/scenario';
import type { Template } from '../../schemas/template';
import { agreementContent, contentHash } from './content-hash';
import { diffAgreements } from './diff';
import { inForceAfterSigning, inForceBeforeAmendment } from './in-force';
import { applyCustomisation, baseFromTemplate } from './resolve';
import { type AgreementMove, refusalOf } from './state-machine';
import { validateTree } from './validate';

export interface Actor {
  userId: string;
  name: string;
}

const event = (
  action: AgreementEvent['action'],
  actor: Actor,
  at: Date,
  revision: number,
  note?: string,
): AgreementEvent => ({
  action,
  at: at.toISOString(),
  by: actor.userId,
  byName: actor.name,
  revision,
  ...(note ? { note } : {}),
});

/** Refuses a move the agreement's state does not allow (409 WRONG_STATE). */
export const assertMove = (agreement: Pick<Agreement, 'state' | 'revision'>, move: AgreementMove): void => {
  const refusal = refusalOf(agreement, move);
  if (refusal) throw new ConflictError(refusal, { state: agreement.state }, 'WRONG_STATE');
};

/** Problems of a unit's resolved agreement, paths prefixed so the editor can place them. */
export const agreementProblems = (
  agreement: Pick<Agreement, 'base' | 'customisation'>,
  periodWeights?: PeriodWeights,
) => {
  const { dimensions, problems } = applyCustomisation(agreement.base, agreement.customisation);
  return [...problems, ...validateTree(dimensions, periodWeights ? { periodWeights } : {})];
};

/** Refuses content that cannot be scored (400, every problem listed). */
const assertValid = (
  agreement: Pick<Agreement, 'base' | 'customisation' | 'unitName'>,
  periodWeights?: PeriodWeights,
) => {
  const problems = agreementProblems(agreement, periodWeights);
  if (problems.length > 0) {
    throw new ValidationError(
      `${agreement.unitName}的责任书有 ${problems.length} 处问题，不能下达：${problems[0]!.message}`,
      problems,
    );
  }
};

export interface GenerateInput {
  year: number;
  unit: { id: string; name: string; head: string };
  category: { id: string; name: string };
  template: Template;
  /** The unit's draft, when re-generating: its own changes are kept. */
  existing?: Agreement;
  actor: Actor;
  at: Date;
}

/** A unit's draft agreement from the category template (keeping a previous draft's own changes). */
export const generateAgreement = (input: GenerateInput): Agreement => {
  const { year, unit, category, template, existing, actor, at } = input;
  if (existing) assertMove(existing, 'regenerate');
  const base = baseFromTemplate(template.dimensions, template.unitTargets, unit.id);
  const customisation = existing?.customisation ?? EMPTY_CUSTOMISATION;
  const content: AgreementContent = {
    year,
    unitId: unit.id,
    unitName: unit.name,
    categoryId: category.id,
    categoryName: category.name,
    title: template.title,
    partyA: template.partyA,
    revision: 1,
    dimensions: applyCustomisation(base, customisation).dimensions,
  };
  return {
    ...content,
    state: 'draft',
    version: existing?.version ?? 0,
    templateVersion: template.version,
    unitHead: unit.head,
    base,
    customisation,
    contentHash: contentHash(content),
    history: [...(existing?.history ?? []), event(existing ? 'regenerated' : 'generated', actor, at, 1)],
    updatedAt: at.toISOString(),
  };
};

/** A draft with the unit's new target and weight overrides, extra and removed indicators. */
export const editDraft = (
  agreement: Agreement,
  customisation: Customisation,
  actor: Actor,
  at: Date,
): Agreement => {
  assertMove(agreement, 'edit');
  const next = {
    ...agreement,
    customisation,
    dimensions: applyCustomisation(agreement.base, customisation).dimensions,
  };
  return {
    ...next,
    contentHash: contentHash(agreementContent(next)),
    history: [...agreement.history, event('edited', actor, at, agreement.revision)],
    updatedAt: at.toISOString(),
  };
};

const versionOf = (
  agreement: Agreement,
  actor: Actor,
  at: Date,
  amendment?: Pick<Amendment, 'id' | 'reason' | 'effectiveFrom'>,
): AgreementVersion => ({
  ...agreementContent(agreement),
  customisation: agreement.customisation,
  contentHash: agreement.contentHash,
  createdAt: at.toISOString(),
  createdBy: actor.userId,
  ...(amendment ? { amendmentId: amendment.id, reason: amendment.reason } : {}),
  ...(amendment?.effectiveFrom ? { effectiveFrom: amendment.effectiveFrom } : {}),
});

/** Issues a valid draft to the unit: its content becomes revision 1, frozen for signing. */
export const issueAgreement = (
  agreement: Agreement,
  actor: Actor,
  at: Date,
  periodWeights?: PeriodWeights,
): { agreement: Agreement; version: AgreementVersion } => {
  assertMove(agreement, 'issued');
  assertValid(agreement, periodWeights);
  const next: Agreement = {
    ...agreement,
    state: 'issued',
    history: [...agreement.history, event('issued', actor, at, agreement.revision)],
    updatedAt: at.toISOString(),
  };
  return { agreement: next, version: versionOf(next, actor, at) };
};

/** Takes an issued, never signed agreement back to draft for corrections. */
export const withdrawAgreement = (agreement: Agreement, actor: Actor, at: Date): Agreement => {
  assertMove(agreement, 'draft');
  return {
    ...agreement,
    state: 'draft',
    history: [...agreement.history, event('withdrawn', actor, at, agreement.revision)],
    updatedAt: at.toISOString(),
  };
};

/** Locks a signed agreement: from now on only amendments change it. */
export const lockAgreement = (agreement: Agreement, actor: Actor, at: Date): Agreement => {
  assertMove(agreement, 'locked');
  return {
    ...agreement,
    state: 'locked',
    history: [...agreement.history, event('locked', actor, at, agreement.revision)],
    updatedAt: at.toISOString(),
  };
};

/**
 * The unit head signs the issued revision. `seenHash` is the hash of the content the head read:
 * if the agreement changed since (an amendment approved meanwhile), the signature is refused.
 */
export const signAgreement = (agreement: Agreement, seenHash: string, actor: Actor, at: Date): Agreement => {
  assertMove(agreement, 'signed');
  if (seenHash !== agreement.contentHash) {
    throw new ConflictError(
      '责任书内容已变化，请刷新后阅读最新内容再签订',
      { contentHash: agreement.contentHash },
      'CONTENT_CHANGED',
    );
  }
  return {
    ...agreement,
    state: 'signed',
    signature: {
      userId: actor.userId,
      name: actor.name,
      at: at.toISOString(),
      revision: agreement.revision,
      contentHash: agreement.contentHash,
    },
    inForce: inForceAfterSigning(agreement),
    history: [...agreement.history, event('signed', actor, at, agreement.revision)],
    updatedAt: at.toISOString(),
  };
};

export interface ProposeInput {
  id: string;
  reason: string;
  customisation: Customisation;
  /** The first period scored on the amended content (periods before keep the signed revision). */
  effectiveFrom: Period;
  actor: Actor;
  at: Date;
  periodWeights?: PeriodWeights;
}

/** Proposes an amendment of a signed agreement: the new content, its reason and the diff. */
export const proposeAmendment = (
  agreement: Agreement,
  input: ProposeInput,
): { agreement: Agreement; amendment: Amendment } => {
  assertMove(agreement, 'amend');
  if (agreement.pendingAmendmentId) {
    throw new ConflictError(
      '已有一项待审批的变更，请先审批或驳回',
      { amendmentId: agreement.pendingAmendmentId },
      'AMENDMENT_PENDING',
    );
  }
  const { id, reason, customisation, effectiveFrom, actor, at, periodWeights } = input;
  assertValid({ ...agreement, customisation }, periodWeights);
  const dimensions = applyCustomisation(agreement.base, customisation).dimensions;
  const diff = diffAgreements(agreement, { ...agreement, revision: agreement.revision + 1, dimensions });
  if (diff.indicators.length === 0 && diff.header.length === 0) {
    throw new ValidationError('变更内容与现行责任书相同', [
      { path: 'body.customisation', message: '没有任何改动' },
    ]);
  }
  const amendment: Amendment = {
    id,
    year: agreement.year,
    unitId: agreement.unitId,
    state: 'pending',
    fromRevision: agreement.revision,
    reason,
    effectiveFrom,
    customisation,
    dimensions,
    diff,
    proposedBy: actor.userId,
    proposedByName: actor.name,
    proposedAt: at.toISOString(),
  };
  return {
    amendment,
    agreement: {
      ...agreement,
      pendingAmendmentId: id,
      history: [...agreement.history, event('amendment_proposed', actor, at, agreement.revision, reason)],
      updatedAt: at.toISOString(),
    },
  };
};

export interface DecisionResult {
  agreement: Agreement;
  amendment: Amendment;
  /** The new revision, when approved. */
  version?: AgreementVersion;
}

/**
 * Approves or rejects a pending amendment. Approval makes its content the next revision, issued for
 * the unit head to sign again; the previous revisions and their signatures stay as they were.
 */
export const decideAmendment = (
  agreement: Agreement,
  amendment: Amendment,
  decision: { approve: boolean; note?: string; actor: Actor; at: Date },
): DecisionResult => {
  const { approve, note, actor, at } = decision;
  if (amendment.state !== 'pending' || agreement.pendingAmendmentId !== amendment.id) {
    throw new ConflictError('该变更已处理', { state: amendment.state }, 'WRONG_STATE');
  }
  if (amendment.fromRevision !== agreement.revision) {
    throw new ConflictError('责任书已有新版本，该变更已过时，请驳回后重新提出', {}, 'WRONG_STATE');
  }
  const decided: Amendment = {
    ...amendment,
    state: approve ? 'approved' : 'rejected',
    decidedBy: actor.userId,
    decidedByName: actor.name,
    decidedAt: at.toISOString(),
    ...(note ? { decisionNote: note } : {}),
  };
  const { pendingAmendmentId: _pending, signature: _signature, ...rest } = agreement;
  if (!approve) {
    return {
      amendment: decided,
      agreement: {
        ...rest,
        ...(agreement.signature ? { signature: agreement.signature } : {}),
        history: [...agreement.history, event('amendment_rejected', actor, at, agreement.revision, note)],
        updatedAt: at.toISOString(),
      },
    };
  }
  const revision = agreement.revision + 1;
  const amended = {
    ...rest,
    revision,
    customisation: amendment.customisation,
    dimensions: amendment.dimensions,
  };
  // Until the head signs the amended revision, the unit is scored on the revisions signed so far.
  const next: Agreement = {
    ...amended,
    inForce: inForceBeforeAmendment(agreement),
    effectiveFrom: amendment.effectiveFrom ?? 'Q1',
    state: 'issued',
    contentHash: contentHash(agreementContent(amended)),
    history: [...agreement.history, event('amendment_approved', actor, at, revision, amendment.reason)],
    updatedAt: at.toISOString(),
  };
  return {
    agreement: next,
    amendment: { ...decided, toRevision: revision },
    version: versionOf(next, actor, at, amendment),
  };
};
