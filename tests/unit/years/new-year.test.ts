import { describe, expect, it } from 'vitest';
import { demoYear } from '../../../scripts/seed/demo-year';
import { carryOverSettings, settingsProblems, shiftInstant } from '../../../shared/domain/years/new-year';

describe('carrying last year’s settings into a new year', () => {
  it('moves every window to the same day and time of the new year, Q4 closing in the year after', () => {
    const settings = carryOverSettings({ ...demoYear(2026, 'published'), version: 3 }, 2027);
    expect(settings.periods.map((w) => [w.opensAt, w.closesAt])).toEqual([
      ['2027-03-25T09:00:00+08:00', '2027-04-10T18:00:00+08:00'],
      ['2027-06-24T09:00:00+08:00', '2027-07-10T18:00:00+08:00'],
      ['2027-09-24T09:00:00+08:00', '2027-10-10T18:00:00+08:00'],
      ['2027-12-20T09:00:00+08:00', '2028-01-10T18:00:00+08:00'],
    ]);
    expect(settings.periodWeights).toEqual({ Q1: 10, Q2: 10, Q3: 10, Q4: 70 });
    expect(settingsProblems(settings)).toEqual([]);
  });

  it('turns 29 February into the 28th in a common year', () => {
    expect(shiftInstant('2028-02-29T09:00:00+08:00', 1)).toBe('2029-02-28T09:00:00+08:00');
    expect(shiftInstant('2027-02-28T09:00:00+08:00', 1)).toBe('2028-02-28T09:00:00+08:00');
  });

  it('names weights that do not sum to 100 and a window that closes before it opens', () => {
    const settings = carryOverSettings({ ...demoYear(2026, 'published'), version: 1 }, 2027);
    settings.periodWeights.Q4 = 60;
    const q2 = settings.periods[1];
    if (q2) q2.closesAt = '2027-06-01T09:00:00+08:00';
    expect(settingsProblems(settings).map((p) => p.path)).toEqual([
      'body.settings.periodWeights',
      'body.settings.periods.1.closesAt',
    ]);
    // The settings edit sends them at the top of the body.
    expect(settingsProblems(settings, 'body').map((p) => p.path)).toEqual([
      'body.periodWeights',
      'body.periods.1.closesAt',
    ]);
  });
});
