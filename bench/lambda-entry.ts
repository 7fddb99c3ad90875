/**
 * The API as deployed, for the benchmarks: the app built as functions/api.ts builds it, wrapped by
 * the same `hono/aws-lambda` `handle`, invoked with the API Gateway HTTP API (payload 2.0) events
 * the gateway sends (infra/constructs/gateway.ts). In AWS there is no HTTP hop between the gateway
 * and the function, so this is the product's own overhead on top of the store call.
 *
 * Differences from functions/api.ts, each named: tokens are verified by `localVerifier` (the same
 * aws-jwt-verify RS256 check against a cached JWKS that Cognito tokens get once the JWKS is
 * cached), and the INFO request log line is formatted as in Lambda but written to a sink instead of
 * stdout (where Lambda's runtime picks it up), so the report stays readable.
 */
import { Console } from 'node:console';
import { Writable } from 'node:stream';
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2, Context } from 'aws-lambda';
import { handle } from 'hono/aws-lambda';
import { localVerifier } from '../shared/auth/verifier';
import type { Db } from '../shared/db/client';
import type { EvidenceStore } from '../shared/evidence/store';
import { createApp } from '../shared/http/app';
import { createDevSigner, type DevSigner } from '../shared/http/dev-sign-in';
import { createLogger } from '../shared/http/logger';

export type LambdaHandler = (event: APIGatewayProxyEventV2) => Promise<APIGatewayProxyResultV2>;

const unused = () => Promise.reject(new Error('not used by the benchmark'));

/** The deployed handler over `db`, with a fresh signer whose tokens it accepts. */
export const lambdaEntry = async (
  db: Db,
  now: () => Date = () => new Date(),
): Promise<{ handler: LambdaHandler; signer: DevSigner }> => {
  const signer = await createDevSigner();
  const logger = createLogger('INFO');
  const sink = new Writable({ write: (_chunk, _encoding, done) => done() });
  (logger as unknown as { console: Console }).console = new Console({ stdout: sink, stderr: sink });
  const app = createApp({
    db,
    verifier: localVerifier(signer.jwks),
    logger,
    now,
    evidence: new Proxy({}, { get: () => unused }) as EvidenceStore,
    publishSite: unused,
    startJob: unused,
  });
  const lambda = handle(app) as unknown as (
    event: APIGatewayProxyEventV2,
    context: Context,
  ) => Promise<APIGatewayProxyResultV2>;
  const context = { functionName: 'kaoping-api', awsRequestId: 'bench' } as Context;
  return { handler: (event) => lambda(event, context), signer };
};

let requests = 0;

/** An API Gateway HTTP API (payload format 2.0) event, as the `$default` route forwards it. */
export const httpApiEvent = (
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: unknown,
): APIGatewayProxyEventV2 => {
  const at = Date.now();
  const requestId = `bench-${++requests}`;
  const text = body === undefined ? undefined : JSON.stringify(body);
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: path,
    rawQueryString: '',
    headers: {
      accept: 'application/json',
      host: 'api.kaoping.example',
      'user-agent': 'bench',
      'x-forwarded-proto': 'https',
      // The gateway forwards the client's content-length with the body.
      ...(text === undefined
        ? {}
        : { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)) }),
      ...headers,
    },
    requestContext: {
      accountId: '123456789012',
      apiId: 'bench',
      domainName: 'api.kaoping.example',
      domainPrefix: 'api',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'bench' },
      requestId,
      routeKey: '$default',
      stage: '$default',
      time: new Date(at).toUTCString(),
      timeEpoch: at,
    },
    ...(text === undefined ? {} : { body: text }),
    isBase64Encoded: false,
  };
};

/** The status code of a handler result (a string result is a 200). */
export const statusOf = (result: APIGatewayProxyResultV2) =>
  typeof result === 'string' ? 200 : (result.statusCode ?? 200);

/** Counts the store calls made through `db` (by command name), for the "store calls per save" line. */
export const countStoreCalls = (db: Db) => {
  const counts = new Map<string, number>();
  db.raw.middlewareStack.add(
    (next, context) => async (args) => {
      const name = context.commandName ?? '?';
      counts.set(name, (counts.get(name) ?? 0) + 1);
      return next(args);
    },
    { step: 'initialize', name: 'benchCountStoreCalls' },
  );
  return {
    total: () => [...counts.values()].reduce((a, b) => a + b, 0),
    byName: () => Object.fromEntries(counts),
    reset: () => counts.clear(),
  };
};
