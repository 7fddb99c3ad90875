import { describe, expect, it } from 'vitest';
import { jobIdsIn, withJobId } from '../../../web/src/job-address';

describe('the jobs of a page in its address', () => {
  it('keeps one job= per running job, in the order they were started', () => {
    // Act: an export started, then 重新计算 beside it
    const afterExport = withJobId('?year=2026', { add: 'export-1' });
    const afterBoth = withJobId(afterExport, { add: 'draft-1' });
    // Assess
    expect(afterBoth).toBe('?year=2026&job=export-1&job=draft-1');
    expect(jobIdsIn(afterBoth)).toEqual(['export-1', 'draft-1']);
  });

  it("replaces only the starting kind's previous job, and drops an unreadable one", () => {
    const search = '?job=export-1&year=2026&job=draft-1';
    expect(withJobId(search, { remove: 'export-1', add: 'export-2' })).toBe(
      '?year=2026&job=draft-1&job=export-2',
    );
    expect(withJobId(search, { remove: 'draft-1' })).toBe('?year=2026&job=export-1');
    expect(withJobId('?job=gone', { remove: 'gone' })).toBe('');
  });

  it('reads an address with the same job twice or an empty job= as one job', () => {
    expect(jobIdsIn('?job=a&job=&job=a')).toEqual(['a']);
  });
});
