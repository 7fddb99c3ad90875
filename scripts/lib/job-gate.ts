/**
 * Browser tests only: a gate a test holds to stop the local stack's jobs mid-way (never in AWS). While
 * held, a job stops at its first progress above 0 (stored at once) until the test releases the gate;
 * released, jobs run at full speed. A test holds it before starting a job, reloads the page while the
 * job waits, then releases it — no pause to guess.
 */
import type { JobContext } from '../../shared/jobs/context';

export interface JobGate {
  /** Jobs stop at their next progress above 0 until `release`. */
  hold: () => void;
  /** Lets the held jobs go on; later jobs do not stop. */
  release: () => void;
  /** Resolves once a job waits at the gate. */
  waiting: () => Promise<void>;
  /** The in-process runner's hook (JobContext.gate). */
  hook: NonNullable<JobContext['gate']>;
}

export const jobGate = (): JobGate => {
  let open: (() => void) | undefined;
  let gate: Promise<void> | undefined;
  let arrived: (() => void) | undefined;
  let arrival: Promise<void> = new Promise((done) => {
    arrived = done;
  });
  return {
    hold: () => {
      if (gate) return;
      gate = new Promise((done) => {
        open = done;
      });
      arrival = new Promise((done) => {
        arrived = done;
      });
    },
    release: () => {
      open?.();
      gate = undefined;
      open = undefined;
    },
    waiting: () => arrival,
    hook: {
      holds: (progress) => gate !== undefined && progress > 0,
      // Called once the job has stored its progress.
      wait: () => {
        arrived?.();
        return gate ?? Promise.resolve();
      },
    },
  };
};
