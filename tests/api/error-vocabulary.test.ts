/**
 * One error vocabulary: every error response the OpenAPI document declares is the one Error
 * schema whose code enumerates ERROR_CODES, and what the API answers on failure parses with it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CODE_LIST } from '../../shared/errors';
import { ErrorResponseSchema } from '../../shared/http/openapi';
import { createTestApi, type TestApi } from './harness';

interface Doc {
  paths: Record<
    string,
    Record<string, { responses: Record<string, { content?: Record<string, { schema: unknown }> }> }>
  >;
  components: {
    schemas: Record<string, { properties?: Record<string, { properties?: Record<string, unknown> }> }>;
  };
}

describe('error vocabulary', () => {
  let api: TestApi;
  let doc: Doc;

  beforeAll(async () => {
    api = await createTestApi();
    doc = (await api.call('GET', '/api/openapi.json')).body as Doc;
  });
  afterAll(() => api.close());

  it('declares every 4xx/5xx response of every route with the Error schema, none untyped', () => {
    // Act
    // The health check answers its own body ({ status: 'degraded' }) with its 503, for load balancers.
    const untyped = Object.entries(doc.paths)
      .filter(([path]) => path !== '/api/health')
      .flatMap(([path, ops]) =>
        Object.entries(ops).flatMap(([method, op]) =>
          Object.entries(op.responses)
            .filter(([status]) => Number(status) >= 400)
            // A refused year move answers the same body with its readiness checklist beside the code.
            .filter(
              ([, r]) =>
                !['Error', 'YearMoveRefusal'].some(
                  (name) =>
                    JSON.stringify(r.content?.['application/json']?.schema) ===
                    `{"$ref":"#/components/schemas/${name}"}`,
                ),
            )
            .map(([status]) => `${method.toUpperCase()} ${path} ${status}`),
        ),
      );

    // Assess
    expect(untyped).toEqual([]);
    const code = doc.components.schemas.Error?.properties?.error?.properties?.code as { enum: string[] };
    expect(code.enum).toEqual(ERROR_CODE_LIST);
  });

  it('answers failures in that shape: a 409 with its state, a 400 naming the field, a 404', async () => {
    // Act
    const stale = await api.call('POST', '/api/years/2026/transitions', {
      as: 'admin',
      body: { to: 'closed', version: 999 },
    });
    const invalid = await api.call('POST', '/api/years/2026/proposals', {
      as: 'admin',
      body: { kind: 'bonus' },
    });
    const missing = await api.call('GET', '/api/no-such-route', { as: 'admin' });

    // Assess
    for (const res of [stale, invalid, missing]) {
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(ErrorResponseSchema.safeParse(res.body).success, JSON.stringify(res.body)).toBe(true);
    }
    expect(invalid.body.error).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(missing.body.error.code).toBe('NOT_FOUND');
  });
});
