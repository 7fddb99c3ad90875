/**
 * Integration-test harness: the real HTTP app against the run's DynamoDB Local, in a table of
 * its own (so test files run in parallel), seeded with the demo bureau.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import { runReminders } from '../../functions/reminders';
import { startLocalS3 } from '../../scripts/lib/s3-local';
import { seedDemo } from '../../scripts/seed/seed';
import { localVerifier } from '../../shared/auth/verifier';
import { createDb, type Db } from '../../shared/db/client';
import { ensureTable } from '../../shared/db/create-table';
import { getUser } from '../../shared/db/org-repo';
import { createS3EvidenceStore } from '../../shared/evidence/s3-store';
import type { EvidenceStore } from '../../shared/evidence/store';
import { createApp } from '../../shared/http/app';
import { createDevSigner, devSignInRoutes } from '../../shared/http/dev-sign-in';
import { createLogger } from '../../shared/http/logger';
import { inProcessJobs } from '../../shared/jobs/in-process';
import type { NotifyDeps } from '../../shared/notify/deps';
import { fileSecretStore } from '../../shared/notify/secret-store';
import { localReceiver } from '../../shared/notify/transport';
import { writePublishedSite } from '../../shared/publication/publish';
import { folderSiteStore, type SiteStore } from '../../shared/publication/site-store';
import { type TokenShape, tokenSource } from './token-shapes';

export interface TestApi {
  db: Db;
  app: ReturnType<typeof createApp>;
  /** The evidence store on this file's own local S3 (s3rver in a temp dir). */
  evidence: EvidenceStore;
  /** Moves the server's clock (submission windows, publicity). */
  setNow: (date: Date) => void;
  token: (userId: string) => Promise<string>;
  call: (
    method: string,
    path: string,
    options?: { as?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> },
    // biome-ignore lint/suspicious/noExplicitAny: tests read each JSON answer as the route's schema says
  ) => Promise<{ status: number; body: any; headers: Headers }>;
  close: () => Promise<void>;
  /** Folder the ranking site is written to when a test publishes. */
  rankingsDir: string;
  /** Resolves when every job started so far has finished. */
  jobsIdle: () => Promise<void>;
}

export const CURRENT_YEAR = 2026;

export const createTestApi = async (
  options: {
    seed?: boolean;
    now?: Date;
    history?: boolean;
    devSignIn?: boolean;
    /** Outside delivery's transport (the local receiver unless a test brings its own) and logger. */
    notifyTransport?: NotifyDeps['transport'];
    logger?: ReturnType<typeof createLogger>;
    /** The shape of the ID tokens `call` and `token` send (default Cognito's). */
    tokens?: TokenShape;
    /** Above this many units the results page reads the results job's run (default the product's). */
    liveResultsMaxUnits?: number;
    /** Wraps the folder the ranking site is written to (a test injects a failing write). */
    siteStore?: (folder: SiteStore) => SiteStore;
  } = {},
): Promise<TestApi> => {
  const db = createDb({ tableName: `t-${randomUUID()}`, endpoint: inject('ddbEndpoint') });
  await ensureTable(db.raw, db.tableName);
  if (options.seed !== false) await seedDemo(db, CURRENT_YEAR, { history: options.history ?? false });
  let now = options.now ?? new Date('2026-11-26T10:00:00+08:00');
  const signer = await createDevSigner();
  const tokens =
    options.tokens && options.tokens !== 'cognito' ? await tokenSource(options.tokens) : undefined;
  const rankingsDir = mkdtempSync(join(tmpdir(), 'kaoping-rankings-'));
  const s3 = await startLocalS3();
  const evidence = createS3EvidenceStore({ bucket: s3.bucket, endpoint: s3.endpoint });
  const logger = options.logger ?? createLogger('CRITICAL');
  const publishSite = async (year: number) => {
    const folder = folderSiteStore(rankingsDir);
    await writePublishedSite(db, options.siteStore?.(folder) ?? folder, year);
  };
  // Jobs run in this process, as in `npm start`; `jobsIdle` waits for them (and close does).
  const jobs = inProcessJobs({ db, now: () => now, logger, files: evidence, publishSite });
  const app = createApp(
    {
      db,
      verifier: tokens?.verifier ?? localVerifier(signer.jwks),
      logger,
      now: () => now,
      evidence,
      publishSite,
      startJob: jobs.start,
      ...(options.liveResultsMaxUnits !== undefined
        ? { liveResultsMaxUnits: options.liveResultsMaxUnits }
        : {}),
      notify: {
        secrets: fileSecretStore(join(rankingsDir, 'secrets.json')),
        transport: options.notifyTransport ?? localReceiver(),
        runReminders: (at) => runReminders(db, at),
      },
    },
    // The local server's dev sign-in, for tests of what it refuses.
    options.devSignIn ? { extraRoutes: [devSignInRoutes(signer)] } : {},
  );
  const issued = new Map<string, Promise<string>>();
  const token = (userId: string) => {
    const cached = issued.get(userId);
    if (cached) return cached;
    const issuing = (async () => {
      const user = await getUser(db, userId);
      if (!user) throw new Error(`no seeded user ${userId}`);
      return tokens ? tokens.issue(db, user) : signer.issue(user);
    })();
    issued.set(userId, issuing);
    return issuing;
  };
  return {
    db,
    app,
    evidence,
    setNow: (date) => {
      now = date;
    },
    token,
    call: async (method, path, { as, body, rawBody, headers = {} } = {}) => {
      const res = await app.request(path, {
        method,
        headers: {
          ...(as ? { authorization: `Bearer ${await token(as)}` } : {}),
          ...(body !== undefined || rawBody !== undefined ? { 'content-type': 'application/json' } : {}),
          ...headers,
        },
        ...(rawBody !== undefined
          ? { body: rawBody }
          : body !== undefined
            ? { body: JSON.stringify(body) }
            : {}),
      });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : null;
      } catch {
        // not JSON (the API reference page): keep the text
      }
      return { status: res.status, body: parsed, headers: res.headers };
    },
    rankingsDir,
    jobsIdle: jobs.idle,
    close: async () => {
      await jobs.idle();
      db.raw.destroy();
      await s3.stop();
    },
  };
};
