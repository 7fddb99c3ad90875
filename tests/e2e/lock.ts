/** A lock between test processes (and worktrees): a folder in the temp dir, created atomically. */
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/**
 * Runs `work` while holding the lock `name`. A lock older than `staleMs` was left by a crashed run
 * and is taken over; waiting longer than `waitMs` fails.
 */
export const withLock = async <T>(
  name: string,
  work: () => Promise<T>,
  { staleMs = 30_000, waitMs = 30_000 } = {},
): Promise<T> => {
  const lock = join(tmpdir(), name);
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      const held = statSync(lock, { throwIfNoEntry: false });
      if (held && Date.now() - held.mtimeMs > staleMs) rmSync(lock, { force: true, recursive: true });
      if (Date.now() > deadline) throw new Error(`lock ${lock} is held for too long`);
      await sleep(50);
    }
  }
  try {
    return await work();
  } finally {
    rmSync(lock, { force: true, recursive: true });
  }
};
