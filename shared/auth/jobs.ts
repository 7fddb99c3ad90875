/**
 * Who sees a job: whoever started it, and whoever may start a job of its type (a second admin who
 * clicks the same export gets the running job, so they see it too). The action of each job type is
 * the action its start route performs. A job made of one rater's lines (a rater's export of their
 * own consistency line, `params.onlyRater`) is seen by that rater and by those who read every line.
 */
import type { JobType } from '../domain/jobs/job';
import { type Action, isAllowed } from './policy';
import type { Principal } from './roles';
import { raterLinesVisibleTo } from './visibility';

export const JOB_ACTIONS: Record<JobType, Action> = {
  // Opening publicity is the year's move (进入结果公示), as the transitions route makes the others.
  publicity: 'years.write',
  draft: 'results.publish',
  publication: 'results.publish',
  'results-export': 'results.export',
  'progress-export': 'progress.read',
  'template-import': 'templates.write',
  reminders: 'reminders.run',
  // Who may export the whole year's results may have them computed.
  results: 'results.export',
  consistency: 'consistency.compute',
  // A rater exports their own line; the admin and leaders every line.
  'consistency-export': 'consistency.read',
  'review-distance-export': 'reviews.distance',
  // Writing the published site again is part of publishing.
  site: 'results.publish',
};

export const canSeeJob = (
  principal: Principal,
  job: { type: JobType; startedBy: string; params?: Record<string, unknown> },
): boolean =>
  job.startedBy === principal.userId ||
  (isAllowed(principal, JOB_ACTIONS[job.type]) &&
    (job.params?.onlyRater === undefined || raterLinesVisibleTo(principal) === 'all'));
