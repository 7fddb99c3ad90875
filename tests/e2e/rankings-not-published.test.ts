/**
 * `/rankings/{year}/` for a year not published answers a small static "尚未发布" page with 404,
 * linking to the published years — never the sign-in page with 200 (issue 12).
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { freePort } from '../../scripts/lib/dynamodb-local';
import { type LocalStack, startLocalStack } from '../../scripts/lib/local-stack';

describe('a ranking page of a year not published', () => {
  let stack: LocalStack;
  beforeAll(async () => {
    stack = await startLocalStack({
      port: await freePort(),
      ddbEndpoint: inject('ddbEndpoint'),
      tableName: `unpub-${Date.now()}`,
      history: true,
      buildWeb: false,
      now: () => new Date('2026-11-26T10:00:00+08:00'),
    });
  }, 180_000);
  afterAll(async () => {
    await stack?.stop();
  });

  it('answers 404 with a 尚未发布 page that links to the published years', async () => {
    // Act
    const res = await fetch(`${stack.url}/rankings/2026/`);
    // Assess
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('text/html');
    const text = await res.text();
    expect(text).toContain('尚未发布');
    expect(text).toContain('href="/rankings/2025/"');
    expect(text).not.toContain('登录');
  });

  it('still serves a published year', async () => {
    const res = await fetch(`${stack.url}/rankings/2025/`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('2025年度');
  });
});
