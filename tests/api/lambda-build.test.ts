/**
 * The deployed API is the same app bundled for Lambda, by the builder `cdk synth` uses (with its
 * trims of zod and the SDK). The dev sign-in must not exist there: no setting can switch it on,
 * because the Lambda entry never imports it.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLE_ENTRY_FILE, buildFunction } from '../../infra/constructs/bundle';

describe('the Lambda build of the API', () => {
  let dir: string;
  let handler: (event: unknown, context: unknown) => Promise<{ statusCode: number; body: string }>;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kaoping-lambda-'));
    await buildFunction('functions/api.ts', dir);
    process.env.USER_POOL_ID = 'cn-north-1_TestPool1';
    process.env.USER_POOL_CLIENT_ID = 'test-client';
    process.env.TABLE_NAME = 'kaoping-test';
    process.env.EVIDENCE_BUCKET = 'kaoping-test-evidence';
    process.env.PUBLISH_FUNCTION_NAME = 'kaoping-test-publish';
    process.env.JOBS_FUNCTION_NAME = 'kaoping-test-jobs';
    ({ handler } = await import(join(dir, BUNDLE_ENTRY_FILE)));
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const event = (method: string, path: string, body?: unknown) => ({
    version: '2.0',
    routeKey: '$default',
    rawPath: path,
    rawQueryString: '',
    headers: { 'content-type': 'application/json', host: 'api.example.com' },
    requestContext: {
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '203.0.113.1', userAgent: 'test' },
      requestId: 'req-1',
      routeKey: '$default',
      stage: '$default',
      domainName: 'api.example.com',
      timeEpoch: 0,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
    isBase64Encoded: false,
  });

  it('answers 404 on the dev sign-in paths', async () => {
    const users = await handler(event('GET', '/api/dev/users'), {});
    const signIn = await handler(event('POST', '/api/dev/sign-in', { userId: 'admin' }), {});
    expect(users.statusCode).toBe(404);
    expect(signIn.statusCode).toBe(404);
  });

  it('does not contain the dev sign-in code at all', () => {
    const source = readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.mjs'))
      .map((file) => readFileSync(join(dir, file), 'utf8'))
      .join('\n');
    expect(source.length).toBeGreaterThan(100_000);
    expect(source).not.toContain('dev/sign-in');
    expect(source).not.toContain('generateKeyPair');
  });

  it('refuses a protected route without a Cognito token', async () => {
    const res = await handler(event('GET', '/api/me'), {});
    expect(res.statusCode).toBe(401);
    expect(JSON.parse(res.body).error.code).toBe('UNAUTHORIZED');
  });

  it('serves the OpenAPI document', async () => {
    const res = await handler(event('GET', '/api/openapi.json'), {});
    expect(res.statusCode).toBe(200);
    expect(JSON.parse(res.body).info.title).toContain('考评');
  });
});
