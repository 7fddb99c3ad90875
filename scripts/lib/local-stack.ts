/**
 * The embedded default: DynamoDB Local + table + demo seed + the API and web on one port.
 * `npm start` runs it with persisted data; browser tests run it in memory on a free port.
 */
import { existsSync, mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import { resolve } from 'node:path';
import { serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { localVerifier } from '../../shared/auth/verifier';
import { createDb, type Db } from '../../shared/db/client';
import { ensureTable } from '../../shared/db/create-table';
import { createApp } from '../../shared/http/app';
import { createDevSigner, devSignInRoutes } from '../../shared/http/dev-sign-in';
import { createLogger } from '../../shared/http/logger';
import { buildWeb } from '../build-web';
import { seedDemo } from '../seed/seed';
import { type LocalDynamoDb, startDynamoDbLocal } from './dynamodb-local';

export interface LocalStackOptions {
  port: number;
  /** Folder for persisted data (DynamoDB file, rankings); absent → in memory. */
  dataDir?: string;
  /** Reuse a running DynamoDB Local instead of starting one. */
  ddbEndpoint?: string;
  tableName?: string;
  seed?: boolean;
  buildWeb?: boolean;
  now?: () => Date;
  logLevel?: string;
}

export interface LocalStack {
  url: string;
  db: Db;
  ddb?: LocalDynamoDb;
  stop: () => Promise<void>;
}

const root = resolve(import.meta.dirname, '../..');

export const startLocalStack = async (options: LocalStackOptions): Promise<LocalStack> => {
  const ddb = options.ddbEndpoint
    ? undefined
    : await startDynamoDbLocal(options.dataDir ? { dataDir: resolve(options.dataDir, 'dynamodb') } : {});
  const endpoint = options.ddbEndpoint ?? ddb!.endpoint;
  try {
    const db = createDb({ tableName: options.tableName ?? 'kaoping', endpoint });
    await ensureTable(db.raw, db.tableName);
    const now = options.now ?? (() => new Date());
    if (options.seed !== false) await seedDemo(db, now().getFullYear());
    const webDir = resolve(root, 'web/dist');
    if (options.buildWeb !== false || !existsSync(webDir)) await buildWeb({ outdir: webDir });
    const rankingsDir = resolve(options.dataDir ?? resolve(root, '.data'), 'rankings');
    mkdirSync(rankingsDir, { recursive: true });

    const signer = await createDevSigner();
    const app = createApp(
      { db, verifier: localVerifier(signer.jwks), logger: createLogger(options.logLevel ?? 'WARN'), now },
      { extend: (a) => a.route('/api', devSignInRoutes(signer)) },
    );
    app.use(
      '/rankings/*',
      serveStatic({ root: rankingsDir, rewriteRequestPath: (p) => p.replace(/^\/rankings/, '') }),
    );
    app.use('/*', serveStatic({ root: webDir }));
    // Client-side routes (/agreements, /units/…) all load the same page.
    app.get('*', serveStatic({ root: webDir, path: 'index.html' }));

    const server = await new Promise<Server>((ok, fail) => {
      const s = serve({ fetch: app.fetch, port: options.port, hostname: '127.0.0.1' }, () => ok(s as Server));
      (s as Server).once('error', fail);
    });
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : options.port;
    return {
      url: `http://localhost:${port}`,
      db,
      ddb,
      stop: async () => {
        await new Promise<void>((done) => server.close(() => done()));
        db.raw.destroy();
        await ddb?.stop();
      },
    };
  } catch (error) {
    await ddb?.stop();
    throw error;
  }
};
