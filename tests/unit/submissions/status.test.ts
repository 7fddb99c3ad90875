import { describe, expect, it } from 'vitest';
import {
  ITEM_STATUSES,
  isEditable,
  isHandedIn,
  nextStatus,
  statusesFor,
} from '../../../shared/domain/submissions/status';

describe('the status machine of a submission item', () => {
  it('moves draft → submitted → returned → resubmitted → accepted', () => {
    expect(nextStatus('draft', 'submit')).toBe('submitted');
    expect(nextStatus('submitted', 'return')).toBe('returned');
    expect(nextStatus('returned', 'submit')).toBe('resubmitted');
    expect(nextStatus('resubmitted', 'return')).toBe('returned');
    expect(nextStatus('resubmitted', 'accept')).toBe('accepted');
    expect(nextStatus('submitted', 'accept')).toBe('accepted');
  });

  it('refuses every other move', () => {
    const allowed = new Set([
      'draft:submit',
      'returned:submit',
      'submitted:return',
      'resubmitted:return',
      'submitted:accept',
      'resubmitted:accept',
    ]);
    for (const status of ITEM_STATUSES) {
      for (const event of ['submit', 'return', 'accept'] as const) {
        expect(nextStatus(status, event) !== null, `${status}:${event}`).toBe(
          allowed.has(`${status}:${event}`),
        );
      }
    }
    expect(statusesFor('accept')).toEqual(['submitted', 'resubmitted']);
  });

  it('lets the unit edit only drafts and returned items; counts the rest as handed in', () => {
    expect(ITEM_STATUSES.filter(isEditable)).toEqual(['draft', 'returned']);
    expect(ITEM_STATUSES.filter(isHandedIn)).toEqual(['submitted', 'resubmitted', 'accepted']);
  });
});
