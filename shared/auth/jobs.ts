/**
 * Who sees a job: whoever started it, and whoever may start a job of its type (a second admin who
 * clicks the same export gets the running job, so they see it too). The action of each job type is
 * the action its start route performs.
 */
import type { JobType } from '../domain/jobs/job';
import { type Action, isAllowed } from './policy';
import type { Principal } from './roles';

export const JOB_ACTIONS: Record<JobType, Action> = {
  draft: 'results.publish',
  publication: 'results.publish',
  'results-export': 'results.export',
  'progress-export': 'progress.read',
  'template-import': 'templates.write',
  reminders: 'reminders.run',
  // Who may export the whole year's results may have them computed.
  results: 'results.export',
  // Writing the published site again is part of publishing.
  site: 'results.publish',
};

export const canSeeJob = (principal: Principal, job: { type: JobType; startedBy: string }): boolean =>
  job.startedBy === principal.userId || isAllowed(principal, JOB_ACTIONS[job.type]);
