/**
 * The embedded default: DynamoDB Local + table + demo seed + the API and web on one port.
 * `npm start` runs it with persisted data; browser tests run it in memory on a free port.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { serve } from '@hono/node-server';
import { runReminders } from '../../functions/reminders';
import type { SignInConfig } from '../../shared/auth/sign-in-config';
import { localVerifier, type TokenVerifier } from '../../shared/auth/verifier';
import { backfillIfNeeded } from '../../shared/db/backfill-repo';
import { createDb, type Db } from '../../shared/db/client';
import { ensureTable } from '../../shared/db/create-table';
import { listPublishedYears } from '../../shared/db/results-repo';
import { beijingDate } from '../../shared/domain/submissions/window';
import { createS3EvidenceStore } from '../../shared/evidence/s3-store';
import { createApp } from '../../shared/http/app';
import { createDevSigner, devSignInRoutes } from '../../shared/http/dev-sign-in';
import { createLogger } from '../../shared/http/logger';
import { inProcessJobs } from '../../shared/jobs/in-process';
import { computeResultsIfAbsent } from '../../shared/jobs/results-now';
import { deliverOutbox } from '../../shared/notify/deliver';
import { fileSecretStore } from '../../shared/notify/secret-store';
import { localReceiver } from '../../shared/notify/transport';
import { writePublishedSite } from '../../shared/publication/publish';
import { folderSiteStore, type SiteStore } from '../../shared/publication/site-store';
import { buildWeb } from '../build-web';
import { type MunicipalSeedReport, QUICK_MUNICIPAL, seedMunicipal } from '../seed/municipal';
import { seedDemo } from '../seed/seed';
import { type LocalDynamoDb, startDynamoDbLocal } from './dynamodb-local';
import { type DynamoDbWatch, watchDynamoDbLocal } from './dynamodb-watch';
import type { JobGate } from './job-gate';
import { type LocalS3, startLocalS3 } from './s3-local';
import { mountWebFront } from './web-front';

export interface LocalStackOptions {
  port: number;
  /** Folder for persisted data (DynamoDB file, rankings); absent → in memory. */
  dataDir?: string;
  /** Reuse a running DynamoDB Local instead of starting one. */
  ddbEndpoint?: string;
  tableName?: string;
  seed?: boolean;
  /**
   * Which demo to seed: the county bureau (default), the ~500-unit commission (`--demo municipal`),
   * or the same commission with fewer assignments (`municipal-quick`, the browser test's fixture).
   */
  demo?: 'county' | 'municipal' | 'municipal-quick';
  /** Told how long the municipal seed took (it is the slow part of a first start). */
  onSeeded?: (report: MunicipalSeedReport) => void;
  /** Told each line of the one-off backfill of older data (scripts/backfill.ts), when it runs. */
  onBackfill?: (line: string) => void;
  /** Seed Q1–Q3 evidence of the demo (with files); default: only with a data dir (`npm start`). */
  demoSubmissions?: boolean;
  /** Seed last year's published appraisal and this year's scored quarters (default: when persisting). */
  history?: boolean;
  buildWeb?: boolean;
  now?: () => Date;
  logLevel?: string;
  /** Browser tests: a gate the test holds to stop jobs mid-way and reload a page (./job-gate.ts). */
  jobGate?: JobGate;
  /** Browser tests: wraps the store the jobs write the ranking site to (e.g. one that fails after the commit). */
  siteStore?: (folder: SiteStore) => SiteStore;
  /** Browser tests: above this many units the results page reads the results job's run (docs/results.md). */
  liveResultsMaxUnits?: number;
  /**
   * With a data dir: called when DynamoDB Local died and could not be restarted (`npm start` exits
   * non-zero). Without it the store is not watched.
   */
  onStoreLost?: (error: Error) => void;
  /**
   * Sign-in at an OpenID Connect provider instead of the dev picker (tests run one in-process): the
   * web front's `signIn` config and the API's verifier; the dev sign-in routes are then absent, as
   * in AWS.
   */
  provider?: { signIn: SignInConfig; verifier: TokenVerifier };
}

export interface LocalStack {
  url: string;
  db: Db;
  ddb?: LocalDynamoDb;
  /** The local S3-compatible store holding evidence files. */
  s3: LocalS3;
  /** Where the published ranking site is written (served at /rankings/). */
  rankingsDir: string;
  stop: () => Promise<void>;
}

const root = resolve(import.meta.dirname, '../..');

/** Left in the data dir while `npm start` runs, so `npm run remind` finds its DynamoDB Local. */
export const LOCAL_ENDPOINTS_FILE = 'endpoints.json';

/** Runs the reminders now (catching up on today) and then daily at 09:00 Beijing time, as in AWS. */
const scheduleReminders = (db: Db, now: () => Date, log: (message: string) => void) => {
  let timer: NodeJS.Timeout | undefined;
  const run = () =>
    runReminders(db, now()).then(
      (r) =>
        r.notifications > 0 &&
        log(
          `reminders: ${r.notifications} notifications (${r.reminders} units to remind, ${r.overdue} rectifications overdue)`,
        ),
      (error: unknown) => log(`reminders failed: ${(error as Error).message}`),
    );
  const next = () => {
    const at = now();
    const nine = new Date(`${beijingDate(at)}T09:00:00+08:00`).getTime();
    const wait = nine > at.getTime() ? nine - at.getTime() : nine + 86_400_000 - at.getTime();
    timer = setTimeout(() => void run().then(next), wait);
    timer.unref();
  };
  void run().then(next);
  return () => clearTimeout(timer);
};

export const startLocalStack = async (options: LocalStackOptions): Promise<LocalStack> => {
  const ddb = options.ddbEndpoint
    ? undefined
    : await startDynamoDbLocal(options.dataDir ? { dataDir: resolve(options.dataDir, 'dynamodb') } : {});
  const endpoint = options.ddbEndpoint ?? ddb!.endpoint;
  let s3: LocalS3 | undefined;
  try {
    s3 = await startLocalS3(options.dataDir ? { dataDir: resolve(options.dataDir, 's3') } : {});
    const evidence = createS3EvidenceStore({ bucket: s3.bucket, endpoint: s3.endpoint });
    const db = createDb({ tableName: options.tableName ?? 'kaoping', endpoint });
    // Setting up (table, demo seed, published sites) is bulk work of its own, not a user's request: on a
    // busy laptop it may wait longer for DynamoDB Local than the 4 s a request gets.
    const setupDb = createDb({ tableName: db.tableName, endpoint, deadlineMs: 60_000 });
    await ensureTable(setupDb.raw, setupDb.tableName);
    const now = options.now ?? (() => new Date());
    // Data kept from an older version (`.data/`) lacks entries this one stores: backfilled once, before
    // the seed; an empty table is recorded as current.
    await backfillIfNeeded(setupDb, { now, log: options.onBackfill ?? (() => undefined) });
    if (options.seed !== false && (options.demo === 'municipal' || options.demo === 'municipal-quick')) {
      const quick = options.demo === 'municipal-quick' ? QUICK_MUNICIPAL : {};
      options.onSeeded?.(await seedMunicipal(setupDb, now().getFullYear(), quick));
    } else if (options.seed !== false) {
      await seedDemo(setupDb, now().getFullYear(), {
        history: options.history ?? true,
        ...((options.demoSubmissions ?? Boolean(options.dataDir)) ? { evidence } : {}),
      });
    }
    const webDir = resolve(root, 'web/dist');
    if (options.buildWeb !== false || !existsSync(webDir)) await buildWeb({ outdir: webDir });
    // In memory (tests, benchmarks) the published site goes to a temporary folder, never into the repo.
    const rankingsDir = options.dataDir
      ? resolve(options.dataDir, 'rankings')
      : mkdtempSync(join(tmpdir(), 'kaoping-rankings-'));
    mkdirSync(rankingsDir, { recursive: true });
    for (const published of await listPublishedYears(setupDb)) {
      await writePublishedSite(setupDb, folderSiteStore(rankingsDir), published.year);
    }
    // A municipal year's results page shows the results job's run (docs/results.md): the demo starts with one.
    if (options.seed !== false) await computeResultsIfAbsent(setupDb, now().getFullYear());
    setupDb.raw.destroy();

    const signer = await createDevSigner();
    // Outside messages go to a built-in receiver (no network); robots' webhooks are kept in .data/.
    const receiver = localReceiver();
    const secrets = fileSecretStore(resolve(options.dataDir ?? rankingsDir, 'secrets.json'));
    const delivery = setInterval(
      () => void deliverOutbox({ db, secrets, transport: receiver }, now()).catch(() => undefined),
      60_000,
    );
    delivery.unref();
    const logger = createLogger(options.logLevel ?? 'WARN');
    const siteStore = folderSiteStore(rankingsDir);
    const publishSite = async (year: number) => {
      await writePublishedSite(db, options.siteStore?.(siteStore) ?? siteStore, year);
    };
    // Jobs run in this process, after the response that started them (the job Lambda's code).
    const jobs = inProcessJobs({
      db,
      now,
      logger,
      files: evidence,
      publishSite,
      ...(options.jobGate ? { gate: options.jobGate.hook } : {}),
    });
    const app = createApp(
      {
        db,
        verifier: options.provider?.verifier ?? localVerifier(signer.jwks),
        logger,
        now,
        evidence,
        publishSite,
        startJob: jobs.start,
        ...(options.liveResultsMaxUnits !== undefined
          ? { liveResultsMaxUnits: options.liveResultsMaxUnits }
          : {}),
        notify: {
          secrets,
          transport: receiver,
          received: receiver.received,
          runReminders: (at) => runReminders(db, at),
        },
      },
      options.provider ? {} : { extraRoutes: [devSignInRoutes(signer)] },
    );
    mountWebFront(
      app,
      { webDir, rankingsDir },
      { apiBaseUrl: '/api', ...(options.provider ? { signIn: options.provider.signIn } : {}) },
    );

    const server = await new Promise<Server>((ok, fail) => {
      const s = serve({ fetch: app.fetch, port: options.port, hostname: '127.0.0.1' }, () => ok(s as Server));
      (s as Server).once('error', fail);
    });
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : options.port;
    let stopReminders: (() => void) | undefined;
    let watch: DynamoDbWatch | undefined;
    if (options.dataDir) {
      const dataDir = options.dataDir;
      const writeEndpoints = (ddbEndpoint: string) =>
        writeFileSync(
          resolve(dataDir, LOCAL_ENDPOINTS_FILE),
          JSON.stringify({ ddb: ddbEndpoint, s3: s3?.endpoint }),
        );
      writeEndpoints(endpoint);
      stopReminders = scheduleReminders(db, now, (m) => console.log(m));
      if (ddb && options.onStoreLost) {
        watch = watchDynamoDbLocal(ddb, {
          dataDir: resolve(dataDir, 'dynamodb'),
          log: (line) => console.error(line),
          onRestart: (next) => {
            if (next.endpoint === endpoint) return;
            // Another port: the app's clients move to it in place (routes read deps.db on each call).
            const moved = createDb({ tableName: db.tableName, endpoint: next.endpoint });
            db.raw.destroy();
            Object.assign(db, { raw: moved.raw, doc: moved.doc });
            writeEndpoints(next.endpoint);
          },
          onGiveUp: options.onStoreLost,
        });
      }
    }
    return {
      url: `http://localhost:${port}`,
      db,
      rankingsDir,
      ddb,
      s3,
      stop: async () => {
        stopReminders?.();
        clearInterval(delivery);
        await jobs.idle();
        if (options.dataDir) rmSync(resolve(options.dataDir, LOCAL_ENDPOINTS_FILE), { force: true });
        await new Promise<void>((done) => server.close(() => done()));
        db.raw.destroy();
        await s3?.stop();
        await (watch ?? ddb)?.stop();
      },
    };
  } catch (error) {
    await s3?.stop();
    await ddb?.stop();
    throw error;
  }
};
