/**
 * Authorization, in one place. Every API route names one action; POLICY says which roles may
 * perform it. Which units' records a role then reads is `./visibility.ts`.
 * The route × role matrix test walks every route of the OpenAPI document against this table.
 */
import { ForbiddenError } from '../errors';
import type { Principal, Role } from './roles';

export const POLICY = {
  'me.read': ['admin', 'reporter', 'unit_head', 'rater', 'inspector', 'leader'],
  'org.read': ['admin', 'reporter', 'unit_head', 'rater', 'inspector', 'leader'],
  'org.write': ['admin'],
  'users.read': ['admin', 'leader'],
  // Binding a user's 统一身份认证账号 decides who signs in as whom: the admin only.
  'users.write': ['admin'],
  'years.read': ['admin', 'reporter', 'unit_head', 'rater', 'inspector', 'leader'],
  'years.write': ['admin'],
  'results.read': ['admin', 'leader', 'unit_head', 'reporter', 'rater', 'inspector'],
  'results.export': ['admin', 'leader'],
  'results.publish': ['admin'],
  // Objections during publicity: unit heads file for their unit, the committee (admin) decides.
  'objections.read': ['admin', 'leader', 'unit_head'],
  'objections.write': ['unit_head'],
  'objections.resolve': ['admin'],
  // Indicator templates and agreements: the admin edits; units read their own agreement and the head signs.
  'templates.read': ['admin', 'leader'],
  'templates.write': ['admin'],
  'agreements.read': ['admin', 'leader', 'unit_head', 'reporter', 'rater', 'inspector'],
  'agreements.write': ['admin'],
  'agreements.sign': ['unit_head'],
  // Quarter-end reporting: unit roles write their own unit's items (value, narrative, evidence files),
  // the unit head submits the period (the one "submission"); raters review items; the admin extends windows.
  'items.read': ['admin', 'leader', 'reporter', 'unit_head', 'rater'],
  'items.write': ['reporter', 'unit_head'],
  'items.review': ['rater', 'admin'],
  'submissions.submit': ['unit_head'],
  'evidence.read': ['admin', 'leader', 'reporter', 'unit_head', 'rater'],
  'extensions.write': ['admin'],
  'progress.read': ['admin', 'leader'],
  // Rater consistency: the admin and leaders see every rater's line; a rater sees their own.
  'consistency.read': ['admin', 'leader', 'rater'],
  // Computing the whole year's report (a job, stored for the page): those who read every line.
  'consistency.compute': ['admin', 'leader'],
  'notifications.read': ['admin', 'reporter', 'unit_head', 'rater', 'inspector', 'leader'],
  // Committee scoring: the admin assigns raters and reopens sheets; raters score what they are assigned.
  'assignments.read': ['admin', 'leader'],
  'assignments.write': ['admin'],
  'scores.read': ['admin', 'rater'],
  'scores.write': ['rater'],
  'scores.finalize': ['rater'],
  'scores.reopen': ['admin'],
  // Score history: the bureau reads all of it; a rater the items assigned to them (`auditVisibleTo`).
  'audit.read': ['admin', 'leader', 'rater'],
  // Inspections (明查暗访): inspectors record, the admin approves; units answer rectification orders.
  'checklist.read': ['admin', 'leader', 'inspector'],
  'checklist.write': ['admin'],
  'inspections.read': ['admin', 'leader', 'inspector', 'unit_head', 'reporter'],
  'inspections.write': ['inspector'],
  'inspections.approve': ['admin'],
  'rectifications.read': ['admin', 'leader', 'inspector', 'unit_head', 'reporter'],
  'rectifications.answer': ['unit_head', 'reporter'],
  'rectifications.review': ['inspector'],
  // Bonus / penalty / veto proposals: a unit head proposes a bonus, inspectors and admins the rest.
  'proposals.read': ['admin', 'leader', 'inspector', 'unit_head'],
  'proposals.write': ['admin', 'inspector', 'unit_head'],
  'proposals.approve': ['admin'],
  // Attachments of inspections, rectifications and proposals: the route narrows each to the owner's
  // readers and to its one writer (the inspection team, the unit, the proposer).
  'attachments.read': ['admin', 'leader', 'inspector', 'unit_head', 'reporter'],
  'attachments.write': ['admin', 'inspector', 'unit_head', 'reporter'],
  // Self-assessment and staged review (docs/review-stages.md): the unit's reporter and head assess
  // the unit, the head submits; 初审 is done by the office (科室) members assigned per indicator (an
  // attribute of rater users, not a role), 复审 by the assigned raters, 审定 by the admin;
  // `shared/auth/review-stages.ts` narrows each stage to its assignees.
  'selfassessment.read': ['admin', 'leader', 'reporter', 'unit_head', 'rater', 'inspector'],
  'selfassessment.write': ['reporter', 'unit_head'],
  'selfassessment.submit': ['unit_head'],
  'reviews.read': ['admin', 'rater'],
  'reviews.decide': ['admin', 'rater'],
  'reviews.distance': ['admin', 'leader'],
  'reviewOffices.read': ['admin', 'leader', 'rater'],
  'reviewOffices.write': ['admin'],
  'surveys.read': ['admin', 'leader'],
  'surveys.write': ['admin'],
  // Outside delivery (企业微信 / 钉钉 robots, e-mail): the admin configures it and reads the outbox.
  'notify.read': ['admin'],
  'notify.write': ['admin'],
  // Jobs: each is started under the action of what it does (results.export, templates.write…); anyone
  // signed in reads the jobs they may see (./jobs.ts). The admin runs the reminders by hand.
  'jobs.read': ['admin', 'reporter', 'unit_head', 'rater', 'inspector', 'leader'],
  'reminders.run': ['admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Action = keyof typeof POLICY;

/** True when one of the principal's roles may perform the action. */
export const isAllowed = (principal: Principal, action: Action): boolean =>
  principal.roles.some((role) => (POLICY[action] as readonly Role[]).includes(role));

export const assertAllowed = (principal: Principal, action: Action): void => {
  if (!isAllowed(principal, action)) throw new ForbiddenError();
};
