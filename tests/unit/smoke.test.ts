import { describe, expect, inject, it } from 'vitest';

describe('test harness', () => {
  it('provides a DynamoDB Local endpoint', () => {
    expect(inject('ddbEndpoint')).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });
});
