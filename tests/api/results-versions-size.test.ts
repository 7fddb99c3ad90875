/**
 * A results version as large as a municipal year's (500 units: 27.9 MB of scenario and 28.7 MB of
 * results JSON, 4.2 MB gzip, 15 parts) is stored and read back whole: DynamoDB refuses a
 * transaction above 4 MB, so the parts cannot travel in the transaction that names them.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryPrefix } from '../../shared/db/items';
import { resultsPk } from '../../shared/db/keys';
import { getDraft, saveDraft } from '../../shared/db/results-repo';
import { ConflictError } from '../../shared/errors';
import { createTestApi, type TestApi } from './harness';

const YEAR = 2031;

describe('a results version larger than one transaction', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi({ seed: false });
  });
  afterAll(() => api.close());

  it("stores a 4.5 MB gzip draft and reads it back whole; a refused attempt's parts expire", {
    timeout: 60_000,
  }, async () => {
    // Prepare: results that gzip barely compresses (random bytes in base64), 4.5 MB packed.
    const resultsJson = JSON.stringify({ noise: randomBytes(4_500_000).toString('base64') });
    const draft = {
      year: YEAR,
      version: 1,
      computedAt: '2031-12-20T02:00:00.000Z',
      computedBy: 'admin',
      reason: '开始公示',
      objectionIds: [],
      resultsSha256: 'x'.repeat(64),
      parts: 0,
      scenarioJson: '{}',
      resultsJson,
    };
    // Act
    await saveDraft(api.db, draft);
    // Assess
    const read = await getDraft(api.db, YEAR, 1);
    expect(read.parts).toBeGreaterThan(13);
    expect(read.resultsJson).toBe(resultsJson);

    // A second attempt at the same version is refused after its parts were written: they expire
    // within a day by the table's TTL, the kept version's parts carry no expiry, and it reads the same.
    const before = Math.floor(Date.now() / 1000);
    await expect(saveDraft(api.db, { ...draft, computedBy: 'admin-2' })).rejects.toBeInstanceOf(
      ConflictError,
    );
    const parts = await queryPrefix<{ sk: string; expiresAt?: number }>(api.db, {
      pk: resultsPk(YEAR),
      skPrefix: 'DPART#',
    });
    const kept = parts.filter((p) => p.expiresAt === undefined);
    const leftover = parts.filter((p) => p.expiresAt !== undefined);
    expect(kept).toHaveLength(read.parts);
    expect(leftover).toHaveLength(read.parts);
    for (const p of leftover) {
      expect(p.expiresAt).toBeGreaterThanOrEqual(before + 24 * 3600);
      expect(p.expiresAt).toBeLessThanOrEqual(Math.ceil(Date.now() / 1000) + 24 * 3600);
    }
    expect((await getDraft(api.db, YEAR, 1)).resultsJson).toBe(resultsJson);
  });
});
