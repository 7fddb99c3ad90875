import { describe, expect, it } from 'vitest';
import { pointsLabel } from '../../../web/src/pages/scoring/queue-model';

describe('the points field’s label', () => {
  it('names full marks where W is off the 0.1 grid, and only there', () => {
    expect(pointsLabel(2.75)).toBe('评分（0–2.75 分，0.1 分一档或满分 2.75）');
    expect(pointsLabel(5)).toBe('评分（0–5 分，0.1 分一档）');
    expect(pointsLabel(2.5)).toBe('评分（0–2.5 分，0.1 分一档）');
  });
});
